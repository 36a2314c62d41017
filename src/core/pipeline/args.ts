// GNU getopt_long-style parsing of a filter's arguments: clustered short
// flags (-in), attached or separate values (-A2, -A 2), long options with
// unique-prefix abbreviation (--count, --after=2), "--", and operands
// allowed anywhere (GNU argument permutation) unless stopAtOperand is set.
import { FilterUsageError } from './filter';

export interface OptionSpec {
  /** Identifier reported in ParsedOption.key. */
  readonly key: string;
  readonly short?: string;
  readonly long?: string;
  /** 'required' takes a value; 'optional' takes one only when attached (-d5, --opt=5). */
  readonly arg?: 'none' | 'required' | 'optional';
}

export interface ParsedOption {
  readonly key: string;
  readonly value?: string;
  /** The option as the user wrote it ("-A", "--after-context"), for messages. */
  readonly name: string;
}

export interface ParsedArgs {
  readonly options: ParsedOption[];
  readonly operands: string[];
}

/** How a tool reports bad usage: its name, exit status and the lines printed after the error. */
export interface ToolUsage {
  readonly program: string;
  readonly exitCode: number;
  /** Lines printed after the specific complaint, e.g. "Try 'wc --help' for more information." */
  readonly trailer: string;
}

export function coreutilsUsage(program: string, exitCode = 1): ToolUsage {
  return { program, exitCode, trailer: `Try '${program} --help' for more information.` };
}

export function usageError(tool: ToolUsage, complaint: string | undefined): FilterUsageError {
  const lines = complaint === undefined ? [tool.trailer] : [`${tool.program}: ${complaint}`, tool.trailer];
  return new FilterUsageError(lines.filter((l) => l !== '').join('\n'), tool.exitCode);
}

/** A complaint with no trailer ("head: invalid number of lines: ‘x’"). */
export function plainError(tool: ToolUsage, complaint: string): FilterUsageError {
  return new FilterUsageError(`${tool.program}: ${complaint}`, tool.exitCode);
}

/** Quotes a value the way coreutils does in a UTF-8 locale. */
export function quoteValue(value: string): string {
  return `‘${value}’`;
}

export interface ParseOptions {
  /** Stop option parsing at the first operand (awk, POSIX style). */
  readonly stopAtOperand?: boolean;
  /** Called for a short-option character not in the specs; return true if handled (e.g. grep -5). */
  readonly onUnknownShort?: (ch: string, out: ParsedOption[], argIndex: number) => boolean;
}

export function parseArgs(
  args: readonly string[],
  specs: readonly OptionSpec[],
  tool: ToolUsage,
  parse: ParseOptions = {},
): ParsedArgs {
  const options: ParsedOption[] = [];
  const operands: string[] = [];
  let i = 0;
  while (i < args.length) {
    const arg = args[i++]!;
    if (arg === '--') {
      operands.push(...args.slice(i));
      break;
    }
    if (arg.startsWith('--')) {
      i = parseLong(arg, args, i, specs, tool, options);
    } else if (arg.startsWith('-') && arg.length > 1) {
      i = parseShortCluster(arg, args, i, specs, tool, options, parse, i - 1);
    } else {
      operands.push(arg);
      if (parse.stopAtOperand) {
        operands.push(...args.slice(i));
        break;
      }
    }
  }
  return { options, operands };
}

function parseLong(
  arg: string,
  args: readonly string[],
  next: number,
  specs: readonly OptionSpec[],
  tool: ToolUsage,
  out: ParsedOption[],
): number {
  const eq = arg.indexOf('=');
  const written = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
  const attached = eq < 0 ? undefined : arg.slice(eq + 1);
  const exact = specs.find((s) => s.long === written);
  let spec = exact;
  if (!spec) {
    const matches = specs.filter((s) => s.long !== undefined && s.long.startsWith(written));
    const keys = new Set(matches.map((s) => s.key));
    if (matches.length === 0) throw usageError(tool, `unrecognized option '${arg}'`);
    if (keys.size > 1) {
      const names = matches.map((s) => `'--${s.long}'`).join(' ');
      throw usageError(tool, `option '--${written}' is ambiguous; possibilities: ${names}`);
    }
    spec = matches[0]!;
  }
  const name = `--${spec.long}`;
  const kind = spec.arg ?? 'none';
  if (kind === 'none') {
    if (attached !== undefined) throw usageError(tool, `option '${name}' doesn't allow an argument`);
    out.push({ key: spec.key, name });
    return next;
  }
  if (attached !== undefined || kind === 'optional') {
    out.push({ key: spec.key, name, value: attached });
    return next;
  }
  if (next >= args.length) throw usageError(tool, `option '${name}' requires an argument`);
  out.push({ key: spec.key, name, value: args[next]! });
  return next + 1;
}

function parseShortCluster(
  arg: string,
  args: readonly string[],
  next: number,
  specs: readonly OptionSpec[],
  tool: ToolUsage,
  out: ParsedOption[],
  parse: ParseOptions,
  argIndex: number,
): number {
  for (let j = 1; j < arg.length; j++) {
    const ch = arg[j]!;
    const spec = specs.find((s) => s.short === ch);
    if (!spec) {
      if (parse.onUnknownShort?.(ch, out, argIndex)) continue;
      throw usageError(tool, `invalid option -- '${ch}'`);
    }
    const name = `-${ch}`;
    const kind = spec.arg ?? 'none';
    if (kind === 'none') {
      out.push({ key: spec.key, name });
      continue;
    }
    const rest = arg.slice(j + 1);
    if (rest !== '' || kind === 'optional') {
      out.push({ key: spec.key, name, value: rest === '' ? undefined : rest });
      return next;
    }
    if (next >= args.length) throw usageError(tool, `option requires an argument -- '${ch}'`);
    out.push({ key: spec.key, name, value: args[next]! });
    return next + 1;
  }
  return next;
}

/** Rejects file operands ("-", standard input, is fine): built-in filters read only what is piped into them. */
export function rejectFiles(tool: ToolUsage, allOperands: readonly string[]): void {
  const operands = allOperands.filter((o) => o !== '-');
  if (operands.length === 0) return;
  const which = operands.map((o) => `'${o}'`).join(', ');
  throw new FilterUsageError(
    `${tool.program}: ${which}: files are not read in a pipe; the built-in ${tool.program} reads only its standard input (run the command in a terminal to read files)`,
    tool.exitCode,
  );
}
