// wc over piped text: GNU coreutils counts and column layout for standard input.
import { coreutilsUsage, parseArgs, rejectFiles, type OptionSpec } from './args';
import { charWidth, isPrintable } from '../text';
import type { TextFilter } from './filter';
import { CharJoiner, utf8Length } from './lines';

const TOOL = coreutilsUsage('wc');

const SPECS: OptionSpec[] = [
  { key: 'c', short: 'c', long: 'bytes' },
  { key: 'm', short: 'm', long: 'chars' },
  { key: 'l', short: 'l', long: 'lines' },
  { key: 'L', short: 'L', long: 'max-line-length' },
  { key: 'w', short: 'w', long: 'words' },
];

/** Word separators in coreutils 9 wc: iswspace plus the no-break spaces. */
const SEPARATORS = new Set([
  0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
  0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x205f, 0x3000, 0x00a0, 0x2007, 0x202f, 0x2060,
]);

type Count = 'l' | 'w' | 'm' | 'c' | 'L';
const ORDER: Count[] = ['l', 'w', 'm', 'c', 'L'];

export function createWc(args: readonly string[]): TextFilter {
  const parsed = parseArgs(args, SPECS, TOOL);
  rejectFiles(TOOL, parsed.operands);
  let wanted = new Set(parsed.options.map((o) => o.key as Count));
  if (wanted.size === 0) wanted = new Set<Count>(['l', 'w', 'c']);
  return new WcFilter(ORDER.filter((k) => wanted.has(k)));
}

class WcFilter implements TextFilter {
  readonly exitCode = 0;
  private readonly joiner = new CharJoiner();
  private lines = 0;
  private words = 0;
  private chars = 0;
  private bytes = 0;
  private inWord = false;
  private lineWidth = 0;
  private maxWidth = 0;
  private readonly needChars: boolean;

  constructor(private readonly counts: Count[]) {
    this.needChars = counts.includes('w') || counts.includes('m') || counts.includes('L');
  }

  write(chunk: string): string {
    this.count(this.joiner.push(chunk));
    return '';
  }

  async end(): Promise<string> {
    this.count(this.joiner.finish());
    if (this.inWord) this.words++;
    this.inWord = false;
    this.maxWidth = Math.max(this.maxWidth, this.lineWidth);
    const values: Record<Count, number> = {
      l: this.lines,
      w: this.words,
      m: this.chars,
      c: this.bytes,
      L: this.maxWidth,
    };
    const numbers = this.counts.map((k) => String(values[k]));
    if (numbers.length === 1) return `${numbers[0]}\n`;
    return numbers.map((n) => n.padStart(7)).join(' ') + '\n';
  }

  private count(text: string): void {
    if (text === '') return;
    this.bytes += utf8Length(text);
    if (!this.needChars) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lines++;
      return;
    }
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      this.chars++;
      if (cp === 0x0a) {
        this.lines++;
        this.maxWidth = Math.max(this.maxWidth, this.lineWidth);
        this.lineWidth = 0;
      } else if (cp === 0x09) {
        this.lineWidth += 8 - (this.lineWidth % 8);
      } else if (cp === 0x0d || cp === 0x0c) {
        this.maxWidth = Math.max(this.maxWidth, this.lineWidth);
        this.lineWidth = 0;
      } else {
        this.lineWidth += cp < 0x7f ? (cp >= 0x20 ? 1 : 0) : charWidth(ch);
      }
      if (SEPARATORS.has(cp)) {
        if (this.inWord) this.words++;
        this.inWord = false;
      } else if (cp < 0x7f ? cp > 0x20 : isPrintable(ch)) {
        this.inWord = true;
      }
    }
  }
}
