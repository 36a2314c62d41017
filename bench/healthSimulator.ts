// The Kubernetes API simulator for bench:health, in a process of its own (so
// it does not share the benchmark's CPU or heap), at a given scale; it is
// asked over IPC how many requests it has served.

import { fork } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './root';

export interface BenchSimulator {
  url: string;
  kubeconfig: string;
  /** Requests served so far, by verb (WATCH for a watch) and path. */
  requestCounts(): Promise<Record<string, number>>;
  stop(): void;
}

export async function startBenchSimulator(pods: number, churnPerSecond: number): Promise<BenchSimulator> {
  const env = { ...process.env, SANDBOX_PODS: String(pods), SANDBOX_CHURN_PER_SECOND: String(churnPerSecond) };
  const child = fork(join(ROOT, 'test', 'sandbox', 'kube', 'main.ts'), [], { env, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('KUBECONFIG=')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  return {
    url: /listening on (\S+)/.exec(out)![1]!,
    kubeconfig: /KUBECONFIG=(\S+)/.exec(out)![1]!,
    requestCounts: () =>
      new Promise((resolve) => {
        child.once('message', (message: { requests: Record<string, number> }) => resolve(message.requests));
        child.send('requests');
      }),
    stop: () => {
      child.kill('SIGINT');
      child.disconnect();
    },
  };
}

/** What was served between two counts, by key, largest first. */
export function countsBetween(before: Record<string, number>, after: Record<string, number>): [string, number][] {
  return Object.entries(after)
    .map(([key, n]): [string, number] => [key, n - (before[key] ?? 0)])
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
}
