// Helpers for integration tests that use the sandbox.
//
// acquireSandbox(): the connection settings of the sandbox that
// scripts/run-tests.mjs started for the run (RUNBOOK_SANDBOX_ENV_FILE), or,
// when a test file runs on its own (node --import tsx --test FILE) or asks for
// its own scenario, services or clock, of a sandbox started in this process.
//
// sharedDir(): the project's shared folder (../shared beside the repo), or
// undefined with SHARED_MISSING as the reason to skip.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readEnvFile } from './envfile';
import { startSandbox, type SandboxOptions } from './index';

export interface SandboxLease {
  env: Record<string, string>;
  /** True when this process started the sandbox (and so stop() stops it). */
  own: boolean;
  stop(): Promise<void>;
}

/** Call in before(); call stop() in after(). */
export async function acquireSandbox(opts: SandboxOptions = {}): Promise<SandboxLease> {
  const file = process.env.RUNBOOK_SANDBOX_ENV_FILE;
  if (file && existsSync(file) && !opts.scenario && !opts.services && !opts.clock && !opts.scale) {
    return { env: readEnvFile(file), own: false, stop: async () => {} };
  }
  const sb = await startSandbox({ quiet: true, ...opts });
  return { env: sb.env, own: true, stop: () => sb.stop() };
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const sharedCandidate = fileURLToPath(new URL('../../../shared/', import.meta.url));

export const SHARED_MISSING = `the shared folder (${sharedCandidate}) is not there; this test reads the project's shared files`;

export function sharedDir(): string | undefined {
  return existsSync(sharedCandidate) ? sharedCandidate : undefined;
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a real CLI without blocking the event loop (servers may live in this
 * very process), with the sandbox's env on top of ours. Never throws for a
 * non-zero exit.
 */
export function runCli(
  command: string,
  args: string[],
  env: Record<string, string | undefined> = {},
  timeoutMs = 60_000,
): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: repoRoot, env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr: stderr || (err && typeof err.code !== 'number' ? err.message : '') });
      },
    );
  });
}

/** The first executable called `name` on PATH, or undefined. */
export async function which(name: string): Promise<string | undefined> {
  const r = await runCli('sh', ['-c', `command -v ${name}`]);
  return r.code === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
}

/** The level a measurement is at against the runbook's thresholds. */
export function levelAbove(percent: number, warning: number, critical: number): 'normal' | 'warning' | 'critical' {
  if (percent >= critical) return 'critical';
  if (percent >= warning) return 'warning';
  return 'normal';
}

/** For "lower is worse" thresholds such as the cache hit rate (warning <85, critical <70). */
export function levelBelow(percent: number, warning: number, critical: number): 'normal' | 'warning' | 'critical' {
  if (percent < critical) return 'critical';
  if (percent < warning) return 'warning';
  return 'normal';
}
