// `runbook exec -- 'COMMAND LINE'`: one command line through the engine,
// printing what the real CLI would print, on the same streams, with its exit code.

import { Runbook } from '../core/runbook';
import type { CellVerdict } from '../core/thresholds';
import { productionPatternsFromEnv } from '../core/safety';
import { cliRunner, readRunbookText, sessionWithVars } from './runbookFile';
import { terminalHooks } from './terminalHooks';

export interface ExecOptions {
  vars: Record<string, string>;
  yes: boolean;
  repeat: number;
  cwd: string;
  language: string;
  /** A runbook whose thresholds judge each run (stderr); a critical verdict stops --repeat. */
  thresholds?: string;
  continueOnCritical?: boolean;
  /** Production targets the user names, whose changes run without asking (--confirm-target). */
  confirmTargets?: readonly string[];
  /** Refuse every change; run only reads (--read-only). */
  readOnly?: boolean;
  /** Print each change's preview instead of running it; reads run (--dry-run). */
  dryRun?: boolean;
  /** Each command is stopped after this long and fails with exit code 124 (--timeout); undefined or 0: no limit. */
  commandTimeoutMs?: number;
  /** The runbook the command was taken from (--from): its thresholds judge the run and its front matter's production targets apply. */
  from?: { text: string };
}

export async function execCommand(commandLine: string, options: ExecOptions): Promise<number> {
  // The command line is a runbook of one cell, judged by the thresholds of the runbook --thresholds names;
  // a command taken from a runbook (--from) is a cell added to that runbook, so its front matter's production targets apply too.
  const context = options.from ? Runbook.fromMarkdown(options.from.text) : undefined;
  const cell = { index: context?.cells.length ?? 0, kind: 'code' as const, language: options.language, text: commandLine };
  let runbook = context ? new Runbook([...context.cells, cell], context.thresholds) : new Runbook([cell], { groups: [], diagnostics: [] });
  if (options.thresholds) {
    const read = readRunbookText(options.thresholds);
    if ('error' in read) {
      process.stderr.write(`runbook: ${read.error}\n`);
      return 2;
    }
    runbook = runbook.withThresholds(Runbook.fromMarkdown(read.text).thresholds);
  }
  const session = sessionWithVars(options.cwd, options.vars);
  // One command line: it streams until interrupted, and --repeat has its own critical rule below.
  const runner = cliRunner(runbook, session, terminalHooks(options), { continueOnFailure: true, stopOnCritical: false, readOnly: options.readOnly, dryRun: options.dryRun, productionTargets: productionPatternsFromEnv(process.env), commandTimeoutMs: options.commandTimeoutMs }, Boolean(process.stdout.isTTY));
  // Read-only: a change is refused before it reaches a server, saying why; the command line then fails.
  let refused = false;
  runner.on((event) => {
    // A dry run's skipped change printed its preview: nothing was refused.
    if (event.type === 'skipped' && !(options.dryRun && event.reason.startsWith('dry run'))) {
      refused = true;
      process.stderr.write(`runbook: refused: '${event.command}' ${event.reason} (--read-only)\n`);
    }
    if (event.type === 'text') (event.stream === 'stdout' ? process.stdout : process.stderr).write(event.text);
    else if (event.type === 'clear' && process.stdout.isTTY) process.stdout.write('\x1b[H\x1b[2J');
  });
  const controller = new AbortController();
  const onSignal = () => controller.abort('interrupted');
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const timings: number[] = [];
  let exitCode = 0;
  try {
    for (let i = 0; i < Math.max(1, options.repeat); i++) {
      const started = process.hrtime.bigint();
      const { results } = await runner.run([cell.index], { signal: controller.signal });
      timings.push(Number(process.hrtime.bigint() - started) / 1e6);
      const result = results[0]?.result;
      exitCode = refused ? 1 : (result?.exitCode ?? 0);
      if (controller.signal.aborted) break;
      if (result?.verdict) for (const line of verdictLines(result.verdict)) process.stderr.write(line + '\n');
      if (result?.verdict?.level === 'critical' && !options.continueOnCritical && i + 1 < options.repeat) {
        process.stderr.write(`runbook: stopped after run ${i + 1} of ${options.repeat} at a critical verdict (--continue-on-critical keeps going)\n`);
        break;
      }
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await session.dispose();
  }
  if (options.repeat > 1) process.stderr.write(timingSummary(timings) + '\n');
  return controller.signal.aborted ? 130 : exitCode;
}

/** Every breach and finding of a run's verdict, for stderr. */
export function verdictLines(verdict: CellVerdict): string[] {
  return [...verdict.verdicts.map((v) => `runbook: ${v.group}: ${v.text}`), ...verdict.findings.map((f) => `runbook: ${f.level}: ${f.message}`)];
}

export function timingSummary(timings: readonly number[]): string {
  const sorted = [...timings].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms over ${sorted.length} runs`;
}
