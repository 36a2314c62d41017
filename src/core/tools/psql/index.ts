// psql as a native tool, and the runner of SQL cells: the same options,
// output and exit codes as psql 15, over one kept-alive pg session per
// server, database and user.

import { describeSettings, resolveSettings, type ConnectionSettings } from '../../connections/postgres';
import { stateKey } from '../../session';
import { toolPlan, unreadableLine, type ParsedCommand, type Target, type Tool, type ToolContext, type ToolPlan } from '../../engine/tool';
import { parsePsqlArgs, type PsqlArgs } from './args';
import { asPsqlError, PsqlError } from './errors';
import { failureNote } from './failureNotes';
import { strongerEffect, type Effect } from '../../effects';
import { loadSqlParser } from '../../sql/parser';
import { describeStatement, readSql } from './plan';
import { sqlPreview } from './preview';
import { PsqlRun } from './runner';
import { lineSecrets, registerSettingsSecret } from './secrets';
import { splitSql } from '../../sql/split';
import { metaIsNative } from './meta';
import { configure, runActions, runScript } from './script';
import { defaultState, PsetError, type PsqlState } from './state';

export { scriptStatements } from './script';

type Env = Readonly<Record<string, string | undefined>>;

function postgresTarget(settings: ConnectionSettings): Target {
  const { label, details } = describeSettings(settings);
  return { kind: 'postgres', label, name: `${details.host}:${details.port}/${details.database}`, details };
}

function settingsFor(args: PsqlArgs | undefined, env: Env): ConnectionSettings {
  try {
    return resolveSettings(args ? { host: args.host, port: args.port, user: args.user, dbname: args.dbname } : {}, env);
  } catch (error) {
    throw asPsqlError(error);
  }
}

/** Connects first, as psql does, then runs; connection and usage errors become psql's messages and exit codes. */
async function execute(ctx: ToolContext, state: PsqlState, settings: () => ConnectionSettings, body: (run: PsqlRun) => Promise<number>, endSession: boolean): Promise<number> {
  let run: PsqlRun | undefined;
  try {
    const resolved = settings();
    registerSettingsSecret(ctx, resolved);
    ctx.setTarget(postgresTarget(resolved));
    run = new PsqlRun(ctx, state, resolved);
    await run.begin();
    return await body(run);
  } catch (error) {
    if (ctx.signal.aborted) return 130;
    if (error instanceof PsqlError) {
      ctx.stderr.write(error.message.endsWith('\n') || !error.message ? error.message : error.message + '\n');
      const note = failureNote(error.message);
      if (note) ctx.note(note);
      return error.exitCode;
    }
    throw error;
  } finally {
    if (endSession) await run?.finish();
  }
}

/** What psql would do with these options. */
function planFor(args: PsqlArgs): ToolPlan {
  if (args.unsupported.length) {
    return toolPlan({ native: false, terminal: true, effect: 'change', reason: `psql ${args.unsupported.join(', ')} has no native runner; run it in a terminal` });
  }
  if (args.list) return toolPlan({ native: true, terminal: false, effect: 'read', action: 'list databases' });
  // SQL from standard input or a file is not seen here: at least a change.
  if (args.actions.length === 0) return toolPlan({ native: true, terminal: false, effect: 'change', action: 'run SQL from standard input' });
  const files = args.actions.filter((a) => a.kind === 'file');
  const commands = args.actions.flatMap((a) => (a.kind === 'command' ? [a.text] : []));
  const readings = commands.map(readSql);
  const changing = readings.find((reading) => reading.effect !== 'read');
  const effect = readings.map((reading) => reading.effect).reduce<Effect>(strongerEffect, files.length ? 'change' : 'read');
  if (changing) return toolPlan({ native: true, terminal: false, effect, action: changing.action });
  if (files.length) return toolPlan({ native: true, terminal: false, effect, action: `run ${files.map((f) => (f.kind === 'file' ? f.path : '')).join(', ')}` });
  return toolPlan({ native: true, terminal: false, effect, action: describeStatement(splitSql(commands.join('\n'))) });
}

/** psql's usage errors as it prints them when it runs; anything else is ours and is thrown. */
function reportUsage(ctx: ToolContext, error: unknown): number {
  if (error instanceof PsqlError) {
    ctx.stderr.write(error.message);
    return error.exitCode;
  }
  if (error instanceof PsetError) {
    ctx.stderr.write(`${error.message}\n`);
    return 1;
  }
  throw error;
}

export const psqlTool: Tool = {
  names: ['psql'],
  load: loadSqlParser,
  parse: parsePsqlLine,
};

/** A psql line read once: its options and what it would do. */
function parsePsqlLine(argv: readonly string[]): ParsedCommand {
  let args: PsqlArgs;
  try {
    args = parsePsqlArgs(argv);
  } catch (error) {
    return unreadableLine((error as Error).message.split('\n')[0], (ctx) => reportUsage(ctx, error));
  }
  const commands = args.actions.flatMap((a) => (a.kind === 'command' ? [a.text] : []));
  return {
    plan: planFor(args),
    secrets: lineSecrets(args),
    target: async (ctx) => postgresTarget(settingsFor(args, ctx.env)),
    // SQL given with -c, or a here-document when there is no -c or -f, is previewed; a file is read only when it runs.
    preview: args.unsupported.length || args.list || commands.length !== args.actions.length ? undefined : async (ctx) => {
      const sql = commands.length ? commands.join(';\n') : ctx.stdin;
      return sql === undefined ? undefined : sqlPreview(sql, settingsFor(args, ctx.env), ctx);
    },
    async run(ctx) {
      let state: PsqlState;
      try {
        state = configure(args);
      } catch (error) {
        return reportUsage(ctx, error);
      }
      if (args.unsupported.length) {
        ctx.stderr.write(`psql: not run: ${args.unsupported.join(', ')} has no native runner; run this command in a terminal\n`);
        return 127;
      }
      if (args.actions.length === 0 && !args.list && ctx.stdin === undefined) {
        ctx.stderr.write('psql: not run: psql without -c, -f or a here-document is an interactive session; run it in a terminal\n');
        return 127;
      }
      for (const warning of args.warnings) ctx.stderr.write(warning);
      return execute(ctx, state, () => settingsFor(args, ctx.env), (run) => runActions(run, args), true);
    },
  };
}

/** \x, \pset and variables set in one SQL cell hold for the next ones of the notebook. */
const SQL_CELL_STATE = stateKey<PsqlState>('psql sql-cell settings');

/** SQL cells: the cell's statements in one session, like `psql -v ON_ERROR_STOP=1 < cell.sql`. */
export const sqlTool: Tool = {
  names: ['sql'],
  load: loadSqlParser,
  parse: (argv) => {
    const text = argv.slice(1).join(' ');
    return {
      plan: sqlPlan(text),
      target: async (ctx) => postgresTarget(settingsFor(undefined, ctx.env)),
      preview: async (ctx) => sqlPreview(text, settingsFor(undefined, ctx.env), ctx),
      async run(ctx) {
        const script = argv.length > 1 ? text : ctx.stdin ?? '';
        const state = ctx.session.state(SQL_CELL_STATE, () => ({ ...defaultState(), onErrorStop: true }));
        return execute(ctx, state, () => settingsFor(undefined, ctx.env), async (run) => (await runScript(run, script)).code, false);
      },
    };
  },
};

/** What a SQL cell's statements would do. */
function sqlPlan(text: string): ToolPlan {
  if (!text.trim()) return toolPlan({ native: true, terminal: false, effect: 'read' });
  const terminalOnly = splitSql(text).find((s) => s.text.trimStart().startsWith('\\') && !metaIsNative(s.text.trim()));
  if (terminalOnly) {
    const command = terminalOnly.text.trim().split(/\s/, 1)[0];
    return toolPlan({ native: false, terminal: true, effect: strongerEffect('change', readSql(text).effect), reason: `${command} has no native runner; run this cell with psql in a terminal` });
  }
  const { effect, action } = readSql(text);
  return toolPlan({ native: true, terminal: false, effect, action });
}
