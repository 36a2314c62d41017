// head and tail over piped text: -n/-c counts (with +N, -N and size suffixes)
// and the obsolete "-N" / "+N" forms, as GNU coreutils reads them.
import { coreutilsUsage, parseArgs, plainError, quoteValue, rejectFiles, type OptionSpec, type ToolUsage } from './args';
import { FilterUsageError, type TextFilter } from './filter';
import { CharJoiner } from './lines';

type Mode = 'first' | 'allButLast' | 'last' | 'from';
interface Selection {
  readonly bytes: boolean;
  readonly mode: Mode;
  readonly count: number;
  readonly header: boolean;
}

const SUFFIXES: Record<string, number> = {
  '': 1, b: 512, c: 1, w: 2, k: 1024, K: 1024, kB: 1000, KB: 1000, KiB: 1024, m: 1024 ** 2, M: 1024 ** 2,
  MB: 1000 ** 2, MiB: 1024 ** 2, G: 1024 ** 3, GB: 1000 ** 3, GiB: 1024 ** 3, T: 1024 ** 4, TB: 1000 ** 4,
  P: 1024 ** 5, PB: 1000 ** 5, E: 1024 ** 6, EB: 1000 ** 6,
};

function parseCount(tool: ToolUsage, value: string, bytes: boolean): { sign: string; count: number } {
  const m = /^\s*([+-]?)(\d+)([A-Za-z]*)$/.exec(value);
  const what = bytes ? 'bytes' : 'lines';
  const scale = m ? SUFFIXES[m[3]!] : undefined;
  if (!m || scale === undefined) throw plainError(tool, `invalid number of ${what}: ${quoteValue(value)}`);
  return { sign: m[1]!, count: Math.min(Number(m[2]) * scale, Number.MAX_SAFE_INTEGER) };
}

const SPECS: OptionSpec[] = [
  { key: 'c', short: 'c', long: 'bytes', arg: 'required' },
  { key: 'n', short: 'n', long: 'lines', arg: 'required' },
  { key: 'q', short: 'q', long: 'quiet' },
  { key: 'q', long: 'silent' },
  { key: 'v', short: 'v', long: 'verbose' },
  { key: 'z', short: 'z', long: 'zero-terminated' },
  { key: 'f', short: 'f', long: 'follow', arg: 'optional' },
  { key: 'F', short: 'F' },
  { key: 'retry', long: 'retry' },
  { key: 's', short: 's', long: 'sleep-interval', arg: 'required' },
  { key: 'pid', long: 'pid', arg: 'required' },
];

function readSelection(program: 'head' | 'tail', rawArgs: readonly string[]): Selection {
  const tool = coreutilsUsage(program);
  const args = [...rawArgs];
  // Obsolete forms: "head -5", "tail -5", "tail +5", "head -5c" as the first argument.
  const obsolete = /^([+-])(\d+)([cbkml]?)(f?)$/.exec(args[0] ?? '');
  if (obsolete && (program === 'tail' || obsolete[1] === '-')) {
    args.shift();
    const unit = obsolete[3]!;
    const bytes = unit !== '' && unit !== 'l';
    const scale = unit === 'b' ? 512 : unit === 'k' ? 1024 : unit === 'm' ? 1024 * 1024 : 1;
    args.unshift(bytes ? '-c' : '-n', `${program === 'tail' ? obsolete[1] : ''}${Number(obsolete[2]) * scale}`);
  }
  const parsed = parseArgs(args, program === 'head' ? SPECS.slice(0, 6) : SPECS, tool);
  rejectFiles(tool, parsed.operands);
  let selection: Selection = { bytes: false, mode: program === 'head' ? 'first' : 'last', count: 10, header: false };
  let header = false;
  for (const opt of parsed.options) {
    if (opt.key === 'n' || opt.key === 'c') {
      const bytes = opt.key === 'c';
      const { sign, count } = parseCount(tool, opt.value ?? '', bytes);
      const mode: Mode =
        program === 'head' ? (sign === '-' ? 'allButLast' : 'first') : sign === '+' ? 'from' : 'last';
      selection = { bytes, mode, count, header: false };
    } else if (opt.key === 'v') header = true;
    else if (opt.key === 'q') header = false;
    else if (opt.key === 'z') {
      throw new FilterUsageError(`${program}: option -z is not supported by the built-in ${program}`, 1);
    }
  }
  return { ...selection, header };
}

export function createHead(args: readonly string[]): TextFilter {
  return new HeadTailFilter(readSelection('head', args));
}

export function createTail(args: readonly string[]): TextFilter {
  return new HeadTailFilter(readSelection('tail', args));
}

/** Works on lines (keeping each "\n") or on UTF-8 bytes, per the selection. */
class HeadTailFilter implements TextFilter {
  readonly exitCode = 0;
  private finished = false;
  private started = false;
  private seen = 0;
  private readonly kept: string[] = [];
  private tail = '';
  private readonly joiner = new CharJoiner();
  private keptBytes: Buffer[] = [];
  private keptByteCount = 0;
  private readonly decoder = new TextDecoder();

  constructor(private readonly s: Selection) {
    if (s.mode === 'first' && s.count === 0) this.finished = true;
  }

  get done(): boolean {
    return this.finished;
  }

  write(chunk: string): string {
    const header = this.header();
    if (this.finished) return header;
    if (this.s.bytes) return header + this.writeBytes(Buffer.from(this.joiner.push(chunk), 'utf8'));
    const text = this.tail + chunk;
    const parts = text.split('\n');
    this.tail = parts.pop()!;
    let out = header;
    for (const part of parts) out += this.takeLine(`${part}\n`);
    return out;
  }

  async end(): Promise<string> {
    let out = this.header();
    if (this.s.bytes) {
      out += this.writeBytes(Buffer.from(this.joiner.finish(), 'utf8'));
      out += this.endBytes();
      return out + this.decoder.decode();
    }
    if (this.tail !== '' && !this.finished) out += this.takeLine(this.tail);
    this.tail = '';
    if (this.s.mode === 'last') out += this.kept.join('');
    this.finished = true;
    return out;
  }

  private header(): string {
    if (this.started) return '';
    this.started = true;
    return this.s.header ? '==> standard input <==\n' : '';
  }

  private takeLine(line: string): string {
    const { mode, count } = this.s;
    this.seen++;
    switch (mode) {
      case 'first':
        if (this.seen >= count) this.finished = true;
        return this.seen <= count ? line : '';
      case 'from':
        return this.seen >= count ? line : '';
      case 'last':
        if (count === 0) return '';
        this.kept.push(line);
        if (this.kept.length > count) this.kept.shift();
        return '';
      case 'allButLast':
        this.kept.push(line);
        return this.kept.length > count ? this.kept.shift()! : '';
    }
  }

  private writeBytes(bytes: Buffer): string {
    if (bytes.length === 0 || this.finished) return '';
    const { mode, count } = this.s;
    const before = this.seen;
    this.seen += bytes.length;
    if (mode === 'first') {
      const take = Math.max(0, Math.min(bytes.length, count - before));
      if (this.seen >= count) this.finished = true;
      return this.decoder.decode(bytes.subarray(0, take), { stream: true });
    }
    if (mode === 'from') {
      const skip = Math.max(0, Math.min(bytes.length, count - 1 - before));
      return this.decoder.decode(bytes.subarray(skip), { stream: true });
    }
    this.keptBytes.push(bytes);
    this.keptByteCount += bytes.length;
    if (mode === 'allButLast' && this.keptByteCount > count) {
      const all = Buffer.concat(this.keptBytes);
      const release = all.length - count;
      this.keptBytes = [all.subarray(release)];
      this.keptByteCount = count;
      return this.decoder.decode(all.subarray(0, release), { stream: true });
    }
    return '';
  }

  private endBytes(): string {
    if (this.s.mode !== 'last') return '';
    const all = Buffer.concat(this.keptBytes);
    return this.decoder.decode(all.subarray(Math.max(0, all.length - this.s.count)), { stream: true });
  }
}
