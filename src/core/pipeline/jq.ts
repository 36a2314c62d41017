// jq over piped JSON: the real jq 1.7.1 (WebAssembly), loaded on first use.
// Options are checked here; anything that would read a file is refused.
import { FilterUsageError, type TextFilter } from './filter';
import { loadJq } from './jqRuntime';

const HELP_TRAILER =
  'Use jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq';

/** Flags passed through to jq unchanged. */
const SIMPLE_LONG: Record<string, string> = {
  '--raw-output': '-r', '--join-output': '-j', '--ascii-output': '-a', '--compact-output': '-c',
  '--exit-status': '-e', '--sort-keys': '-S', '--slurp': '-s', '--null-input': '-n', '--raw-input': '-R',
  '--monochrome-output': '-M', '--tab': '--tab', '--seq': '--seq', '--stream': '--stream',
  '--raw-output0': '--raw-output0', '--stream-errors': '--stream-errors',
};
const SIMPLE_SHORT = new Set(['r', 'j', 'a', 'c', 'e', 'S', 's', 'n', 'R', 'M']);
const FILE_OPTIONS = new Set(['-f', '--from-file', '--slurpfile', '--rawfile', '-L', '--library-path']);

function usage(message: string): FilterUsageError {
  return new FilterUsageError(`jq: ${message}\n${HELP_TRAILER}`, 2);
}

interface JqInvocation {
  readonly filter: string;
  readonly flags: string[];
}

export function readJqArgs(args: readonly string[]): JqInvocation {
  const flags: string[] = [];
  let filter: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const takeValues = (n: number, example: string): string[] => {
      if (i + n >= args.length) throw usage(`${a} takes ${n === 1 ? 'one parameter' : 'two parameters'} (e.g. ${a} ${example})`);
      const values = args.slice(i + 1, i + 1 + n);
      i += n;
      return values;
    };
    if (a === '--') {
      const rest = args.slice(i + 1);
      if (filter === undefined && rest.length > 0) filter = rest.shift();
      files.push(...rest);
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      if (filter === undefined) filter = a;
      else files.push(a);
    } else if (SIMPLE_LONG[a] !== undefined) flags.push(SIMPLE_LONG[a]!);
    else if (a === '--arg' || a === '--argjson') flags.push(a, ...takeValues(2, 'varname value'));
    else if (a === '--indent') flags.push(a, ...takeValues(1, '2'));
    else if (FILE_OPTIONS.has(a) || a === '--args' || a === '--jsonargs') {
      throw new FilterUsageError(`jq: option ${a} is not supported by the built-in jq (it reads only its standard input); run the command in a terminal`, 2);
    } else if (a === '-C' || a === '--color-output') {
      throw new FilterUsageError('jq: colored output (-C) is not supported by the built-in jq', 2);
    } else if (/^-[A-Za-z]+$/.test(a) && [...a.slice(1)].every((c) => SIMPLE_SHORT.has(c))) {
      for (const c of a.slice(1)) flags.push(`-${c}`);
    } else {
      throw usage(`Unknown option ${a}`);
    }
  }
  if (files.length > 0) {
    const which = files.map((f) => `'${f}'`).join(', ');
    throw new FilterUsageError(
      `jq: ${which}: files are not read in a pipe; the built-in jq reads only its standard input (run the command in a terminal to read files)`,
      2,
    );
  }
  return { filter: filter ?? '.', flags };
}

export function createJq(args: readonly string[]): TextFilter {
  return new JqFilter(readJqArgs(args));
}

class JqFilter implements TextFilter {
  private input = '';
  private status = 0;
  private messages = '';

  constructor(private readonly invocation: JqInvocation) {}

  get exitCode(): number {
    return this.status;
  }

  get stderr(): string {
    return this.messages;
  }

  write(chunk: string): string {
    this.input += chunk;
    return '';
  }

  async end(): Promise<string> {
    const jq = await loadJq();
    const result = await jq.run(this.input, this.invocation.filter, this.invocation.flags);
    this.input = '';
    this.status = result.exitCode;
    this.messages = result.stderr;
    return result.stdout;
  }
}
