// grep over piped text: GNU grep 3.x selection, context, output formats and exit status.
import { FilterUsageError, type TextFilter } from './filter';
import { GrepMatcher } from './grepMatcher';
import { readGrepOptions, type GrepOptions } from './grepOptions';
import { LineSplitter, utf8Length } from './lines';
import { PatternError } from './patternError';

export function createGrep(args: readonly string[]): TextFilter {
  const options = readGrepOptions(args);
  let matcher: GrepMatcher;
  try {
    matcher = new GrepMatcher(options.patterns, {
      syntax: options.syntax,
      ignoreCase: options.ignoreCase,
      wordRegexp: options.word,
      lineRegexp: options.line,
    });
  } catch (e) {
    if (e instanceof PatternError) throw new FilterUsageError(`grep: ${e.message}`, 2);
    throw e;
  }
  return new GrepFilter(options, matcher);
}

class GrepFilter implements TextFilter {
  private readonly lines = new LineSplitter();
  private lineNo = 0;
  private offset = 0;
  private selected = 0;
  private lastOutput = 0;
  private afterLeft = 0;
  private readonly pending: Array<{ text: string; no: number; offset: number }> = [];
  private binary = false;
  private finished = false;
  private status = 1;
  private messages: string[];

  constructor(
    private readonly o: GrepOptions,
    private readonly matcher: GrepMatcher,
  ) {
    this.messages = matcher.warnings.map((w) => `grep: warning: ${w}`);
  }

  get exitCode(): number {
    return this.status;
  }

  get done(): boolean {
    return this.finished;
  }

  get stderr(): string {
    return this.messages.map((m) => `${m}\n`).join('');
  }

  write(chunk: string): string {
    if (this.finished) return '';
    if (chunk.includes('\0')) this.binary = true;
    let out = '';
    for (const line of this.lines.push(chunk)) {
      out += this.handle(line);
      if (this.finished) break;
    }
    return out;
  }

  async end(): Promise<string> {
    let out = '';
    const last = this.lines.finish();
    if (last !== undefined && !this.finished) out += this.handle(last);
    this.finished = true;
    const o = this.o;
    if (o.count && !o.quiet && !o.listMatching && !o.listNonMatching) out += `${this.prefix(':')}${this.selected}\n`;
    if (o.listNonMatching && this.selected === 0 && !o.quiet) out += `${o.label ?? '(standard input)'}\n`;
    this.status = this.selected > 0 ? 0 : 1;
    return out;
  }

  private prefix(sep: string, no?: number, offset?: number): string {
    let p = this.o.label !== undefined ? `${this.o.label}${sep}` : '';
    if (no !== undefined && this.o.lineNumbers) p += `${no}${sep}`;
    if (offset !== undefined && this.o.byteOffsets) p += `${offset}${sep}`;
    return p;
  }

  private handle(text: string): string {
    const o = this.o;
    const no = ++this.lineNo;
    const offset = this.offset;
    this.offset += utf8Length(text) + 1;
    const limitReached = o.maxCount >= 0 && this.selected >= o.maxCount;
    if (limitReached) {
      // After the last allowed match only its trailing context is printed.
      if (this.afterLeft > 0) {
        this.afterLeft--;
        const out = this.context(text, no, offset);
        if (this.afterLeft === 0) this.finished = true;
        return out;
      }
      this.finished = true;
      return '';
    }
    const isSelected = this.matcher.test(text) !== o.invert;
    if (!isSelected) {
      if (this.afterLeft > 0) {
        this.afterLeft--;
        return this.context(text, no, offset);
      }
      if (o.before > 0) {
        this.pending.push({ text, no, offset });
        if (this.pending.length > o.before) this.pending.shift();
      }
      return '';
    }
    this.selected++;
    if (o.quiet || o.listMatching) {
      this.finished = true;
      this.status = 0;
      return o.quiet ? '' : `${o.label ?? '(standard input)'}\n`;
    }
    if (o.maxCount >= 0 && this.selected >= o.maxCount && o.after === 0) this.finished = true;
    if (o.count || o.listNonMatching) return '';
    if (this.binary) {
      this.messages.push(`grep: ${o.label ?? '(standard input)'}: binary file matches`);
      this.finished = true;
      return '';
    }
    let out = '';
    for (const p of this.pending) out += this.context(p.text, p.no, p.offset);
    this.pending.length = 0;
    out += this.separatorBefore(no);
    this.lastOutput = no;
    this.afterLeft = o.after;
    if (!o.only) return out + `${this.prefix(':', no, offset)}${text}\n`;
    if (o.invert) return out;
    for (const [start, end] of this.matcher.matches(text)) {
      const matchOffset = offset + utf8Length(text.slice(0, start));
      out += `${this.prefix(':', no, matchOffset)}${text.slice(start, end)}\n`;
    }
    return out;
  }

  private context(text: string, no: number, offset: number): string {
    if (this.o.count || this.o.listNonMatching || this.binary) return '';
    const out = this.separatorBefore(no);
    this.lastOutput = no;
    if (this.o.only) return out;
    return `${out}${this.prefix('-', no, offset)}${text}\n`;
  }

  private separatorBefore(no: number): string {
    const o = this.o;
    if (!o.contextRequested || o.separator === undefined) return '';
    if (this.lastOutput === 0 || no === this.lastOutput + 1) return '';
    return `${o.separator}\n`;
  }
}

/** egrep is grep -E (GNU's egrep script, without its obsolescence warning). */
export function createEgrep(args: readonly string[]): TextFilter {
  return createGrep(['-E', ...args]);
}

/** fgrep is grep -F. */
export function createFgrep(args: readonly string[]): TextFilter {
  return createGrep(['-F', ...args]);
}
