// Helpers for the simulator's integration tests: polling with a deadline, reading
// objects straight from the API, and running the real kubectl in isolation.
import { execFile } from 'node:child_process';
import type { Json } from './util';

/** Polls `check` until it returns a truthy value or the deadline passes (then throws its last error). */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function getJson(baseUrl: string, path: string): Promise<Json> {
  const res = await fetch(baseUrl + path, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command with a timeout; never rejects (the exit code is in the result). */
export function run(file: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string, timeoutMs = 90_000): Promise<Result> {
  return new Promise((resolve) => {
    execFile(file, args, { env, cwd, timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Splits kubectl's column output into rows of cells (two or more spaces separate columns). */
export function rows(table: string): string[][] {
  return table
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => l.trim().split(/\s{2,}/));
}

export const TIKTOK_PODS = '/api/v1/namespaces/default/pods?labelSelector=app%3Dtiktok-toe';

export function isReady(pod: Json): boolean {
  return !pod.metadata.deletionTimestamp && (pod.status?.conditions ?? []).some((c: Json) => c.type === 'Ready' && c.status === 'True');
}

/** Waits until exactly `n` app pods exist and all are Ready. */
export async function appPodsReady(baseUrl: string, n: number): Promise<Json[]> {
  return eventually(async () => {
    const items: Json[] = (await getJson(baseUrl, TIKTOK_PODS)).items;
    return items.length === n && items.every(isReady) ? items : undefined;
  }, `${n} ready tiktok-toe pods`);
}
