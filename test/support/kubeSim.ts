// A Kubernetes API simulator for one test file, with a kubeconfig and an
// isolated kubectl cache, torn down after the file's tests.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { startKubeSimulator, type KubeSimulator } from '../sandbox/kube';
import type { KubeFaults } from '../sandbox/kube/faults';
import { SCENARIOS, type ScenarioName } from '../sandbox/scenario';

export interface KubeFixture {
  url: string;
  kubeconfig: string;
  /** Environment for both the real kubectl and the engine. */
  env: Record<string, string | undefined>;
  /** The running simulator's fault hooks (test/sandbox/kube/faults.ts). */
  readonly faults: KubeFaults;
  /** The server's self-signed certificate (with `tls`). */
  readonly certificate: string | undefined;
  /** Stops the server (its open streams end), as an API server going down. */
  stop(): Promise<void>;
  /** A fresh server on the same address after `stop`, as an API server coming back. */
  restart(): Promise<void>;
}

export async function kubeFixture(scenario: ScenarioName = 'normal', options: { tls?: boolean } = {}): Promise<KubeFixture> {
  const start = (port?: number) => startKubeSimulator({ scenario: SCENARIOS[scenario], tls: options.tls, port });
  let sim: KubeSimulator = await start();
  const dir = mkdtempSync(join(tmpdir(), 'runbook-kube-'));
  const kubeconfig = join(dir, 'kubeconfig');
  await sim.writeKubeconfig(kubeconfig);
  after(async () => {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    url: sim.url,
    kubeconfig,
    env: { PATH: process.env.PATH, HOME: dir, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(dir, 'cache') },
    get faults() {
      return sim.faults;
    },
    get certificate() {
      return sim.certificate;
    },
    stop: () => sim.stop(),
    async restart() {
      await sim.stop();
      sim = await start(sim.port);
    },
  };
}
