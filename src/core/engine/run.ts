// Runs a cell: statements in order, each pipeline after its variables are
// known and, for a state-changing command, after the user said yes.

import { parseCell, parseScript, ShellSyntaxError, type Pipeline, type Statement } from '../shell';
import { isShellLanguage } from '../shell/languages';
import { usedVariables } from './expand';
import { planPipeline, planSql, readOnlySkipReason, type PlanScope, type SqlPlanRow } from './plan';
import { preparePipeline } from './preparedPipeline';
import { runStages, type Stage } from './pipeline';
import { classifyProgram, parseWatch } from './program';
import type { CommandResult, ResultStatus } from '../results/commandResult';
import type { ToolData } from '../results/toolData';
import { countLines } from './outputLines';
import { ranCleanly, type CellRun } from './result';
import { judgeTarget } from '../safety/productionTargets';
import type { EditRequest, ParsedCommand, Target } from './tool';
import { registerCommandSecrets } from './commandSecrets';
import { abortableSleep } from '../util/abortableSleep';
import { confirmStages, dryRunText } from './confirmStages';
import type { RunCellOptions } from './cellOptions';
import { commandTimeoutMs, limitTimer, TIMED_OUT, TIMED_OUT_EXIT_CODE, timedOutReason, timedOutText, type LimitTimer } from './commandTimeout';

export type { CellEvents, CellHooks, RunCellOptions, ValueRequest } from './cellOptions';

/** Redirects that send a command's stdout somewhere other than the cell, or stderr into it. */
const STDOUT_ELSEWHERE = new Set(['>', '>>', '&>', '>&2', '2>&1']);

export async function runCell(text: string, options: RunCellOptions): Promise<CellRun> {
  const started = Date.now();
  const commands: CommandResult[] = [];
  const finish = (exitCode: number): CellRun => ({
    ok: ranCleanly(exitCode, commands),
    exitCode,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    commands,
  });
  const counted = countLines(options.events);
  const runner = new StatementRunner({ ...options, events: counted.events }, counted.lines, (result) => {
    commands.push(result);
    options.events.command?.(result);
  });

  if (options.language === 'sql') return finish(await runner.runSql(text));
  if (!isShellLanguage(options.language)) return finish(0);

  let statements: Statement[];
  try {
    statements = parseCell(text).statements;
  } catch (error) {
    if (!(error instanceof ShellSyntaxError)) throw error;
    options.events.stderr(`line ${error.line + 1}: ${error.message}\n`);
    runner.record({ command: text.trim(), tool: '', status: 'failed', exitCode: 2 }, Date.now());
    return finish(2);
  }
  let exitCode = 0;
  for (const statement of statements) {
    if (options.signal.aborted) break;
    exitCode = await runner.statement(statement);
    // A runbook step stops at its first failing command, as `set -e` would.
    if (exitCode !== 0) break;
  }
  return finish(exitCode);
}

class StatementRunner {
  constructor(
    private readonly options: RunCellOptions,
    /** Lines of the cell's stdout so far. */
    private readonly lines: () => number,
    private readonly onResult: (result: CommandResult) => void,
  ) {}

  /** The line in the cell of the pipeline running now. */
  private line: number | undefined;

  /** Completes a result made for this call (its object becomes the record: no copy per command). */
  record(partial: Omit<CommandResult, 'startedAt' | 'durationMs'>, started: number): void {
    const result = partial as CommandResult;
    if (result.line === undefined && this.line !== undefined) result.line = this.line;
    result.startedAt = new Date(started).toISOString();
    result.durationMs = Date.now() - started;
    // What a command found while it ran (a Secret's values) is masked in its record too.
    this.onResult(this.options.session.masker.maskDeep(result));
  }

  statement(statement: Statement): Promise<number> {
    return statement.rest.length ? this.chain(statement) : this.pipeline(statement.first);
  }

  /** `a && b || c`: each pipeline after the previous one's exit code allows it. */
  private async chain(statement: Statement): Promise<number> {
    let code = await this.pipeline(statement.first);
    for (const { op, pipeline } of statement.rest) {
      if (this.options.signal.aborted) break;
      if ((op === '&&' && code === 0) || (op === '||' && code !== 0)) code = await this.pipeline(pipeline);
    }
    return code;
  }

  async runSql(text: string): Promise<number> {
    const started = Date.now();
    const tool = this.options.registry.get('sql');
    if (!tool) {
      const reason = 'SQL cells have no native runner yet; run the statements in psql';
      this.record({ command: text.trim(), tool: 'sql', status: 'not-run', exitCode: 127, terminal: { commandLine: `psql -c ${JSON.stringify(text.trim())}`, reason } }, started);
      return 127;
    }
    if (this.options.readOnly) {
      const rows = await planSql(text, this.options.registry, this.options.session.env());
      if (rows.some((row) => readOnlySkipReason(row))) return this.runSqlReadOnly(rows);
    }
    // The text is also an argument, so the tool's plan sees the statements it confirms.
    await tool.load?.();
    return this.runTool({ stages: [this.sqlStage(tool.parse(['sql', text], this.options.session.env()), text)], display: text.trim(), tool: 'sql', started });
  }

  /** A read-only run of a SQL cell that also changes state: its reading statements one by one, the others skipped. */
  private async runSqlReadOnly(rows: SqlPlanRow[]): Promise<number> {
    let exitCode = 0;
    for (const row of rows) {
      if (this.options.signal.aborted) break;
      const started = Date.now();
      this.line = row.line;
      const reason = readOnlySkipReason(row);
      if (reason) this.record({ command: row.command, tool: 'sql', status: 'skipped', exitCode: 0, reason }, started);
      else exitCode = await this.runTool({ stages: [this.sqlStage(row.parsed!, row.command)], display: row.command, tool: 'sql', started });
      if (exitCode !== 0) break;
    }
    return exitCode;
  }

  private async pipeline(pipeline: Pipeline): Promise<number> {
    const started = Date.now();
    const { session, registry } = this.options;
    this.line = pipeline.commands[0]?.line;
    // Until values are given, an unset variable stays as written: a read-only run judges the line as `runbook plan` shows it.
    const prepared = await preparePipeline(pipeline, session, registry, () => planPipeline(pipeline, this.scope((name) => `$${name}`), registry));
    const { display, firstProgram } = prepared;
    let { plan, variables } = prepared;
    if (this.options.readOnly) {
      const reason = readOnlySkipReason(plan.row);
      if (reason) {
        this.record({ command: display, tool: firstProgram, status: 'skipped', exitCode: 0, reason }, started);
        return 0;
      }
    }
    if (pipeline.background) {
      this.options.events.stderr(`${firstProgram}: not run: a notebook cell cannot keep a background job (&); remove the '&'\n`);
      this.record({ command: display, tool: firstProgram, status: 'not-run', exitCode: 2 }, started);
      return 2;
    }

    if (plan.missing.length || plan.placeholders.length) {
      const { missing, placeholders } = plan;
      const values = await this.options.hooks.resolve({ command: display, variables: [...missing], placeholders: [...placeholders] });
      if (!values) {
        const needed = [...missing.map((n) => `$${n}`), ...placeholders.map((n) => `<${n}>`)].join(', ');
        this.options.events.stderr(`not run: no value given for ${needed}\n`);
        this.record({ command: display, tool: firstProgram, status: 'not-run', exitCode: 1, reason: `no value given for ${needed}` }, started);
        return 1;
      }
      for (const [name, value] of Object.entries(values)) session.set(name, value);
      // With the values given the words are new: the line is planned again, a variable still unset now empty.
      plan = await planPipeline(pipeline, this.scope(), registry);
      registerCommandSecrets(plan, session.masker);
      variables = usedVariables(pipeline, session);
    }

    if (plan.substitutions.length) {
      const reason = `${plan.substitutions[0]} needs a shell to run another command; run this step in a terminal`;
      this.options.events.stderr(`not run: ${reason}\n`);
      this.record({ command: display, tool: firstProgram, status: 'not-run', exitCode: 127, variables, terminal: { commandLine: display, reason } }, started);
      return 127;
    }

    // A line of only assignments sets session variables.
    if (pipeline.commands.length === 1 && plan.stages[0].argv.length === 0) {
      for (const [name, value] of Object.entries(plan.stages[0].env)) session.set(name, value);
      return 0;
    }

    const stages = plan.stages;
    const head = stages[0];
    if (head.program.kind === 'watch') return this.watch(head.argv, display, variables, started);
    const blocked = stages.find((s) => s.program.kind === 'terminal');
    if (blocked && blocked.program.kind === 'terminal') {
      this.options.events.stderr(`${blocked.program.name}: not run: ${blocked.program.reason}\n`);
      this.record({ command: display, tool: head.program.name, status: 'not-run', exitCode: 127, variables, terminal: { commandLine: display, reason: blocked.program.reason } }, started);
      return 127;
    }
    return this.runTool({ stages, display, tool: head.program.name, started, variables });
  }

  /** The session's variables and environment, for planning a pipeline now. */
  private scope(unset?: (name: string) => string): PlanScope {
    const { session } = this.options;
    return { lookup: session.lookup, home: session.lookup('HOME'), unset, env: (extra) => session.env(extra) };
  }

  /** SQL as one stage: an argument (so the plan sees the statements it confirms) and its standard input. */
  private sqlStage(command: ParsedCommand, text: string): Stage {
    const program = classifyProgram('sql', this.options.registry);
    return { argv: ['sql', text], program, redirects: [{ op: '<<', heredoc: text }], redirectTargets: [undefined], env: {}, command };
  }

  /** Confirms each state-changing stage of a planned pipeline, then runs its stages and records the result. */
  private async runTool(args: {
    stages: Stage[];
    display: string;
    tool: string;
    started: number;
    variables?: Record<string, string>;
  }): Promise<number> {
    const { session, events } = this.options;
    const { stages } = args;
    const head = stages[0];
    const notes: string[] = [];
    const data: ToolData[] = [];
    let target: Target | undefined;
    /** The running command's window or timeout, if it has one (set below, once it starts). */
    let timer: LimitTimer | undefined;
    const { editText } = this.options.hooks;
    const base = {
      isTTY: this.options.isTTY && stages.length === 1 && !head.redirects.some((r) => r.op === '>' || r.op === '>>'),
      cwd: session.cwd,
      session,
      emit: (d: ToolData) => void data.push(d),
      note: (text: string) => void notes.push(text),
      setTarget: (t: Target) => void (target = judgeTarget(t, this.options.productionTargets ?? [])),
      editText: editText && ((request: EditRequest) => (timer ? timer.paused(() => editText(request)) : editText(request))),
    };

    let status: ResultStatus = 'ok';
    let sampled = false;
    if (head.program.kind === 'tool' && head.command) {
      const { plan } = head.command;
      if (!plan.native) {
        const reason = plan.reason ?? `${head.program.name} cannot run this natively`;
        events.stderr(`${head.program.name}: not run: ${reason}\n`);
        this.record({ command: args.display, tool: args.tool, status: 'not-run', exitCode: 127, variables: args.variables, terminal: { commandLine: args.display, reason } }, args.started);
        return 127;
      }
      sampled = Boolean(plan.streams && this.options.streamWindowMs !== undefined);
    }
    // Every stage that changes state is confirmed before any stage runs: `kubectl get … | kubectl apply -f -` asks for the apply.
    const consent = await confirmStages(stages, args.display, this.options);
    if (consent.kind === 'declined') {
      events.stderr(`not run: ${consent.program} ${consent.action ?? ''} was declined\n`.replace(/ +\n/, '\n'));
      this.record({ command: args.display, tool: args.tool, status: 'declined', exitCode: 1, target: consent.target, variables: args.variables, reason: 'declined' }, args.started);
      return 1;
    }
    if (consent.kind === 'stopped') {
      this.record({ command: args.display, tool: args.tool, status: 'cancelled', exitCode: 130, variables: args.variables }, args.started);
      return 130;
    }
    target = consent.target;
    if (consent.kind === 'dry run') {
      for (const request of consent.previews) events.stderr(dryRunText(request));
      this.record({ command: args.display, tool: args.tool, status: 'skipped', exitCode: 0, target, variables: args.variables, reason: 'dry run: previewed, not run' }, args.started);
      return 0;
    }

    // A sampled stream, or a command with a timeout, gets a signal of its own that its window or timeout also aborts;
    // otherwise the cell's signal is the command's. Streams have no timeout, so a command has one limit at most.
    const timeoutMs = commandTimeoutMs(head.command?.plan, this.options.commandTimeoutMs);
    const limit = sampled ? { ms: this.options.streamWindowMs, reason: 'sampled' } : timeoutMs !== undefined ? { ms: timeoutMs, reason: TIMED_OUT } : undefined;
    const window = limit ? new AbortController() : undefined;
    const cancel = () => window?.abort(this.options.signal.reason);
    if (window) this.options.signal.addEventListener('abort', cancel, { once: true });
    timer = window ? limitTimer(window, limit!.ms ?? 0, limit!.reason) : undefined;
    // One masking stream per output: a secret split across two writes is still masked whole.
    const stdout = session.masker.stream((t) => events.stdout(t));
    const stderr = session.masker.stream((t) => events.stderr(t));
    // Where its rows are in the cell's text is known only when its stdout goes straight there.
    const toCell = stages.length === 1 && !head.redirects.some((r) => STDOUT_ELSEWHERE.has(r.op));
    const outputLine = toCell ? this.lines() : undefined;
    let exitCode: number;
    try {
      const running = runStages(stages, {
        stdout,
        stderr,
        base,
        signal: window?.signal ?? this.options.signal,
        env: (extra) => session.env(extra),
      });
      exitCode = await running;
    } finally {
      timer?.stop();
      if (window) this.options.signal.removeEventListener('abort', cancel);
      stdout.flush();
      stderr.flush();
    }
    const endedBy = window?.signal.aborted ? window.signal.reason : undefined;
    const wasSampled = endedBy === 'sampled';
    let reason: string | undefined;
    if (wasSampled) {
      exitCode = 0;
      notes.push(`Streamed for ${Math.round((this.options.streamWindowMs ?? 0) / 1000)} s and stopped: a sample, because the cell ran as part of Run All.`);
    } else if (endedBy === TIMED_OUT && timeoutMs !== undefined) {
      // Stopped as Stop stops a command, but a failure: the cell's stderr says which command and after how long.
      events.stderr(session.mask(timedOutText(timeoutMs, args.display)));
      status = 'failed';
      exitCode = TIMED_OUT_EXIT_CODE;
      reason = timedOutReason(timeoutMs);
    } else if (this.options.signal.aborted) {
      status = 'cancelled';
      exitCode = 130;
    }
    if (status === 'ok' && exitCode !== 0) status = 'failed';
    this.record({
      command: args.display,
      tool: args.tool,
      status,
      exitCode,
      ...(reason ? { reason } : {}),
      target,
      variables: args.variables,
      data: data.length ? data : undefined,
      outputLine,
      notes: notes.length ? notes : undefined,
      sampled: wasSampled || undefined,
    }, args.started);
    return exitCode;
  }

  /** `watch [-n S] CMD`: re-runs CMD every S seconds, each frame replacing the last, until stopped. */
  private async watch(argv: string[], display: string, variables: Record<string, string> | undefined, started: number): Promise<number> {
    const { events, signal } = this.options;
    const parsed = parseWatch(argv);
    if ('error' in parsed) {
      events.stderr(parsed.error + '\n');
      this.record({ command: display, tool: 'watch', status: 'failed', exitCode: 1 }, started);
      return 1;
    }
    const inner = parsed.command.length === 1 && /\s/.test(parsed.command[0]) ? parsed.command[0] : parsed.command.map(quoteArg).join(' ');
    let script: Statement[];
    try {
      script = parseScript(inner).statements;
    } catch (error) {
      events.stderr(`watch: ${(error as Error).message}\n`);
      return 1;
    }
    const window = this.options.streamWindowMs;
    const deadline = window === undefined ? Infinity : Date.now() + window;
    const frames = new AbortController();
    const stop = () => frames.abort();
    signal.addEventListener('abort', stop, { once: true });
    const innerResults: CommandResult[] = [];
    const frameRunner = new StatementRunner({ ...this.options, streamWindowMs: window, signal: frames.signal }, this.lines, (r) => innerResults.push(r));
    let exitCode = 0;
    let frameCount = 0;
    try {
      while (!frames.signal.aborted) {
        events.clear();
        if (parsed.titled) events.stdout(`Every ${parsed.interval.toFixed(1)}s: ${inner}\n\n`);
        for (const statement of script) exitCode = await frameRunner.statement(statement);
        frameCount++;
        if (Date.now() + parsed.interval * 1000 > deadline) break;
        await abortableSleep(parsed.interval * 1000, frames.signal);
      }
    } finally {
      signal.removeEventListener('abort', stop);
    }
    const last = innerResults[innerResults.length - 1];
    const cancelled = signal.aborted;
    this.record({
      command: display,
      tool: last?.tool ?? 'watch',
      status: cancelled ? 'ok' : exitCode === 0 ? 'ok' : 'failed',
      exitCode: cancelled ? 0 : exitCode,
      target: last?.target,
      variables,
      data: last?.data,
      outputLine: last?.outputLine,
      notes: [`${frameCount} refresh${frameCount === 1 ? '' : 'es'} every ${parsed.interval} s${window !== undefined && !cancelled ? '; stopped after the Run All window' : ''}.`],
      sampled: window !== undefined && !cancelled ? true : undefined,
    }, started);
    return cancelled ? 0 : exitCode;
  }
}

function quoteArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

