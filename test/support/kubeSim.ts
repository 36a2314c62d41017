// A Kubernetes API simulator for one test file, with a kubeconfig and an
// isolated kubectl cache, torn down after the file's tests.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { startKubeSimulator } from '../sandbox/kube';
import { SCENARIOS, type ScenarioName } from '../sandbox/scenario';

export interface KubeFixture {
  url: string;
  kubeconfig: string;
  /** Environment for both the real kubectl and the engine. */
  env: Record<string, string | undefined>;
}

export async function kubeFixture(scenario: ScenarioName = 'normal', options: { tls?: boolean } = {}): Promise<KubeFixture> {
  const sim = await startKubeSimulator({ scenario: SCENARIOS[scenario], tls: options.tls });
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
  };
}
