// Runs command lines through the native engine and through the real CLIs,
// so tests can compare the two on the same servers.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { runCell, Session, type CellRun, type ConfirmationRequest, type ToolRegistry } from '../../src/core/engine';
import { createRegistry } from '../../src/core/tools';

export interface Captured {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface NativeRun extends Captured {
  run: CellRun;
  session: Session;
}

export interface NativeOptions {
  env: Record<string, string | undefined>;
  /** Answer for state-changing commands (default: yes). */
  confirm?: boolean;
  /** Sees each confirmation request (with its preview) before it is answered. */
  onConfirm?: (request: ConfirmationRequest) => void;
  /** Print each change's preview instead of running it. */
  dryRun?: boolean;
  /** Values for variables and placeholders. */
  values?: Record<string, string>;
  language?: string;
  isTTY?: boolean;
  signal?: AbortSignal;
  streamWindowMs?: number;
  /** Each command's timeout (see RunCellOptions.commandTimeoutMs); default none. */
  commandTimeoutMs?: number;
  cwd?: string;
  /** Reuse a session across runs (kept-alive clients, remembered values). */
  session?: Session;
  /** The tools (default: every native tool); the same registry across runs keeps what it worked out. */
  registry?: ToolRegistry;
  editText?: (text: string) => string | undefined;
  /** Sees stdout as it is written (a test that acts at a point of a run, not after a delay). */
  onStdout?: (text: string) => void;
}

export async function runNative(commandLine: string, options: NativeOptions): Promise<NativeRun> {
  const session = options.session ?? new Session(options.cwd ?? process.cwd(), options.env);
  let stdout = '';
  let stderr = '';
  const run = await runCell(commandLine, {
    language: options.language ?? 'shellscript',
    session,
    registry: options.registry ?? createRegistry(),
    signal: options.signal ?? new AbortController().signal,
    isTTY: options.isTTY ?? false,
    streamWindowMs: options.streamWindowMs,
    commandTimeoutMs: options.commandTimeoutMs,
    dryRun: options.dryRun,
    events: { stdout: (t) => ((stdout += t), options.onStdout?.(t)), stderr: (t) => (stderr += t), clear: () => (stdout = '') },
    hooks: {
      resolve: async () => options.values,
      confirm: async (request) => (options.onConfirm?.(request), options.confirm ?? true),
      editText: options.editText ? async (request) => options.editText!(request.text) : undefined,
    },
  });
  if (!options.session) await session.dispose();
  return { stdout, stderr, exitCode: run.exitCode, run, session };
}

/** A real CLI's output with the secrets a native session knows masked, as the notebook shows ours: parity is of everything else. */
export function maskedBy(session: Session, output: Captured): Captured {
  return { stdout: session.mask(output.stdout), stderr: session.mask(output.stderr), exitCode: output.exitCode };
}

/** Ours printed what the real CLI printed on the same state (its secrets masked as ours are), with its exit code. */
export function assertSameAsReal(ours: NativeRun, real: Captured, what: string): void {
  const expected = maskedBy(ours.session, real);
  assert.equal(ours.stdout, expected.stdout, `${what}: stdout`);
  assert.equal(ours.stderr, expected.stderr, `${what}: stderr`);
  assert.equal(ours.exitCode, expected.exitCode, `${what}: exit code`);
}

/**
 * The same command line through bash and the real programs on PATH.
 * Asynchronous on purpose: servers the test runs in-process keep answering.
 */
export function runReal(commandLine: string, env: Record<string, string | undefined>, timeoutMs = 30_000): Promise<Captured> {
  return runProgram('bash', ['-c', commandLine], env, timeoutMs);
}

/** Runs a program without a shell and captures its output (exit code -1 on timeout). */
export function runProgram(program: string, args: string[], env: Record<string, string | undefined>, timeoutMs = 30_000): Promise<Captured> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, exitCode: code ?? -1 });
    });
  });
}

/**
 * Ages (`5s`, `47h`, `6d`, `2d3h`) and RFC 3339 times differ between two runs
 * by nature. They become placeholders, and since their width shifts the
 * columns after them, runs of spaces become two spaces on both sides.
 */
export function normalizeTimes(text: string): string {
  return text
    .replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z\b/g, '<time>')
    .replace(/(?<=[\s(]|^)(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?(?= ago\)|\s|$|\))/gm, (m) => (m ? '<age>' : m))
    .replace(/ {2,}/g, '  ')
    .replace(/[ \t]+$/gm, '');
}
