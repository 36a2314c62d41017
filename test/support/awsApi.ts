// Parity runs for `aws s3api` / `aws cloudfront`: the same command line
// through the real aws CLI (in a shell, in the given folder) and through the
// engine, compared on stdout, stderr and exit code after normalising what
// differs between two runs by nature.
import { runNative, runReal, type Captured } from './engine';

export interface ParityCase {
  line: string;
  /** Replaces run-to-run values (invalidation ids, caller references, statuses) before comparing. */
  normalize?: (text: string) => string;
  /** A known difference: still run and counted, reported as a todo instead of failing. */
  gap?: string;
}

export interface ParityOutcome {
  native: Captured & { notes: string[]; data: Record<string, unknown>[] };
  real: Captured;
  same: boolean;
}

function quoteShell(path: string): string {
  return `'${path.replace(/'/g, "'\\''")}'`;
}

export async function compareAws(c: ParityCase, env: Record<string, string | undefined>, cwd: string): Promise<ParityOutcome> {
  const real = await runReal(`cd ${quoteShell(cwd)} && ${c.line}`, env, 60_000);
  const run = await runNative(c.line, { env, cwd });
  const commands = run.run.commands as unknown as Array<{ notes?: string[]; data?: Record<string, unknown>[] }>;
  const native = {
    stdout: run.stdout,
    stderr: run.stderr,
    exitCode: run.exitCode,
    notes: commands.flatMap((x) => x.notes ?? []),
    data: commands.flatMap((x) => x.data ?? []),
  };
  const n = c.normalize ?? ((t: string) => t);
  const same = n(native.stdout) === n(real.stdout) && n(native.stderr) === n(real.stderr) && native.exitCode === real.exitCode;
  return { native, real, same };
}

export function normalizePair(outcome: ParityOutcome, normalize?: (t: string) => string): { native: Captured; real: Captured } {
  const n = normalize ?? ((t: string) => t);
  return {
    native: { stdout: n(outcome.native.stdout), stderr: n(outcome.native.stderr), exitCode: outcome.native.exitCode },
    real: { stdout: n(outcome.real.stdout), stderr: n(outcome.real.stderr), exitCode: outcome.real.exitCode },
  };
}
