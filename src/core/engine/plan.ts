// What each command of a cell would do, worked out once: `runbook plan`
// lists it, read-only runs (`runbook check`) skip by it, and a run confirms
// and runs the very commands it parsed. Planning is async: a tool may first
// load what reading its lines needs (psql's SQL parser).

import { parseCell, ShellSyntaxError, type Pipeline } from '../shell';
import { isShellLanguage } from '../shell/languages';
import { splitSql } from '../sql/split';
import { expandPipeline, type ExpandedPipeline, type ExpansionScope } from './expand';
import type { Stage } from './pipeline';
import { classifyProgram, parseWatch } from './program';
import type { ToolRegistry } from './registry';
import { strongerEffect, type Effect } from '../effects';
import type { ParsedCommand, Tool, ToolEnv } from './tool';

export interface PlanRow {
  /** 0-based line in the cell. */
  line: number;
  command: string;
  tool: string;
  native: boolean;
  terminal: boolean;
  /** read, change or destructive: a script or a line no tool reads is at least a change. */
  effect: Effect;
  /** The effect is not `read`. */
  mutates: boolean;
  reason?: string;
}

type RowFields = Omit<PlanRow, 'line' | 'command' | 'tool' | 'mutates'>;

function planRow(line: number, command: string, tool: string, fields: RowFields): PlanRow {
  return { line, command, tool, ...fields, mutates: fields.effect !== 'read' };
}

/** Reads a line with its tool, after the tool has loaded what reading needs. */
async function parseWith(tool: Tool, argv: readonly string[], env: ToolEnv): Promise<ParsedCommand> {
  await tool.load?.();
  return tool.parse(argv, env);
}

/** A pipeline planned: its stages expanded, each tool's command parsed, and the row that says what it would do. */
export interface PipelinePlan extends ExpandedPipeline {
  row: PlanRow;
}

/** Where a plan takes variable values and the environment a command would get. */
export interface PlanScope extends ExpansionScope {
  /** The environment a program started now would get, with a command's `VAR=x` prefixes. */
  env(extra: Readonly<Record<string, string>>): ToolEnv;
}

/** SQL statements planned one by one, each with the command the sql tool parsed. */
export interface SqlPlanRow extends PlanRow {
  parsed?: ParsedCommand;
}

export async function planCell(text: string, language: string, registry: ToolRegistry, env: ToolEnv = {}): Promise<PlanRow[]> {
  if (language === 'sql') return (await planSql(text, registry, env)).map(({ parsed: _parsed, ...row }) => row);
  if (!isShellLanguage(language)) return [];
  let statements;
  try {
    statements = parseCell(text).statements;
  } catch (error) {
    if (!(error instanceof ShellSyntaxError)) throw error;
    // A cell no shell would read runs nothing here; in a terminal, its effect is unknown.
    return [planRow(error.line, text.trim(), '', { native: false, terminal: false, effect: 'change', reason: `shell syntax: ${error.message}` })];
  }
  // Unset variables and placeholders stay as written: they do not change what runs.
  const scope: PlanScope = {
    lookup: (name) => env[name] ?? (name.startsWith('<') ? name : `$${name}`),
    env: (extra) => ({ ...env, ...extra }),
  };
  const rows: PlanRow[] = [];
  for (const statement of statements) {
    for (const pipeline of [statement.first, ...statement.rest.map((r) => r.pipeline)]) {
      rows.push((await planPipeline(pipeline, scope, registry)).row);
    }
  }
  return rows;
}

export async function planPipeline(pipeline: Pipeline, scope: PlanScope, registry: ToolRegistry): Promise<PipelinePlan> {
  const expanded = expandPipeline(pipeline, scope, registry);
  for (const stage of expanded.stages) {
    if (stage.program.kind === 'tool' || stage.program.kind === 'builtin') stage.command = await parseWith(stage.program.tool, stage.argv, scope.env(stage.env));
  }
  return { ...expanded, row: await pipelineRow(pipeline, expanded, scope, registry) };
}

async function pipelineRow(pipeline: Pipeline, expanded: ExpandedPipeline, scope: PlanScope, registry: ToolRegistry): Promise<PlanRow> {
  const first = pipeline.commands[0];
  const command = pipeline.commands.map((c) => c.text).join(' | ');
  const row = (tool: string, fields: RowFields): PlanRow => planRow(first.line, command, tool, fields);
  const head: Stage = expanded.stages[0];
  if (head.argv.length === 0) return row('', { native: true, terminal: false, effect: 'read', reason: 'sets a session variable' });

  let argv = head.argv;
  let program = head.program;
  let parsed = head.command;
  if (program.kind === 'watch') {
    const watched = parseWatch(argv);
    if ('error' in watched) return row('watch', { native: false, terminal: false, effect: 'read', reason: watched.error });
    argv = watched.command.length === 1 && /\s/.test(watched.command[0]) ? watched.command[0].split(/\s+/) : watched.command;
    program = classifyProgram(argv[0], registry);
    parsed = program.kind === 'tool' ? await parseWith(program.tool, argv, scope.env(head.env)) : undefined;
  }
  // What a shell would run (a script, a substitution, a program piped into) is unseen here: at least a change.
  if (expanded.substitutions.length) return row(argv[0], { native: false, terminal: true, effect: 'change', reason: 'uses $(...) command substitution, which needs a shell' });
  if (program.kind === 'terminal') return row(argv[0], { native: false, terminal: true, effect: 'change', reason: program.reason });
  const blocked = expanded.stages.slice(1).find((s) => s.program.kind === 'terminal');
  if (blocked && blocked.program.kind === 'terminal') return row(argv[0], { native: false, terminal: true, effect: 'change', reason: `piped into ${blocked.program.reason}` });
  // A tool later in the pipe (`... | kubectl apply -f -`) acts too: the line has its strongest stage's effect.
  const piped = expanded.stages.slice(1).reduce<Effect>((effect, stage) => strongerEffect(effect, stage.command?.plan.effect ?? 'read'), 'read');
  if (program.kind === 'tool' && parsed) {
    const { plan } = parsed;
    // A line its tool cannot read while a <placeholder> or $VARIABLE stands in it may read once they are given: it is not known to only read.
    const effect = plan.unreadable && takesValues(pipeline) ? 'change' : plan.effect;
    return row(argv[0], { native: plan.native, terminal: plan.terminal, effect: strongerEffect(effect, piped), reason: plan.reason });
  }
  return row(argv[0], { native: true, terminal: false, effect: piped });
}

/** Whether the line has a `<placeholder>` or a `$VARIABLE`: its words are final only once they are given. */
function takesValues(pipeline: Pipeline): boolean {
  return pipeline.commands.some((command) =>
    [...command.words, ...command.assignments.map((a) => a.value)].some((word) => word.parts.some((part) => part.kind === 'variable' || part.kind === 'placeholder')),
  );
}

export async function planSql(text: string, registry: ToolRegistry, env: ToolEnv): Promise<SqlPlanRow[]> {
  const tool = registry.get('sql');
  await tool?.load?.();
  return splitSql(text).map((statement) => {
    const parsed = tool?.parse(['sql', statement.text], env);
    const plan = parsed?.plan;
    const row = planRow(statement.line, statement.text, 'sql', {
      native: plan?.native ?? false,
      terminal: plan?.terminal ?? false,
      effect: plan?.effect ?? 'change',
      reason: plan ? plan.reason : 'SQL statements have no native runner yet',
    });
    return { ...row, parsed };
  });
}

/** Why read-only runs (`runbook check`, `run --read-only`) skip a planned command; undefined when it only reads and runs here. */
export function readOnlySkipReason(row: PlanRow): string | undefined {
  if (row.native && !row.mutates && !row.terminal) return undefined;
  if (row.mutates) return `changes state${row.terminal ? ` and ${row.reason ?? 'needs a terminal'}` : ''}`;
  if (row.terminal) return `needs a terminal: ${row.reason ?? ''}`;
  return row.reason ?? 'does not run natively';
}
