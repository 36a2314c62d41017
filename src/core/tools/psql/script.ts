// psql's scripts and actions: ~/.psqlrc, -c and -f in order, here-documents
// and SQL cells read statement by statement, ON_ERROR_STOP and -1.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { splitSql, type SqlStatement } from '../../sql/split';
import type { PsqlArgs } from './args';
import { metaCommands, runMeta } from './meta';
import type { PsqlRun } from './runner';
import { homeDir } from '../../connections/postgres';
import { applyPset, defaultState, PsetError, setVariable, type PsqlState } from './state';
import { interpolate } from './variables';

/**
 * Statements as psql reads them. A backslash command ends at its line's end
 * even where the splitter kept more lines with it (a meta-command after a
 * comment line); the rest is split again.
 */
export function scriptStatements(text: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  for (const statement of splitSql(text)) {
    const newline = statement.text.indexOf('\n');
    if (!statement.text.startsWith('\\') || newline < 0) {
      out.push(statement);
      continue;
    }
    out.push({ text: statement.text.slice(0, newline).trim(), line: statement.line });
    for (const rest of scriptStatements(statement.text.slice(newline + 1))) out.push({ text: rest.text, line: rest.line + statement.line + 1 });
  }
  return out;
}

/** Runs a script's statements in order: SQL and backslash commands; 3 when ON_ERROR_STOP ends it. */
export async function runScript(run: PsqlRun, text: string, file?: string): Promise<{ code: number; quit: boolean }> {
  try {
    for (const statement of scriptStatements(text)) {
      if (run.ctx.signal.aborted) break;
      const endLine = statement.line + (statement.text.match(/\n/g)?.length ?? 0) + 1;
      run.location = file !== undefined ? `psql:${file}:${endLine}: ` : undefined;
      const command = interpolate(statement.text, run.state.variables);
      let ok: boolean;
      if (command.startsWith('\\')) {
        ok = true;
        for (const meta of metaCommands(command)) {
          const outcome = await runMeta(run, meta);
          if (outcome === 'quit') return { code: 0, quit: true };
          ok &&= outcome !== 'error';
        }
      } else ok = await run.sendQuery(command);
      if (!ok && run.state.onErrorStop) return { code: 3, quit: false };
    }
    return { code: 0, quit: false };
  } finally {
    run.location = undefined;
  }
}

/** ~/.psqlrc (or PSQLRC), read before anything else unless -X, as psql does. */
async function runPsqlrc(run: PsqlRun): Promise<boolean> {
  const { env } = run.ctx;
  const home = homeDir(env);
  const candidates = env.PSQLRC ? [env.PSQLRC.replace(/^~(?=\/|$)/, home)] : ['.psqlrc-15', '.psqlrc'].map((f) => join(home, f));
  for (const file of candidates) {
    // Usually absent: a synchronous check costs one system call, where a failed async open waits for the thread pool.
    if (!existsSync(file)) continue;
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) return !(await runScript(run, text, file)).quit;
  }
  return true;
}

export async function runActions(run: PsqlRun, args: PsqlArgs): Promise<number> {
  const { ctx, state } = run;
  if (!args.noPsqlrc && !(await runPsqlrc(run))) return 0;
  if (args.list) return (await runMeta(run, '\\l')) === 'error' ? 1 : 0;
  if (args.actions.length === 0) return (await runScript(run, ctx.stdin!)).code;
  if (args.singleTransaction) await run.silent('BEGIN');
  let code = 0;
  for (const action of args.actions) {
    if (ctx.signal.aborted) break;
    if (action.kind === 'command') {
      if (action.text.trimStart().startsWith('\\')) code = (await runMeta(run, metaCommands(action.text.trim())[0])) === 'error' ? 1 : 0;
      else code = (await run.sendQuery(action.text)) ? 0 : 1;
    } else {
      let text: string;
      try {
        text = action.path === '-' ? ctx.stdin ?? '' : await readFile(resolve(ctx.cwd, action.path), 'utf8');
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (error as Error).message;
        ctx.stderr.write(`psql: error: ${action.path}: ${reason}\n`);
        code = 1;
        break;
      }
      const done = await runScript(run, text, action.path === '-' ? undefined : action.path);
      code = done.code;
      if (done.quit) break;
    }
    if (code !== 0 && state.onErrorStop) break;
  }
  if (args.singleTransaction) await run.silent(code !== 0 && state.onErrorStop ? 'ROLLBACK' : 'COMMIT');
  return code;
}

export function configure(args: PsqlArgs): PsqlState {
  const state = defaultState();
  for (const [name, value] of Object.entries(args.variables)) setVariable(state, name, value);
  for (const [name, value] of args.pset) {
    try {
      applyPset(state, name, value);
    } catch (error) {
      // A bad -P is reported as psql reports it at startup: the reason, then the parameter it could not set.
      if (!(error instanceof PsetError)) throw error;
      throw new PsetError(`psql: error: ${error.message}\npsql: error: could not set printing parameter "${name}"`);
    }
  }
  state.echoQueries ||= args.echoQueries;
  return state;
}
