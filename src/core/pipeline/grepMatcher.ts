// grep's pattern list compiled to JavaScript regular expressions: line
// selection and the POSIX leftmost-longest matches that -o prints.
import { translate, escapeLiteral, PatternError } from './bre';
import { WORD } from './brackets';
import { nextCharIndex, PosixRegex } from './posixRegex';

export type Syntax = 'basic' | 'extended' | 'fixed' | 'perl';

export interface MatcherOptions {
  readonly syntax: Syntax;
  readonly ignoreCase: boolean;
  readonly wordRegexp: boolean;
  readonly lineRegexp: boolean;
}

export class GrepMatcher {
  private readonly patterns: PosixRegex[];
  readonly warnings: string[] = [];

  constructor(sources: readonly string[], options: MatcherOptions) {
    this.patterns = sources.map((pattern) => {
      let source: string;
      let needsLongest = false;
      let ignoreCase = options.ignoreCase;
      let contextual = false;
      if (options.syntax === 'perl') {
        // Perl syntax is close to JavaScript's; an inline (?i) becomes the flag.
        source = pattern;
        if (source.startsWith('(?i)')) {
          source = source.slice(4);
          ignoreCase = true;
        }
        if (source.includes('\\K')) throw new PatternError('\\K in -P patterns is not supported by the built-in grep');
      } else if (options.syntax === 'fixed') {
        source = [...pattern].map(escapeLiteral).join('');
      } else {
        const t = translate(pattern, options.syntax === 'extended');
        for (const w of t.warnings) if (!this.warnings.includes(w)) this.warnings.push(w);
        source = t.source;
        needsLongest = t.hasAlternation;
        contextual = t.contextual;
      }
      if (options.lineRegexp) source = `^(?:${source})$`;
      else if (options.wordRegexp) source = `(?<!${WORD})(?:${source})(?!${WORD})`;
      if (options.wordRegexp) contextual = true;
      if (options.lineRegexp) needsLongest = false;
      try {
        return new PosixRegex(source, ignoreCase, needsLongest, contextual);
      } catch (e) {
        if (options.syntax === 'perl') throw new PatternError((e as Error).message.replace(/^Invalid regular expression: /, ''));
        throw new PatternError('Invalid regular expression');
      }
    });
  }

  /** Whether any pattern matches somewhere in the line. */
  test(line: string): boolean {
    return this.patterns.some((p) => p.test(line));
  }

  /** The non-empty matches in the line, left to right, as [start, end) UTF-16 offsets. */
  matches(line: string): Array<[number, number]> {
    const found: Array<[number, number]> = [];
    let pos = 0;
    while (pos <= line.length) {
      let best: [number, number] | undefined;
      for (const p of this.patterns) {
        const m = p.find(line, pos);
        if (m && (!best || m[0] < best[0] || (m[0] === best[0] && m[1] > best[1]))) best = m;
      }
      if (!best) break;
      if (best[1] === best[0]) {
        pos = nextCharIndex(line, best[0]);
        continue;
      }
      found.push(best);
      pos = best[1];
    }
    return found;
  }
}
