// The runbook runner: the one path from "run these cells" to each cell's
// result and verdict, shared by the notebook controller and the `runbook`
// CLI. It runs cells one at a time, in order, applies Run All's policies in
// one place (stop at a failure, stop at a critical verdict, sample streams,
// read-only), builds each cell's CellResult once, judges it against the
// runbook's thresholds, and tells subscribers what happens as it happens.

import { runCell, type CellHooks, type CellRun, type Session, type ToolRegistry } from '../engine';
import { CapturedOutput, DEFAULT_MAX_OUTPUT_LINES, spoolDirectoryOf, type OutputLimits } from '../output';
import type { CellResult } from '../results/cellResult';
import type { Cell, Runbook } from '../runbook';
import { judgeCell, type BreachTracker } from '../thresholds';
import { buildCellResult, cellSucceeded, type CellOutput } from './cellResult';
import type { RunnerEvent, RunnerListener, StopReason } from './events';

interface CapturedStreams {
  stdout: CapturedOutput;
  stderr: CapturedOutput;
}

/** The command timeout when none is set: the VS Code setting's and the CLI's `--timeout` default. */
export const DEFAULT_COMMAND_TIMEOUT_SECONDS = 60;

export interface RunnerPolicy {
  /** Keep going after a failed cell. */
  continueOnFailure: boolean;
  /** Stop after a cell whose verdict is critical. */
  stopOnCritical: boolean;
  /** When several cells run, a streaming command (`get -w`, `logs -f`, `watch`) is sampled for this long. */
  streamWindowMs?: number;
  /**
   * Each command (not cell) is stopped after this long, as Stop stops it, and fails with exit code 124; undefined or 0:
   * no limit. Streams are exempt (their sampling window ends them), and so are commands given their own `--timeout`.
   */
  commandTimeoutMs?: number;
  /** Sample streams even when one cell runs (`runbook check` takes one sample of each). */
  alwaysSample?: boolean;
  /** Run only what reads state; every other command is skipped with its reason (`runbook check`). */
  readOnly?: boolean;
  /** Print each change's preview instead of running it (see RunCellOptions.dryRun). */
  dryRun?: boolean;
  /** Production target patterns (runbook.productionTargets, RUNBOOK_PRODUCTION_TARGETS); the runbook's front matter adds its own. */
  productionTargets?: readonly string[];
}

export interface RunnerOptions {
  /** The runbook as it is now; read again at each cell's start, since the editor may change it between cells. */
  runbook: () => Runbook;
  session: Session;
  registry: ToolRegistry;
  /** When each breach began, for the duration rule; lives as long as the notebook (or the CLI run). */
  tracker: BreachTracker;
  /** Values for variables, confirmations of changes, and edits (kubectl edit). */
  hooks: CellHooks;
  /** Whether the cell's stdout is a terminal to the tools (notebook cells: yes). */
  isTTY: boolean;
  policy: RunnerPolicy;
  /** Lines a cell keeps of a larger output (the rest is spooled to a file of the session's); default 1000. */
  maxOutputLines?: number;
  now?: () => Date;
}

export interface RunRequest {
  /** Stops the whole run. */
  signal: AbortSignal;
  /** Called as each cell starts; may return the cell's own stop (the editor's per-cell stop button), combined with `signal`. */
  startCell?: (cell: Cell) => AbortSignal | undefined;
}

export interface RunOutcome {
  results: { cell: Cell; result: CellResult }[];
  stopped?: { cell: Cell; reason: StopReason; detail?: string };
}

export class RunbookRunner {
  private readonly listeners = new Set<RunnerListener>();

  constructor(private readonly options: RunnerOptions) {}

  /** Subscribes to what the runner does; returns the unsubscribe function. */
  on(listener: RunnerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: RunnerEvent): void {
    for (const listener of this.listeners) void listener(event);
  }

  /** Tells every subscriber and waits for them: a cell is finished for all of them before the next one starts. */
  private async settle(event: RunnerEvent): Promise<void> {
    await Promise.all([...this.listeners].map((listener) => listener(event)));
  }

  /** Runs cells by index, in order. One cell streams until stopped; several are a Run All, with its policies. */
  async run(indexes: readonly number[], request: RunRequest): Promise<RunOutcome> {
    const { policy } = this.options;
    const sampled = indexes.length > 1 || policy.alwaysSample === true;
    const outcome: RunOutcome = { results: [] };
    for (let i = 0; i < indexes.length; i++) {
      const cell = this.options.runbook().cells[indexes[i]];
      if (!cell) continue;
      if (request.signal.aborted) {
        outcome.stopped = { cell, reason: 'cancelled' };
        break;
      }
      const cellSignal = request.startCell?.(cell);
      const signal = cellSignal ? AbortSignal.any([request.signal, cellSignal]) : request.signal;
      const result = await this.runOne(cell, sampled, signal);
      outcome.results.push({ cell, result });
      if (i === indexes.length - 1) break;
      const stop = this.stopAfter(result);
      if (stop) {
        outcome.stopped = { cell, ...stop };
        this.emit({ type: 'stopped', cell, reason: stop.reason, message: stopMessage(cell, stop.reason, stop.detail) });
        for (const index of indexes.slice(i + 1)) {
          const later = this.options.runbook().cells[index];
          if (later) this.emit({ type: 'skipped', cell: later, reason: `the run stopped at cell ${cell.index + 1}` });
        }
        break;
      }
    }
    return outcome;
  }

  /** Why a run of several cells stops after this result, if it does. */
  private stopAfter(result: CellResult): { reason: StopReason; detail?: string } | undefined {
    if (result.status === 'cancelled') return { reason: 'cancelled' };
    if (!cellSucceeded(result) && !this.options.policy.continueOnFailure) return { reason: 'failure' };
    const verdict = result.verdict;
    if (this.options.policy.stopOnCritical && verdict?.level === 'critical') {
      const why = verdict.verdicts.find((v) => v.level === 'critical')?.text ?? verdict.findings.find((f) => f.level === 'critical')?.message;
      return { reason: 'critical', detail: why };
    }
    return undefined;
  }

  /** The cell's two streams, each spooled to a file of the session's once it is too large to keep. */
  private captureOutput(cell: Cell): CapturedStreams {
    const spool = spoolDirectoryOf(this.options.session);
    const maxLines = this.options.maxOutputLines ?? DEFAULT_MAX_OUTPUT_LINES;
    const limits: OutputLimits = { maxLines, newFile: (stream) => spool.newFile(stream) };
    const spooled = (stream: 'stdout' | 'stderr') => (path: string) => this.emit({ type: 'spooled', cell, stream, path, maxLines });
    return { stdout: new CapturedOutput(limits, 'stdout', spooled('stdout')), stderr: new CapturedOutput(limits, 'stderr', spooled('stderr')) };
  }

  private async runOne(cell: Cell, sampled: boolean, signal: AbortSignal): Promise<CellResult> {
    const { options } = this;
    this.emit({ type: 'cell-started', cell, sampled });
    const output = this.captureOutput(cell);
    const productionTargets = [...(options.policy.productionTargets ?? []), ...options.runbook().productionTargets];
    let run: CellRun;
    try {
      run = await runCell(cell.text, {
        language: cell.language,
        session: options.session,
        registry: options.registry,
        signal,
        isTTY: options.isTTY,
        streamWindowMs: sampled ? (options.policy.streamWindowMs ?? 10_000) : undefined,
        commandTimeoutMs: options.policy.commandTimeoutMs,
        readOnly: options.policy.readOnly,
        dryRun: options.policy.dryRun,
        productionTargets,
        events: {
          stdout: (text) => {
            output.stdout.write(text);
            this.emit({ type: 'text', cell, stream: 'stdout', text });
          },
          stderr: (text) => {
            output.stderr.write(text);
            this.emit({ type: 'text', cell, stream: 'stderr', text });
          },
          clear: () => {
            output.stdout.clear();
            this.emit({ type: 'clear', cell });
          },
          command: (command) => {
            if (command.status === 'skipped') this.emit({ type: 'skipped', cell, command: command.command, reason: command.reason ?? 'skipped' });
            this.emit({ type: 'command-finished', cell, command });
          },
        },
        hooks: {
          resolve: (request) => options.hooks.resolve(request),
          confirm: async (request) => {
            const answer = await options.hooks.confirm(request);
            this.emit({ type: 'confirmation', cell, request, answer });
            return answer;
          },
          editText: options.hooks.editText && ((request) => options.hooks.editText!(request)),
        },
      });
    } catch (error) {
      // A bug, not the command's failure: the cell fails with the reason, and a run of several stops or goes on by policy.
      const message = options.session.mask(`runbook: ${error instanceof Error ? error.message : String(error)}\n`);
      output.stderr.write(message);
      this.emit({ type: 'text', cell, stream: 'stderr', text: message });
      run = { ok: false, exitCode: 70, startedAt: new Date().toISOString(), durationMs: 0, commands: [{ command: cell.text.trim(), tool: '', status: 'failed', exitCode: 70, startedAt: new Date().toISOString(), durationMs: 0 }] };
    }
    const result = buildCellResult(cell.text, run, keptOutput(output), options.session.masker);
    const runbook = options.runbook();
    const verdict = judgeCell(runbook.groups, result, options.tracker, options.now?.() ?? new Date());
    if (verdict) result.verdict = verdict;
    if (result.status === 'cancelled') this.emit({ type: 'cancelled', cell });
    await this.settle({ type: 'cell-finished', cell, result });
    return result;
  }
}

/** What a finished cell keeps of its streams: their files closed, complete. */
function keptOutput(output: CapturedStreams): CellOutput {
  output.stdout.close();
  output.stderr.close();
  const stdout = output.stdout.full();
  const stderr = output.stderr.full();
  return {
    stdout: output.stdout.text(),
    stderr: output.stderr.text(),
    ...(stdout || stderr ? { full: { ...(stdout ? { stdout } : {}), ...(stderr ? { stderr } : {}) } } : {}),
  };
}

function stopMessage(cell: Cell, reason: StopReason, detail: string | undefined): string {
  if (reason === 'cancelled') return `stopped at cell ${cell.index + 1}`;
  if (reason === 'failure') return `stopped at a failed cell (cell ${cell.index + 1}); the cells after it were not run`;
  return `stopped at cell ${cell.index + 1}: its verdict is critical${detail ? ` (${detail})` : ''}. The cells after it were not run`;
}
