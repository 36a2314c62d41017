// The state of a running awk program: variables and arrays, the current
// record and its fields, compiled regexps and the output streams.
import { translate } from '../bre';
import { PatternError } from '../patternError';
import { PosixRegex } from '../posixRegex';
import { AwkFatal } from './errors';
import { inputValue, isTrue, toNumber, toStr, UNINIT, type Value } from './values';

export type AwkArray = Map<string, Value>;
export type Slot = Value | AwkArray;

export function isArray(v: Slot | undefined): v is AwkArray {
  return v instanceof Map;
}

export class AwkRuntime {
  readonly globals = new Map<string, Slot>();
  /** Local variables of the user function calls in progress, innermost last. */
  readonly frames: Array<Map<string, Slot>> = [];
  stdout = '';
  stderr = '';
  private fields: Value[] = [''];
  private nf = 0;
  private readonly regexCache = new Map<string, PosixRegex>();

  constructor(env: Record<string, string | undefined>) {
    const set = (name: string, v: Value) => this.globals.set(name, v);
    set('FS', ' ');
    set('OFS', ' ');
    set('ORS', '\n');
    set('RS', '\n');
    set('NR', 0);
    set('FNR', 0);
    set('SUBSEP', '\x1c');
    set('CONVFMT', '%.6g');
    set('OFMT', '%.6g');
    set('RSTART', 0);
    set('RLENGTH', -1);
    set('FILENAME', '');
    set('IGNORECASE', 0);
    set('ARGC', 1);
    this.globals.set('ARGV', new Map<string, Value>([['0', 'awk']]));
    const environ = new Map<string, Value>();
    for (const [k, v] of Object.entries(env)) if (v !== undefined) environ.set(k, inputValue(v));
    this.globals.set('ENVIRON', environ);
  }

  get convfmt(): string {
    return toStr(this.scalar('CONVFMT'), '%.6g');
  }

  str(v: Value): string {
    return toStr(v, this.convfmt);
  }

  private scope(name: string): Map<string, Slot> {
    const frame = this.frames[this.frames.length - 1];
    return frame && frame.has(name) ? frame : this.globals;
  }

  scalar(name: string): Value {
    if (name === 'NF') return this.nf;
    const v = this.scope(name).get(name);
    if (isArray(v)) throw new AwkFatal(`attempt to use array \`${name}' in a scalar context`);
    return v ?? UNINIT;
  }

  setScalar(name: string, v: Value): void {
    if (name === 'NF') return this.setNF(Math.trunc(toNumber(v)));
    const scope = this.scope(name);
    if (isArray(scope.get(name))) throw new AwkFatal(`attempt to use array \`${name}' in a scalar context`);
    scope.set(name, v);
  }

  array(name: string): AwkArray {
    const scope = this.scope(name);
    const v = scope.get(name);
    if (isArray(v)) return v;
    if (v !== undefined && v !== UNINIT) throw new AwkFatal(`attempt to use scalar \`${name}' as an array`);
    const created: AwkArray = new Map();
    scope.set(name, created);
    return created;
  }

  subscript(values: Value[]): string {
    return values.map((v) => this.str(v)).join(this.str(this.scalar('SUBSEP')));
  }

  // ---- records and fields

  setRecord(text: string): void {
    this.fields = [inputValue(text), ...this.split(text, this.scalar('FS')).map(inputValue)];
    this.nf = this.fields.length - 1;
  }

  field(i: number): Value {
    if (i < 0) throw new AwkFatal(`attempt to access field ${i}`);
    return i <= this.nf ? this.fields[i]! : '';
  }

  setField(i: number, v: Value): void {
    if (i < 0) throw new AwkFatal(`attempt to access field ${i}`);
    if (i === 0) return this.setRecord(this.str(v));
    while (this.nf < i) this.fields[++this.nf] = UNINIT;
    this.fields[i] = v;
    this.rebuild();
  }

  private setNF(n: number): void {
    if (n < 0) throw new AwkFatal(`NF set to negative value`);
    while (this.nf < n) this.fields[++this.nf] = UNINIT;
    this.nf = n;
    this.fields.length = n + 1;
    this.rebuild();
  }

  private rebuild(): void {
    const ofs = this.str(this.scalar('OFS'));
    this.fields[0] = this.fields.slice(1, this.nf + 1).map((f) => this.str(f)).join(ofs);
  }

  /** Splits text into fields as FS (or split()'s separator) says. */
  split(text: string, separator: Value | PosixRegex, paragraphMode = this.str(this.scalar('RS')) === ''): string[] {
    if (text === '') return [];
    if (separator instanceof PosixRegex) return this.splitRegex(text, separator);
    const fs = this.str(separator);
    if (fs === ' ') return text.split(/[ \t\n]+/).filter((f) => f !== '');
    if (fs === '') return [...text];
    let parts: string[];
    if (fs.length === 1 && fs !== '\\') {
      const ignoreCase = isTrue(this.scalar('IGNORECASE'));
      parts = ignoreCase && /[a-z]/i.test(fs) ? text.split(new RegExp(fs, 'i')) : text.split(fs);
    } else parts = this.splitRegex(text, this.regex(fs));
    return paragraphMode ? parts.flatMap((p) => p.split('\n')) : parts;
  }

  private splitRegex(text: string, re: PosixRegex): string[] {
    const out: string[] = [];
    let start = 0;
    let pos = 0;
    while (pos <= text.length) {
      const m = re.find(text, pos);
      if (!m) break;
      if (m[1] === m[0]) {
        pos = m[0] + 1;
        continue;
      }
      out.push(text.slice(start, m[0]));
      start = pos = m[1];
    }
    out.push(text.slice(start));
    return out;
  }

  /** Compiles an awk (gawk-syntax ERE) regexp, honouring IGNORECASE. */
  regex(source: string): PosixRegex {
    const ignoreCase = isTrue(this.scalar('IGNORECASE'));
    const key = `${ignoreCase ? 'i' : '-'}${source}`;
    let re = this.regexCache.get(key);
    if (!re) {
      try {
        const t = translate(source, true, 'awk');
        re = new PosixRegex(t.source, ignoreCase, t.hasAlternation, t.contextual);
      } catch (e) {
        const why = e instanceof PatternError ? e.message : 'Invalid regular expression';
        throw new AwkFatal(`${why}: /${source}/`);
      }
      this.regexCache.set(key, re);
    }
    return re;
  }

  emit(text: string, dest: string | undefined): void {
    if (dest === undefined || dest === '/dev/stdout' || dest === '-') this.stdout += text;
    else if (dest === '/dev/stderr') this.stderr += text;
    else throw new AwkFatal(`the built-in awk cannot write to "${dest}"; run the program in a terminal`);
  }
}
