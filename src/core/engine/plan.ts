// `runbook plan`: what each command of a cell would do, without running it.

import { expandWords, parseCell, ShellSyntaxError, type Pipeline } from '../shell';
import { isShellLanguage } from '../shell/languages';
import { splitSql } from '../sql/split';
import { classifyProgram, parseWatch } from './program';
import type { ToolRegistry } from './registry';

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

export function planCell(text: string, language: string, registry: ToolRegistry, env: Readonly<Record<string, string | undefined>> = {}): PlanRow[] {
  if (language === 'sql') return planSql(text, registry, env);
  if (!isShellLanguage(language)) return [];
  let statements;
  try {
    statements = parseCell(text).statements;
  } catch (error) {
    if (!(error instanceof ShellSyntaxError)) throw error;
    return [{ line: error.line, command: text.trim(), tool: '', native: false, terminal: false, mutates: false, reason: `shell syntax: ${error.message}` }];
  }
  const rows: PlanRow[] = [];
  for (const statement of statements) {
    for (const pipeline of [statement.first, ...statement.rest.map((r) => r.pipeline)]) {
      rows.push(planPipeline(pipeline, registry, env));
    }
  }
  return rows;
}

export function planPipeline(pipeline: Pipeline, registry: ToolRegistry, env: Readonly<Record<string, string | undefined>>): PlanRow {
  const first = pipeline.commands[0];
  // Unset variables and placeholders stay as written: they do not change what runs.
  const lookup = (name: string) => env[name] ?? (name.startsWith('<') ? name : `$${name}`);
  let argv = expandWords(first.words, lookup).args;
  const command = pipeline.commands.map((c) => c.text).join(' | ');
  const row = (tool: string, rest: Omit<PlanRow, 'line' | 'command' | 'tool'>): PlanRow => ({ line: first.line, command, tool, ...rest });
  if (argv.length === 0) return row('', { native: true, terminal: false, mutates: false, reason: 'sets a session variable' });

  if (argv[0] === 'watch') {
    const parsed = parseWatch(argv);
    if ('error' in parsed) return row('watch', { native: false, terminal: false, mutates: false, reason: parsed.error });
    argv = parsed.command.length === 1 && /\s/.test(parsed.command[0]) ? parsed.command[0].split(/\s+/) : parsed.command;
  }
  const substitution = pipeline.commands.some((c) => expandWords([...c.words, ...c.assignments.map((a) => a.value)], lookup).substitutions.length > 0);
  const program = classifyProgram(argv[0], registry);
  if (substitution) return row(argv[0], { native: false, terminal: true, mutates: false, reason: 'uses $(...) command substitution, which needs a shell' });
  if (program.kind === 'terminal') return row(argv[0], { native: false, terminal: true, mutates: false, reason: program.reason });
  const later = pipeline.commands.slice(1).map((c) => classifyProgram(expandWords(c.words, lookup).args[0] ?? '', registry));
  const blocked = later.find((p) => p.kind === 'terminal');
  if (blocked && blocked.kind === 'terminal') return row(argv[0], { native: false, terminal: true, mutates: false, reason: `piped into ${blocked.reason}` });
  if (program.kind === 'tool') {
    const plan = program.tool.plan(argv, env);
    return row(argv[0], { native: plan.native, terminal: plan.terminal, mutates: plan.mutates, reason: plan.reason });
  }
  return row(argv[0], { native: true, terminal: false, mutates: false });
}

export function planSql(text: string, registry: ToolRegistry, env: Readonly<Record<string, string | undefined>>): PlanRow[] {
  const tool = registry.get('sql');
  return splitSql(text).map((statement) => {
    const plan = tool?.plan(['sql', statement.text], env);
    return {
      line: statement.line,
      command: statement.text,
      tool: 'sql',
      native: plan?.native ?? false,
      terminal: plan?.terminal ?? false,
      mutates: plan?.mutates ?? false,
      reason: plan ? plan.reason : 'SQL statements have no native runner yet',
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
