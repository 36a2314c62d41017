// psql's backslash commands that run natively: display settings (\x, \t,
// \a, \f, \pset, \timing), \conninfo, \echo, \set/\unset, \q, and the
// catalog listings (\d, \dt, \di, \dv, \ds, \dm, \l, \du, \dg, \dn).

import { describeRelations } from './describeTable';
import { listDatabases, listRelations, listRoles, listSchemas } from './describeList';
import type { PsqlRun } from './runner';
import { parseBool } from './args';
import { PsqlError } from './errors';
import { applyPset, PsetError, setVariable } from './state';

export type MetaOutcome = 'ok' | 'error' | 'quit';

/** Meta-commands psql has that we leave to a terminal. */
const TERMINAL_ONLY = new Set([
  'c', 'connect', 'copy', 'i', 'include', 'ir', 'include_relative', 'o', 'out', 'g', 'gx', 'gset', 'gexec', 'gdesc', 'watch',
  '!', 'e', 'edit', 'ef', 'ev', 'w', 'write', 's', 'cd', 'setenv', 'password', 'prompt', 'lo_import', 'lo_export',
  'lo_list', 'lo_unlink', 'H', 'html', 'C', 'T', 'if', 'elif', 'else', 'endif', 'crosstabview', 'bind', 'encoding',
  'errverbose', 'sf', 'sv', 'z', 'dp', 'df', 'dT', 'dD', 'dx', 'dy', 'dc', 'dC', 'dd', 'do', 'dE', 'des', 'deu', 'dew',
  'dF', 'dFd', 'dFp', 'dFt', 'dL', 'dO', 'drds', 'dRp', 'dRs', 'dA', 'dAc', 'dAf', 'dAo', 'dAp', 'db', 'dconfig', 'ddp',
  'dP', 'dPi', 'dPt', 'dX', 'da', '?', 'h', 'help', 'copyright', 'r', 'reset', 'p', 'print',
]);

/** Words of a backslash command's arguments: '...' unquoted, "..." kept for name patterns. */
export function metaWords(text: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) break;
    let word = '';
    while (i < text.length && !/\s/.test(text[i])) {
      if (text[i] === "'") {
        i++;
        while (i < text.length) {
          if (text[i] === "'" && text[i + 1] === "'") {
            word += "'";
            i += 2;
          } else if (text[i] === "'") break;
          else if (text[i] === '\\' && i + 1 < text.length) {
            const next = text[++i];
            word += next === 'n' ? '\n' : next === 't' ? '\t' : next;
            i++;
          } else word += text[i++];
        }
        i++;
      } else if (text[i] === '"') {
        const close = text.indexOf('"', i + 1);
        const end = close < 0 ? text.length : close + 1;
        word += text.slice(i, end);
        i = end;
      } else word += text[i++];
    }
    words.push(word);
  }
  return words;
}

/** `-c '\x \dt'`: the backslash commands of one line, each with its arguments. */
export function metaCommands(line: string): string[] {
  const commands: string[] = [];
  let quote = '';
  let start = 0;
  for (let i = 1; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '\\' && line[i + 1] === '\\') {
      // `\\` ends the backslash commands; what follows is SQL text.
      commands.push(line.slice(start, i).trim());
      return commands.filter(Boolean);
    } else if (c === '\\' && /[A-Za-z?!]/.test(line[i + 1] ?? '')) {
      commands.push(line.slice(start, i).trim());
      start = i;
    }
  }
  commands.push(line.slice(start).trim());
  return commands.filter(Boolean);
}

/** Splits `\dt+ pattern` into the command name and its argument text. */
export function splitMeta(line: string): { name: string; rest: string } {
  const m = /^\\([A-Za-z?!]+[+S]*|!)(.*)$/s.exec(line.trim());
  return m ? { name: m[1], rest: m[2] } : { name: line.trim().slice(1), rest: '' };
}

/** Whether psql would run this backslash command without a terminal. */
export function metaIsNative(line: string): boolean {
  const { name } = splitMeta(line);
  return !TERMINAL_ONLY.has(name.replace(/S?\+?$/, ''));
}

export async function runMeta(run: PsqlRun, line: string): Promise<MetaOutcome> {
  try {
    return await dispatch(run, line);
  } catch (error) {
    // Our own failures and programming errors go up; the server's are printed as psql prints them.
    if (error instanceof PsqlError || error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError) throw error;
    run.reportServerError(error);
    return 'error';
  }
}

async function dispatch(run: PsqlRun, line: string): Promise<MetaOutcome> {
  const { name, rest } = splitMeta(line);
  const args = metaWords(rest);
  const { state } = run;
  const say = (text: string) => {
    if (!state.quiet && text) run.out(text + '\n');
  };
  const pset = (option: string, value: string | undefined): MetaOutcome => {
    try {
      say(applyPset(state, option, value));
      return 'ok';
    } catch (error) {
      if (!(error instanceof PsetError)) throw error;
      run.ownError(error.message);
      return 'error';
    }
  };
  const parts = /^(d[a-zA-Z]*?|l)(S?)(\+?)$/.exec(name);
  const verbose = parts ? parts[3] === '+' : false;
  const base = parts ? parts[1] : name;
  const system = Boolean(parts?.[2]);
  if (/^d[tivmsE]+$/.test(base)) return (await listRelations(run, base.slice(1), args[0], verbose, system)) ? 'ok' : 'error';
  switch (base) {
    case 'x':
      return pset('expanded', args[0]);
    case 't':
      return pset('tuples_only', args[0]);
    case 'a':
      return pset('format', state.print.format === 'aligned' ? 'unaligned' : 'aligned');
    case 'f':
      return pset('fieldsep', args[0]);
    case 'pset':
      if (!args[0]) {
        run.ownError('\\pset: listing all settings is not supported here; name the option');
        return 'error';
      }
      return pset(args[0], args[1]);
    case 'timing': {
      state.timing = args[0] === undefined ? !state.timing : (parseBool(args[0]) ?? state.timing);
      say(`Timing is ${state.timing ? 'on' : 'off'}.`);
      return 'ok';
    }
    case 'echo':
    case 'qecho':
    case 'warn': {
      const noNewline = args[0] === '-n';
      const text = (noNewline ? args.slice(1) : args).join(' ') + (noNewline ? '' : '\n');
      if (base === 'warn') run.err(text);
      else run.out(text);
      return 'ok';
    }
    case 'set':
      if (!args[0]) break;
      setVariable(state, args[0], args.slice(1).join(''));
      return 'ok';
    case 'unset':
      if (args[0]) setVariable(state, args[0], undefined);
      return 'ok';
    case 'q':
    case 'quit':
      return 'quit';
    case 'conninfo':
      return conninfo(run);
    case 'd':
      if (args.length) return (await describeRelations(run, args[0], verbose)) ? 'ok' : 'error';
      return (await listRelations(run, 'tvmsE', undefined, verbose, system)) ? 'ok' : 'error';
    case 'l':
    case 'list':
      return (await listDatabases(run, args[0], verbose)) ? 'ok' : 'error';
    case 'du':
    case 'dg':
      return (await listRoles(run, args[0], verbose, system)) ? 'ok' : 'error';
    case 'dn':
      return (await listSchemas(run, args[0], verbose, system)) ? 'ok' : 'error';
  }
  if (TERMINAL_ONLY.has(name.replace(/\+$/, '')) || base === 'set') {
    run.ownError(`\\${name}: not run: this psql command has no native runner; run it in a terminal`);
    return 'error';
  }
  run.ownError(`invalid command \\${name}`);
  return 'error';
}

async function conninfo(run: PsqlRun): Promise<MetaOutcome> {
  const pg = await run.session();
  const db = pg.dbname;
  const user = pg.user;
  if (pg.host.startsWith('/')) {
    run.out(`You are connected to database "${db}" as user "${user}" via socket in "${pg.host}" at port "${pg.port}".\n`);
  } else if (pg.hostaddr && pg.hostaddr !== pg.host) {
    run.out(`You are connected to database "${db}" as user "${user}" on host "${pg.host}" (address "${pg.hostaddr}") at port "${pg.port}".\n`);
  } else {
    run.out(`You are connected to database "${db}" as user "${user}" on host "${pg.host}" at port "${pg.port}".\n`);
  }
  if (pg.ssl) run.out(`SSL connection (protocol: ${pg.ssl.protocol}, cipher: ${pg.ssl.cipher}, compression: off)\n`);
  return 'ok';
}
