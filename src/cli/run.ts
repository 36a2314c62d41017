// `runbook run FILE`: every code cell of a runbook, in order, as Run All runs
// them in the editor (stop at a failed cell or a critical verdict, streams
// sampled), printing what each command prints; `--read-only` skips every
// command that does not only read. `--record` writes the incident record as
// the notebook does; a record given as FILE is recorded into (`--resume`:
// from after its last finished cell). Exit status: the README's table.

import { dirname } from 'node:path';
import { Runbook } from '../core/runbook';
import { summarizeNotebook } from '../core/thresholds';
import { verdictLines } from './exec';
import type { Output } from './roundtrip';
import { cliRunner, readRunbookText, sessionWithVars } from './runbookFile';
import { EXIT, exitCodeFor, readRound, roundLevel } from './runOutcome';
import { wholeResult } from '../core/output';
import { productionPatternsFromEnv } from '../core/safety';
import { prepareRecording, type Recording } from './runRecording';
import { terminalHooks } from './terminalHooks';
import { inlineNotRun, inlineSummary } from './inlineNotRun';

export interface RunOptions {
  vars: Record<string, string>;
  yes: boolean;
  readOnly: boolean;
  /** Print each change's preview instead of running it; reads run (--dry-run). */
  dryRun?: boolean;
  /** Production targets the user names, whose changes run without asking (--confirm-target). */
  confirmTargets?: readonly string[];
  continueOnFailure: boolean;
  continueOnCritical: boolean;
  /** One JSON document on stdout: each cell's result, the level and the exit code. */
  json: boolean;
  /** Write an incident record: to this path, or (true) to a new file under the records folder. */
  record?: string | boolean;
  /** FILE is a record: continue it after its last finished cell. */
  resume?: boolean;
  /** Where new records go, relative to the runbook's folder (default `incidents`). */
  recordsFolder?: string;
  /** How large an output may be before it goes to a sidecar file (default 256 KB). */
  maxOutputBytes?: number;
  now?: () => Date;
  cwd?: string;
  /** How long a streaming command is sampled (default 10 s, as in Run All). */
  streamWindowMs?: number;
  /** Each command is stopped after this long and fails (--timeout); undefined or 0: no limit. */
  commandTimeoutMs?: number;
  env?: Readonly<Record<string, string | undefined>>;
  signal?: AbortSignal;
}

/** Where the run's text goes: the commands' own stdout and stderr, and our progress lines. */
export interface RunStreams extends Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

export async function runRunbook(file: string, options: RunOptions, io: RunStreams): Promise<number> {
  const read = readRunbookText(file);
  if ('error' in read) {
    io.err(`runbook: ${read.error}`);
    return EXIT.unreadable;
  }
  const prepared = prepareRecording(file, read.text, options);
  if ('error' in prepared) {
    io.err(`runbook: ${prepared.error}`);
    return EXIT.unreadable;
  }
  const recording: Recording | undefined = prepared.recording;
  const runbook = recording?.runbook ?? Runbook.fromMarkdown(read.text);
  const session = sessionWithVars(options.cwd ?? recording?.cwd ?? dirname(file), options.vars, options.env ?? process.env);
  const runner = cliRunner(runbook, session, terminalHooks({ yes: options.yes, confirmTargets: options.confirmTargets }), {
      continueOnFailure: options.continueOnFailure,
      stopOnCritical: !options.continueOnCritical,
      readOnly: options.readOnly,
      dryRun: options.dryRun,
      productionTargets: productionPatternsFromEnv(options.env ?? process.env),
      streamWindowMs: options.streamWindowMs ?? 10_000,
      commandTimeoutMs: options.commandTimeoutMs,
      alwaysSample: true,
    });
  if (recording) {
    runner.on(recording.attach(session));
    if (!options.json) io.err(`runbook: recording to ${recording.path}`);
  }
  runner.on((event) => {
    if (options.json) return;
    if (event.type === 'cell-started' && event.cell.language !== 'yaml' && event.cell.language !== 'json') io.err(`==> ${file}:${event.cell.line ?? '?'}`);
    else if (event.type === 'text') (event.stream === 'stdout' ? io.stdout : io.stderr)(event.text);
    else if (event.type === 'skipped' && event.command) io.err(`runbook: skipped '${event.command}': ${event.reason}`);
    else if (event.type === 'stopped') io.err(`runbook: ${event.message}`);
  });
  let outcome;
  let round;
  try {
    const cells = runbook.codeCells.filter((c) => c.index > (recording?.after ?? -1));
    outcome = await runner.run(cells.map((c) => c.index), { signal: options.signal ?? new AbortController().signal });
    round = readRound(outcome);
    // The JSON document holds every line of a large output, read back before the session's spool goes.
    if (options.json) round.runs = round.runs.map((r) => ({ ...r, result: wholeResult(r.result) }));
  } finally {
    await session.dispose();
  }
  const summary = summarizeNotebook(runbook.groups, round.runs.map((r) => r.result.verdict));
  const findings = round.runs.flatMap((r) => r.result.verdict?.findings ?? []);
  const level = roundLevel(summary.verdicts, findings);
  const exitCode = exitCodeFor(level, round);
  // Commands written inline in the prose are listed, never run: prose often names a command as an example.
  const inline = inlineNotRun(file, read.text);
  if (options.json) {
    io.out(JSON.stringify({ file, ...(recording ? { record: recording.path } : {}), level, exitCode, stopped: outcome.stopped ? { line: outcome.stopped.cell.line, reason: outcome.stopped.reason } : undefined, cells: round.runs.map((r) => ({ line: r.line, result: r.result })), skipped: round.skipped, inline, failures: round.failures }, null, 2));
    return exitCode;
  }
  for (const run of round.runs) for (const line of run.result.verdict ? verdictLines(run.result.verdict) : []) io.err(line);
  for (const f of round.failures) io.err(`runbook: line ${f.line}: '${f.command}' ${f.exitCode ? `exited ${f.exitCode}` : 'did not run'}${f.message ? `: ${f.message}` : ''}`);
  for (const c of inline) io.err(`runbook: not run '${c.command}' (line ${c.line}): ${c.reason}`);
  io.err(`runbook: ${round.failures.length ? 'incomplete' : level} (exit ${exitCode}): ran ${round.runs.length} cell${round.runs.length === 1 ? '' : 's'}${round.skipped.length ? `, skipped ${round.skipped.length} command${round.skipped.length === 1 ? '' : 's'}` : ''}${inlineSummary(inline.length)}`);
  return exitCode;
}
