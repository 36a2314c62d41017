// psql's command line as its getopt_long reads it: bundled short flags,
// attached values, long options with `=` and shortened while unambiguous
// (`--tuples` is --tuples-only), options after positionals.

import { PsqlError } from './errors';

export type Action = { kind: 'command'; text: string } | { kind: 'file'; path: string };

export interface PsqlArgs {
  actions: Action[];
  host?: string;
  port?: string;
  user?: string;
  dbname?: string;
  variables: Record<string, string | undefined>;
  pset: [string, string | undefined][];
  list: boolean;
  singleTransaction: boolean;
  echoQueries: boolean;
  /** -X: no ~/.psqlrc. */
  noPsqlrc: boolean;
  /** Options we do not run natively: psql would, so the command goes to a terminal. */
  unsupported: string[];
  warnings: string[];
}

const PROGRAM = '/usr/lib/postgresql/15/bin/psql';
const HINT = 'psql: hint: Try "psql --help" for more information.';

/** Short options that take a value. */
const WITH_VALUE = new Set(['c', 'd', 'f', 'F', 'h', 'L', 'o', 'p', 'P', 'R', 'T', 'U', 'v']);
const FLAGS = new Set(['a', 'A', 'b', 'e', 'E', 'H', 'l', 'n', 'q', 's', 'S', 't', 'V', 'w', 'W', 'x', 'X', 'z', '0', '1', '?']);

const LONG: Record<string, string> = {
  'echo-all': 'a', 'no-align': 'A', 'command': 'c', 'dbname': 'd', 'echo-queries': 'e', 'echo-errors': 'b',
  'echo-hidden': 'E', 'file': 'f', 'field-separator': 'F', 'field-separator-zero': 'z', 'host': 'h', 'html': 'H',
  'list': 'l', 'log-file': 'L', 'no-readline': 'n', 'single-transaction': '1', 'output': 'o', 'port': 'p',
  'pset': 'P', 'quiet': 'q', 'record-separator': 'R', 'record-separator-zero': '0', 'single-step': 's',
  'single-line': 'S', 'tuples-only': 't', 'table-attr': 'T', 'username': 'U', 'set': 'v', 'variable': 'v',
  'version': 'V', 'no-password': 'w', 'password': 'W', 'expanded': 'x', 'no-psqlrc': 'X', 'help': '?', 'csv': 'csv',
};

const UNSUPPORTED: Record<string, string> = {
  a: '-a (--echo-all)', b: '-b (--echo-errors)', E: '-E (--echo-hidden)', H: '-H (--html)', L: '-L (--log-file)', o: '-o (--output)', s: '-s (--single-step)',
  S: '-S (--single-line)', T: '-T (--table-attr)', V: '-V (--version)', '?': '--help',
};

export function usageError(message: string): PsqlError {
  return new PsqlError(`${PROGRAM}: ${message}\n${HINT}\n`, 1);
}

/** getopt_long's lookup: the whole name, else the options whose names it begins, which must all be the same option. */
function resolveLong(word: string, name: string): string {
  if (LONG[name]) return name;
  const hits = Object.keys(LONG).filter((long) => long.startsWith(name));
  if (hits.length === 0) throw usageError(`unrecognized option '${word}'`);
  if (new Set(hits.map((long) => LONG[long])).size > 1) {
    throw usageError(`option '${word}' is ambiguous; possibilities:${hits.map((long) => ` '--${long}'`).join('')}`);
  }
  return hits[0];
}

export function parsePsqlArgs(argv: readonly string[]): PsqlArgs {
  const args: PsqlArgs = {
    actions: [], variables: {}, pset: [], list: false, singleTransaction: false, echoQueries: false, noPsqlrc: false,
    unsupported: [], warnings: [],
  };
  const positionals: string[] = [];
  const apply = (opt: string, value: string | undefined) => {
    switch (opt) {
      case 'c': args.actions.push({ kind: 'command', text: value! }); break;
      case 'f': args.actions.push({ kind: 'file', path: value! }); break;
      case 'd': args.dbname = value; break;
      case 'h': args.host = value; break;
      case 'p': args.port = value; break;
      case 'U': args.user = value; break;
      case 'v': {
        const eq = value!.indexOf('=');
        if (eq < 0) args.variables[value!] = undefined;
        else args.variables[value!.slice(0, eq)] = value!.slice(eq + 1);
        break;
      }
      case 'P': {
        const eq = value!.indexOf('=');
        args.pset.push(eq < 0 ? [value!, undefined] : [value!.slice(0, eq), value!.slice(eq + 1)]);
        break;
      }
      case 'F': args.pset.push(['fieldsep', value]); break;
      case 'R': args.pset.push(['recordsep', value]); break;
      case 'z': args.pset.push(['fieldsep_zero', undefined]); break;
      case '0': args.pset.push(['recordsep_zero', undefined]); break;
      case 'A': args.pset.push(['format', 'unaligned']); break;
      case 'csv': args.pset.push(['format', 'csv']); break;
      case 't': args.pset.push(['tuples_only', 'on']); break;
      case 'x': args.pset.push(['expanded', 'on']); break;
      case 'q': args.variables.QUIET = 'on'; break;
      case 'l': args.list = true; break;
      case '1': args.singleTransaction = true; break;
      case 'e': args.echoQueries = true; break;
      case 'X': args.noPsqlrc = true; break;
      default:
        if (UNSUPPORTED[opt]) args.unsupported.push(UNSUPPORTED[opt]);
    }
  };
  let i = 1;
  for (; i < argv.length; i++) {
    const word = argv[i];
    if (word === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = resolveLong(word, word.slice(2, eq < 0 ? undefined : eq));
      const opt = LONG[name];
      const takes = WITH_VALUE.has(opt);
      // --help takes an optional topic (`--help=commands`).
      if (!takes && eq >= 0 && opt !== '?') throw usageError(`option '--${name}' doesn't allow an argument`);
      let value = eq >= 0 ? word.slice(eq + 1) : undefined;
      if (takes && value === undefined) {
        if (i + 1 >= argv.length) throw usageError(`option '--${name}' requires an argument`);
        value = argv[++i];
      }
      apply(opt, value);
      continue;
    }
    if (word.startsWith('-') && word.length > 1) {
      for (let k = 1; k < word.length; k++) {
        const opt = word[k];
        if (WITH_VALUE.has(opt)) {
          let value = word.slice(k + 1);
          if (!value) {
            if (i + 1 >= argv.length) throw usageError(`option requires an argument -- '${opt}'`);
            value = argv[++i];
          }
          apply(opt, value);
          break;
        }
        if (!FLAGS.has(opt)) throw usageError(`invalid option -- '${opt}'`);
        apply(opt, undefined);
      }
      continue;
    }
    positionals.push(word);
  }
  for (const word of positionals) {
    if (args.dbname === undefined) args.dbname = word;
    else if (args.user === undefined) args.user = word;
    else if (args.variables.QUIET === undefined) args.warnings.push(`psql: warning: extra command-line argument "${word}" ignored\n`);
  }
  return args;
}

/** psql's boolean variable values: on/off, true/false, yes/no, 1/0 and unique prefixes. */
export function parseBool(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (!v) return undefined;
  if ('true'.startsWith(v) || 'yes'.startsWith(v) || v === '1' || (v.length > 1 && 'on'.startsWith(v))) return true;
  if ('false'.startsWith(v) || 'no'.startsWith(v) || v === '0' || (v.length > 1 && 'off'.startsWith(v))) return false;
  return undefined;
}
