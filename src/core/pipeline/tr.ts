// tr over piped text: translate, -d delete, -s squeeze, -c complement, -t
// truncate; byte-wise like GNU tr.
import { coreutilsUsage, parseArgs, quoteValue, rejectFiles, usageError, type OptionSpec } from './args';
import { FilterUsageError, type TextFilter } from './filter';
import { CharJoiner } from './lines';
import { expandSet, parseSet } from './trSets';

const TOOL = coreutilsUsage('tr');

const SPECS: OptionSpec[] = [
  { key: 'c', short: 'c', long: 'complement' },
  { key: 'c', short: 'C' },
  { key: 'd', short: 'd', long: 'delete' },
  { key: 's', short: 's', long: 'squeeze-repeats' },
  { key: 't', short: 't', long: 'truncate-set1' },
];

interface TrPlan {
  /** Byte -> replacement byte, or -1 to delete, for every byte value. */
  readonly map: Int16Array;
  /** Bytes whose repeats collapse to one. */
  readonly squeeze: Uint8Array;
  readonly squeezing: boolean;
}

function complementOf(bytes: number[]): number[] {
  const present = new Set(bytes);
  const out: number[] = [];
  for (let b = 0; b < 256; b++) if (!present.has(b)) out.push(b);
  return out;
}

function plan(args: readonly string[]): TrPlan {
  const parsed = parseArgs(args, SPECS, TOOL);
  const flags = new Set(parsed.options.map((o) => o.key));
  const complement = flags.has('c');
  const del = flags.has('d');
  const squeeze = flags.has('s');
  const truncate = flags.has('t');
  const operands = parsed.operands;
  const translating = !del && operands.length >= 2;
  const maxOperands = del && squeeze ? 2 : del || (squeeze && operands.length < 2) ? 1 : 2;
  if (operands.length === 0) throw usageError(TOOL, 'missing operand');
  if (operands.length < 2 && ((!del && !squeeze) || (del && squeeze))) {
    const why = del ? 'Two strings must be given when both deleting and squeezing repeats.' : 'Two strings must be given when translating.';
    throw usageError(TOOL, `missing operand after ${quoteValue(operands[0]!)}\n${why}`);
  }
  if (operands.length > maxOperands) {
    const extra = operands[maxOperands]!;
    if (operands.length > 2) rejectFiles(TOOL, operands.slice(2));
    const why = del ? '\nOnly one string may be given when deleting without squeezing repeats.' : '';
    throw usageError(TOOL, `extra operand ${quoteValue(extra)}${why}`);
  }
  let set1 = expandSet(parseSet(operands[0]!));
  if (parseSet(operands[0]!).some((i) => i.kind === 'repeat')) {
    throw new FilterUsageError('tr: the [c*] repeat construct may not appear in string1', 1);
  }
  if (complement) set1 = complementOf(set1);
  const map = new Int16Array(256);
  for (let b = 0; b < 256; b++) map[b] = b;
  const squeezeSet = new Uint8Array(256);
  if (translating) {
    let set2 = expandSet(parseSet(operands[1]!), set1.length);
    if (set2.length === 0 && set1.length > 0 && !truncate) {
      throw new FilterUsageError('tr: when not truncating set1, string2 must be non-empty', 1);
    }
    if (truncate) set1 = set1.slice(0, set2.length);
    while (set2.length < set1.length) set2.push(set2[set2.length - 1]!);
    set1.forEach((b, i) => (map[b] = set2[i]!));
    if (squeeze) for (const b of set2) squeezeSet[b] = 1;
  } else {
    if (del) for (const b of set1) map[b] = -1;
    const squeezeBytes = del ? (operands[1] !== undefined ? expandSet(parseSet(operands[1])) : []) : set1;
    if (squeeze) for (const b of squeezeBytes) squeezeSet[b] = 1;
  }
  return { map, squeeze: squeezeSet, squeezing: squeeze };
}

export function createTr(args: readonly string[]): TextFilter {
  return new TrFilter(plan(args));
}

class TrFilter implements TextFilter {
  readonly exitCode = 0;
  private readonly joiner = new CharJoiner();
  private readonly decoder = new TextDecoder();
  private last = -1;

  constructor(private readonly p: TrPlan) {}

  write(chunk: string): string {
    return this.translate(this.joiner.push(chunk), false);
  }

  async end(): Promise<string> {
    return this.translate(this.joiner.finish(), true);
  }

  private translate(text: string, final: boolean): string {
    const input = Buffer.from(text, 'utf8');
    const out = Buffer.allocUnsafe(input.length);
    let n = 0;
    const { map, squeeze, squeezing } = this.p;
    for (const b of input) {
      const r = map[b]!;
      if (r < 0) continue;
      if (squeezing && r === this.last && squeeze[r]) continue;
      out[n++] = r;
      this.last = r;
    }
    return this.decoder.decode(out.subarray(0, n), { stream: !final });
  }
}
