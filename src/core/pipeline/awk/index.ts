// awk as a pipe filter: gawk's command line (-F, -v, program text, var=value
// operands) over records read from standard input.
import { parseArgs, type OptionSpec, type ToolUsage } from '../args';
import { FilterUsageError, type TextFilter } from '../filter';
import { LineSplitter } from '../lines';
import { AwkFatal, AwkSyntaxError, AwkUnsupported } from './errors';
import { AwkInterpreter } from './interpreter';
import { decodeEscapes } from './lexer';
import { parseProgram } from './parser';
import { inputValue, toNumber } from './values';

const TOOL: ToolUsage = {
  program: 'awk',
  exitCode: 1,
  trailer: "Usage: awk [POSIX or GNU style options] -f progfile [--] file ...\nUsage: awk [POSIX or GNU style options] [--] 'program' file ...",
};

const SPECS: OptionSpec[] = [
  { key: 'F', short: 'F', long: 'field-separator', arg: 'required' },
  { key: 'v', short: 'v', long: 'assign', arg: 'required' },
  { key: 'e', short: 'e', long: 'source', arg: 'required' },
  { key: 'file', short: 'f', long: 'file', arg: 'required' },
  { key: 'ignored', short: 'r', long: 're-interval' },
  { key: 'ignored', short: 'P', long: 'posix' },
  { key: 'ignored', short: 'c', long: 'traditional' },
  { key: 'ignored', short: 'S', long: 'sandbox' },
];

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/;

function syntaxMessage(program: string, e: AwkSyntaxError): string {
  const before = program.slice(0, e.offset);
  const lineNo = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = program.indexOf('\n', lineStart);
  const line = program.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  const prefix = `awk: cmd. line:${lineNo}:`;
  return `${prefix} ${line}\n${prefix} ${' '.repeat(e.offset - lineStart)}^ ${e.message}`;
}

interface AwkCommand {
  readonly program: string;
  readonly fieldSeparator: string | undefined;
  readonly assignments: Array<[string, string]>;
  readonly operandAssignments: Array<[string, string]>;
}

function readCommand(args: readonly string[]): AwkCommand {
  const parsed = parseArgs(args, SPECS, TOOL, { stopAtOperand: true });
  let fieldSeparator: string | undefined;
  const assignments: Array<[string, string]> = [];
  const sources: string[] = [];
  for (const opt of parsed.options) {
    const v = opt.value ?? '';
    if (opt.key === 'F') fieldSeparator = decodeEscapes(v);
    else if (opt.key === 'e') sources.push(v);
    else if (opt.key === 'file') {
      throw new FilterUsageError('awk: -f progfile is not supported by the built-in awk; put the program on the command line', 2);
    } else if (opt.key === 'v') {
      const m = ASSIGNMENT.exec(v);
      if (!m) throw new FilterUsageError(`awk: \`${v}' argument to \`-v' not in \`var=value' form\n\n${TOOL.trailer}`, 2);
      assignments.push([m[1]!, m[2]!]);
    }
  }
  const operands = [...parsed.operands];
  if (sources.length === 0) {
    const program = operands.shift();
    if (program === undefined) throw new FilterUsageError(TOOL.trailer, TOOL.exitCode);
    sources.push(program);
  }
  const operandAssignments: Array<[string, string]> = [];
  const files: string[] = [];
  for (const op of operands) {
    const m = ASSIGNMENT.exec(op);
    if (m) operandAssignments.push([m[1]!, m[2]!]);
    else files.push(op);
  }
  if (files.length > 0) {
    const which = files.map((f) => `'${f}'`).join(', ');
    throw new FilterUsageError(
      `awk: ${which}: files are not read in a pipe; the built-in awk reads only its standard input (run the command in a terminal to read files)`,
      2,
    );
  }
  return { program: sources.join('\n'), fieldSeparator, assignments, operandAssignments };
}

export function createAwk(args: readonly string[]): TextFilter {
  const command = readCommand(args);
  let program;
  try {
    program = parseProgram(command.program);
  } catch (e) {
    if (e instanceof AwkSyntaxError) throw new FilterUsageError(syntaxMessage(command.program, e), 1);
    if (e instanceof AwkUnsupported) throw new FilterUsageError(`awk: ${e.message}`, 2);
    throw e;
  }
  const interpreter = new AwkInterpreter(program, process.env);
  if (command.fieldSeparator !== undefined) interpreter.rt.setScalar('FS', command.fieldSeparator);
  for (const [name, value] of command.assignments) interpreter.rt.setScalar(name, inputValue(decodeEscapes(value)));
  return new AwkFilter(interpreter, command.operandAssignments);
}

class AwkFilter implements TextFilter {
  private readonly lines = new LineSplitter();
  private buffered = '';
  private stopped = false;
  private failed = false;
  private started = false;
  private inRecords = false;

  constructor(
    private readonly awk: AwkInterpreter,
    private readonly operandAssignments: Array<[string, string]>,
  ) {
    this.guard(() => awk.runBegin());
    if (awk.exiting || (!awk.hasMainRules && !awk.hasEndRules)) this.stopped = true;
  }

  get done(): boolean {
    return this.stopped || this.failed;
  }

  get exitCode(): number {
    return this.failed ? 2 : this.awk.exitCode;
  }

  get stderr(): string {
    return this.awk.rt.stderr;
  }

  write(chunk: string): string {
    if (!this.done) {
      this.start();
      if (this.lineMode) {
        for (const line of this.lines.push(chunk)) {
          this.record(line);
          if (this.done) break;
        }
      } else this.buffered += chunk;
    }
    return this.drain();
  }

  async end(): Promise<string> {
    if (!this.done) {
      this.start();
      if (this.lineMode) {
        const last = this.lines.finish();
        if (last !== undefined) this.record(last);
      } else {
        for (const record of this.records(this.buffered)) {
          this.record(record);
          if (this.done) break;
        }
      }
    }
    if (!this.failed && (this.awk.hasEndRules || !this.stopped)) {
      this.inRecords = toNumber(this.awk.rt.scalar('NR')) > 0;
      this.guard(() => this.awk.runEnd());
    }
    this.stopped = true;
    return this.drain();
  }

  private get lineMode(): boolean {
    return this.awk.rt.str(this.awk.rt.scalar('RS')) === '\n';
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    for (const [name, value] of this.operandAssignments) this.awk.rt.setScalar(name, inputValue(decodeEscapes(value)));
  }

  private record(text: string): void {
    this.inRecords = true;
    this.guard(() => this.awk.record(text));
    if (this.awk.exiting) this.stopped = true;
  }

  /** Splits buffered input on a non-newline RS: one character, "" (paragraphs) or a regexp. */
  private records(text: string): string[] {
    const rs = this.awk.rt.str(this.awk.rt.scalar('RS'));
    if (text === '') return [];
    if (rs === '') {
      const trimmed = text.replace(/^\n+/, '').replace(/\n+$/, '');
      return trimmed === '' ? [] : trimmed.split(/\n\n+/);
    }
    const parts = rs.length === 1 ? text.split(rs) : this.awk.rt.split(text, this.awk.rt.regex(rs), false);
    if (parts[parts.length - 1] === '') parts.pop();
    return parts;
  }

  private guard(run: () => void): void {
    if (this.failed) return;
    try {
      run();
    } catch (e) {
      if (!(e instanceof AwkFatal) && !(e instanceof AwkUnsupported)) throw e;
      this.failed = true;
      const where = this.inRecords ? ` (FILENAME=- FNR=${toNumber(this.awk.rt.scalar('FNR'))})` : '';
      this.awk.rt.stderr += `awk: cmd. line:1:${where} fatal: ${e.message}\n`;
    }
  }

  private drain(): string {
    const out = this.awk.rt.stdout;
    this.awk.rt.stdout = '';
    return out;
  }
}
