// What each command of a cell would do, worked out once: `runbook plan`
// lists it, read-only runs (`runbook check`) skip by it, and a run confirms
// and runs the very commands it parsed.

import { parseCell, ShellSyntaxError, type Pipeline } from '../shell';
import { isShellLanguage } from '../shell/languages';
import { splitSql } from '../sql/split';
import { expandPipeline, type ExpandedPipeline, type ExpansionScope } from './expand';
import type { Stage } from './pipeline';
import { classifyProgram, parseWatch } from './program';
import type { ToolRegistry } from './registry';
import type { ParsedCommand, ToolEnv } from './tool';

export interface PlanRow {
  /** 0-based line in the cell. */
  line: number;
  command: string;
  tool: string;
  native: boolean;
  terminal: boolean;
  mutates: boolean;
  reason?: string;
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

export function planCell(text: string, language: string, registry: ToolRegistry, env: ToolEnv = {}): PlanRow[] {
  if (language === 'sql') return planSql(text, registry, env).map(({ parsed: _parsed, ...row }) => row);
  if (!isShellLanguage(language)) return [];
  let statements;
  try {
    statements = parseCell(text).statements;
  } catch (error) {
    if (!(error instanceof ShellSyntaxError)) throw error;
    return [{ line: error.line, command: text.trim(), tool: '', native: false, terminal: false, mutates: false, reason: `shell syntax: ${error.message}` }];
  }
  // Unset variables and placeholders stay as written: they do not change what runs.
  const scope: PlanScope = {
    lookup: (name) => env[name] ?? (name.startsWith('<') ? name : `$${name}`),
    env: (extra) => ({ ...env, ...extra }),
  };
  const rows: PlanRow[] = [];
  for (const statement of statements) {
    for (const pipeline of [statement.first, ...statement.rest.map((r) => r.pipeline)]) {
      rows.push(planPipeline(pipeline, scope, registry).row);
    }
  }
  return rows;
}

export function planPipeline(pipeline: Pipeline, scope: PlanScope, registry: ToolRegistry): PipelinePlan {
  const expanded = expandPipeline(pipeline, scope, registry);
  for (const stage of expanded.stages) {
    if (stage.program.kind === 'tool' || stage.program.kind === 'builtin') stage.command = stage.program.tool.parse(stage.argv, scope.env(stage.env));
  }
  return { ...expanded, row: pipelineRow(pipeline, expanded, scope, registry) };
}

function pipelineRow(pipeline: Pipeline, expanded: ExpandedPipeline, scope: PlanScope, registry: ToolRegistry): PlanRow {
  const first = pipeline.commands[0];
  const command = pipeline.commands.map((c) => c.text).join(' | ');
  const row = (tool: string, rest: Omit<PlanRow, 'line' | 'command' | 'tool'>): PlanRow => ({ line: first.line, command, tool, ...rest });
  const head: Stage = expanded.stages[0];
  if (head.argv.length === 0) return row('', { native: true, terminal: false, mutates: false, reason: 'sets a session variable' });

  let argv = head.argv;
  let program = head.program;
  let parsed = head.command;
  if (program.kind === 'watch') {
    const watched = parseWatch(argv);
    if ('error' in watched) return row('watch', { native: false, terminal: false, mutates: false, reason: watched.error });
    argv = watched.command.length === 1 && /\s/.test(watched.command[0]) ? watched.command[0].split(/\s+/) : watched.command;
    program = classifyProgram(argv[0], registry);
    parsed = program.kind === 'tool' ? program.tool.parse(argv, scope.env(head.env)) : undefined;
  }
  if (expanded.substitutions.length) return row(argv[0], { native: false, terminal: true, mutates: false, reason: 'uses $(...) command substitution, which needs a shell' });
  if (program.kind === 'terminal') return row(argv[0], { native: false, terminal: true, mutates: false, reason: program.reason });
  const blocked = expanded.stages.slice(1).find((s) => s.program.kind === 'terminal');
  if (blocked && blocked.program.kind === 'terminal') return row(argv[0], { native: false, terminal: true, mutates: false, reason: `piped into ${blocked.program.reason}` });
  if (program.kind === 'tool' && parsed) {
    const { plan } = parsed;
    return row(argv[0], { native: plan.native, terminal: plan.terminal, mutates: plan.mutates, reason: plan.reason });
  }
  return row(argv[0], { native: true, terminal: false, mutates: false });
}

export function planSql(text: string, registry: ToolRegistry, env: ToolEnv): SqlPlanRow[] {
  const tool = registry.get('sql');
  return splitSql(text).map((statement) => {
    const parsed = tool?.parse(['sql', statement.text], env);
    const plan = parsed?.plan;
    return {
      line: statement.line,
      command: statement.text,
      tool: 'sql',
      native: plan?.native ?? false,
      terminal: plan?.terminal ?? false,
      mutates: plan?.mutates ?? false,
      reason: plan ? plan.reason : 'SQL statements have no native runner yet',
      parsed,
    };
  });
}

/** Why read-only runs (`runbook check`, `run --read-only`) skip a planned command; undefined when it only reads and runs here. */
export function readOnlySkipReason(row: PlanRow): string | undefined {
  if (row.native && !row.mutates && !row.terminal) return undefined;
  if (row.mutates) return `changes state${row.terminal ? ` and ${row.reason ?? 'needs a terminal'}` : ''}`;
  if (row.terminal) return `needs a terminal: ${row.reason ?? ''}`;
  return row.reason ?? 'does not run natively';
}
