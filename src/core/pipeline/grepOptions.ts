// grep's command line: GNU grep 3.x options, patterns and usage errors.
import { parseArgs, rejectFiles, usageError, plainError, type OptionSpec, type ParsedOption, type ToolUsage } from './args';
import { FilterUsageError } from './filter';
import type { Syntax } from './grepMatcher';

export const GREP_USAGE: ToolUsage = {
  program: 'grep',
  exitCode: 2,
  trailer: "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.",
};

const SPECS: OptionSpec[] = [
  { key: 'E', short: 'E', long: 'extended-regexp' },
  { key: 'F', short: 'F', long: 'fixed-strings' },
  { key: 'G', short: 'G', long: 'basic-regexp' },
  { key: 'P', short: 'P', long: 'perl-regexp' },
  { key: 'e', short: 'e', long: 'regexp', arg: 'required' },
  { key: 'i', short: 'i', long: 'ignore-case' },
  { key: 'i', short: 'y' },
  { key: 'no-i', long: 'no-ignore-case' },
  { key: 'w', short: 'w', long: 'word-regexp' },
  { key: 'x', short: 'x', long: 'line-regexp' },
  { key: 'v', short: 'v', long: 'invert-match' },
  { key: 'A', short: 'A', long: 'after-context', arg: 'required' },
  { key: 'B', short: 'B', long: 'before-context', arg: 'required' },
  { key: 'C', short: 'C', long: 'context', arg: 'required' },
  { key: 'color', long: 'color', arg: 'optional' },
  { key: 'color', long: 'colour', arg: 'optional' },
  { key: 'c', short: 'c', long: 'count' },
  { key: 'o', short: 'o', long: 'only-matching' },
  { key: 'q', short: 'q', long: 'quiet' },
  { key: 'q', long: 'silent' },
  { key: 's', short: 's', long: 'no-messages' },
  { key: 'm', short: 'm', long: 'max-count', arg: 'required' },
  { key: 'n', short: 'n', long: 'line-number' },
  { key: 'b', short: 'b', long: 'byte-offset' },
  { key: 'H', short: 'H', long: 'with-filename' },
  { key: 'h', short: 'h', long: 'no-filename' },
  { key: 'label', long: 'label', arg: 'required' },
  { key: 'l', short: 'l', long: 'files-with-matches' },
  { key: 'L', short: 'L', long: 'files-without-match' },
  { key: 'group-separator', long: 'group-separator', arg: 'required' },
  { key: 'no-group-separator', long: 'no-group-separator' },
  { key: 'a', short: 'a', long: 'text' },
  { key: 'line-buffered', long: 'line-buffered' },
  // Options the real grep has that the built-in one does not implement.
  ...['f', 'r', 'R', 'z', 'Z', 'T', 'U', 'd', 'D', 'u'].map((c) => ({
    key: `unsupported`,
    short: c,
    arg: c === 'f' || c === 'd' || c === 'D' ? ('required' as const) : ('none' as const),
  })),
  { key: 'unsupported', long: 'file', arg: 'required' },
  { key: 'unsupported', long: 'recursive' },
  { key: 'unsupported', long: 'null-data' },
  { key: 'unsupported', long: 'include', arg: 'required' },
  { key: 'unsupported', long: 'exclude', arg: 'required' },
];

export interface GrepOptions {
  patterns: string[];
  syntax: Syntax;
  ignoreCase: boolean;
  word: boolean;
  line: boolean;
  invert: boolean;
  count: boolean;
  only: boolean;
  quiet: boolean;
  listMatching: boolean;
  listNonMatching: boolean;
  lineNumbers: boolean;
  byteOffsets: boolean;
  label: string | undefined;
  after: number;
  before: number;
  contextRequested: boolean;
  maxCount: number;
  separator: string | undefined;
}

function contextLength(value: string): number {
  if (!/^\d+$/.test(value)) throw plainError(GREP_USAGE, `${value}: invalid context length argument`);
  return Number(value);
}

export function readGrepOptions(args: readonly string[]): GrepOptions {
  let digits = '';
  let digitsArg = -1;
  const parsed = parseArgs(args, SPECS, GREP_USAGE, {
    onUnknownShort: (ch: string, out: ParsedOption[], argIndex: number) => {
      if (ch < '0' || ch > '9') return false;
      digits = digitsArg === argIndex ? digits + ch : ch;
      digitsArg = argIndex;
      out.push({ key: 'NUM', name: `-${ch}`, value: digits });
      return true;
    },
  });
  const o: GrepOptions = {
    patterns: [], syntax: 'basic', ignoreCase: false, word: false, line: false, invert: false,
    count: false, only: false, quiet: false, listMatching: false, listNonMatching: false,
    lineNumbers: false, byteOffsets: false, label: undefined, after: -1, before: -1,
    contextRequested: false, maxCount: -1, separator: '--',
  };
  let explicit = false;
  let context = -1;
  for (const opt of parsed.options) {
    const v = opt.value ?? '';
    switch (opt.key) {
      case 'E': o.syntax = 'extended'; break;
      case 'F': o.syntax = 'fixed'; break;
      case 'G': o.syntax = 'basic'; break;
      case 'P': o.syntax = 'perl'; break;
      case 'e': o.patterns.push(...v.split('\n')); explicit = true; break;
      case 'i': o.ignoreCase = true; break;
      case 'no-i': o.ignoreCase = false; break;
      case 'w': o.word = true; break;
      case 'x': o.line = true; break;
      case 'v': o.invert = true; break;
      case 'A': o.after = contextLength(v); break;
      case 'B': o.before = contextLength(v); break;
      case 'C': case 'NUM': context = contextLength(v); break;
      case 'color':
        if (opt.value !== undefined && !['never', 'no', 'none', 'auto', 'tty', 'if-tty'].includes(v)) {
          throw unsupported(`${opt.name}=${v}`);
        }
        break;
      case 'c': o.count = true; break;
      case 'o': o.only = true; break;
      case 'q': o.quiet = true; break;
      case 'm':
        if (!/^-?\d+$/.test(v)) throw plainError(GREP_USAGE, 'invalid max count');
        o.maxCount = Number(v) < 0 ? -1 : Number(v);
        break;
      case 'n': o.lineNumbers = true; break;
      case 'b': o.byteOffsets = true; break;
      case 'H': o.label = o.label ?? '(standard input)'; break;
      case 'h': o.label = undefined; break;
      case 'label': o.label = v; break;
      case 'l': o.listMatching = true; o.listNonMatching = false; break;
      case 'L': o.listNonMatching = true; o.listMatching = false; break;
      case 'group-separator': o.separator = v; break;
      case 'no-group-separator': o.separator = undefined; break;
      case 'unsupported': throw unsupported(opt.name);
      default: break;
    }
  }
  if (context >= 0) {
    if (o.after < 0) o.after = context;
    if (o.before < 0) o.before = context;
  }
  o.contextRequested = o.after >= 0 || o.before >= 0;
  o.after = Math.max(o.after, 0);
  o.before = Math.max(o.before, 0);
  const operands = [...parsed.operands];
  if (!explicit) {
    const first = operands.shift();
    if (first === undefined) throw usageError(GREP_USAGE, undefined);
    o.patterns.push(...first.split('\n'));
  }
  rejectFiles(GREP_USAGE, operands);
  return o;
}

function unsupported(name: string): FilterUsageError {
  return new FilterUsageError(
    `grep: option ${name} is not supported by the built-in grep; run the command in a terminal`,
    GREP_USAGE.exitCode,
  );
}
