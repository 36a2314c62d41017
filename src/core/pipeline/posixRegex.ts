// A translated POSIX regular expression with POSIX's leftmost-longest match
// (JavaScript's own engine is leftmost-first, which differs only for alternation).

/** Lines longer than this keep JavaScript's leftmost-first match. */
const LONGEST_MATCH_LIMIT = 2000;

export class PosixRegex {
  private readonly search: RegExp;
  private readonly extend: RegExp | undefined;
  /** Sticky regexps that must end exactly `k` characters before the end of the text, by k. */
  private readonly endingAt = new Map<number, RegExp>();

  /**
   * @param source JavaScript source for the 'u' flag (see translate()).
   * @param needsLongest The pattern has alternation or quantified groups.
   * @param contextual The pattern has assertions that look at the text after the match ($, \>, \b).
   */
  constructor(
    readonly source: string,
    readonly ignoreCase: boolean,
    needsLongest: boolean,
    private readonly contextual = false,
  ) {
    const flags = ignoreCase ? 'iu' : 'u';
    this.search = new RegExp(source, `g${flags}`);
    this.extend = needsLongest ? new RegExp(`(?:${source})$`, `y${flags}`) : undefined;
  }

  /** Whether the pattern matches exactly text[start, end), judged in the whole text. */
  private matchesExactly(text: string, start: number, end: number): boolean {
    this.extend!.lastIndex = start;
    if (!this.extend!.test(text.slice(0, end))) return false;
    if (!this.contextual) return true;
    const k = text.length - end;
    let re = this.endingAt.get(k);
    if (!re) {
      re = new RegExp(`(?:${this.source})(?=[\\s\\S]{${k}}$)`, `y${this.ignoreCase ? 'iu' : 'u'}`);
      this.endingAt.set(k, re);
    }
    re.lastIndex = start;
    return re.test(text);
  }

  test(text: string): boolean {
    this.search.lastIndex = 0;
    return this.search.test(text);
  }

  /** The leftmost(-longest) match at or after `from`, as [start, end) UTF-16 offsets. */
  find(text: string, from = 0): [number, number] | undefined {
    this.search.lastIndex = from;
    const m = this.search.exec(text);
    if (!m) return undefined;
    const start = m.index;
    let end = start + m[0].length;
    if (this.extend && text.length <= LONGEST_MATCH_LIMIT) {
      for (let e = text.length; e > end; e--) {
        if (this.matchesExactly(text, start, e)) {
          end = e;
          break;
        }
      }
    }
    return [start, end];
  }
}

/** Index just past the character at `i` (a surrogate pair counts as one). */
export function nextCharIndex(text: string, i: number): number {
  const cp = text.codePointAt(i);
  return i + (cp !== undefined && cp > 0xffff ? 2 : 1);
}
