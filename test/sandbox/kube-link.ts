// Starts the Kubernetes API simulator (test/sandbox/kube) for the sandbox.
// The simulator is loaded at run time: when its module is not there the
// sandbox still starts, without KUBECONFIG, and says so.
import type { KubeSimulator, KubeSimulatorOptions } from './kube/index';
import type { Scale } from './scale';
import type { Scenario } from './scenario';

export interface KubeHandle {
  available: boolean;
  url: string;
  /** The URLs of the other simulated clusters (contexts sandbox-2, sandbox-3, ...). */
  others: string[];
  kubeconfigPath: string;
  stop(): Promise<void>;
}

export type KubeModule = { startKubeSimulator(opts: KubeSimulatorOptions): Promise<KubeSimulator> };

/** The simulator's own entry module is absent (a broken simulator is an error, not absence). */
function isMissingModule(err: unknown, modulePath: string): boolean {
  const e = err as NodeJS.ErrnoException | undefined;
  const code = e?.code;
  const entry = modulePath.replace(/^\.\//, '');
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && new RegExp(`Cannot find module '[^']*${entry}(\\.ts)?'`).test(e?.message ?? '');
}

/** Starts loading the simulator's module; an Error (not a rejection) when it is not there. */
export function loadKubeModule(modulePath = './kube/index'): Promise<KubeModule | Error> {
  return (import(modulePath) as Promise<KubeModule>).catch((err: unknown) => {
    if (isMissingModule(err, modulePath)) return err as Error;
    throw err;
  });
}

export async function startKube(opts: {
  module: Promise<KubeModule | Error>;
  scenario: Scenario;
  scale?: Scale;
  pvcCapacityBytes?: number;
  kubeconfigPath: string;
  log: (line: string) => void;
}): Promise<KubeHandle> {
  const mod = await opts.module;
  if (mod instanceof Error) {
    opts.log(`kube: simulator module not found (${mod.message.split('\n')[0]}); no KUBECONFIG`);
    return { available: false, url: '', others: [], kubeconfigPath: '', stop: async () => {} };
  }
  const options: KubeSimulatorOptions = {
    host: '127.0.0.1',
    port: 0,
    scenario: opts.scenario,
    ...(opts.pvcCapacityBytes ? { pvcCapacityBytes: opts.pvcCapacityBytes } : {}),
    ...(opts.scale?.pods ? { pods: opts.scale.pods } : {}),
    ...(opts.scale?.churnPerSecond ? { churnPerSecond: opts.scale.churnPerSecond } : {}),
  };
  const started = await Promise.allSettled(Array.from({ length: opts.scale?.clusters ?? 1 }, () => mod.startKubeSimulator(options)));
  const sims = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const stop = async () => void (await Promise.all(sims.map((s) => s.stop())));
  const [sim, ...others] = sims;
  try {
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    await sim.writeKubeconfig(opts.kubeconfigPath, others.map((o) => o.url));
  } catch (err) {
    await stop();
    throw err;
  }
  opts.log(`kube: API simulator at ${[sim, ...others].map((s) => s.url).join(', ')}`);
  return { available: true, url: sim.url, others: others.map((o) => o.url), kubeconfigPath: opts.kubeconfigPath, stop };
}
