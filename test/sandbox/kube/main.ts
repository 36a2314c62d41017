// Runs the Kubernetes API simulator on its own for manual poking:
//   node --import tsx test/sandbox/kube/main.ts
// Prints the URL and a kubeconfig path; SANDBOX_SCENARIO picks the load level,
// KUBE_SIM_PORT a fixed port, SANDBOX_PODS and SANDBOX_CHURN_PER_SECOND the
// cluster's size and pod restarts a second (../scale.ts). Ctrl-C stops it.
// Started with an IPC channel (fork), it answers the message `requests` with
// the requests it has served, by verb and path (requestCount.ts), and stops
// when the channel closes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scaleFromEnv } from '../scale';
import { scenarioFromEnv } from '../scenario';
import { startKubeSimulator } from './index';

async function main(): Promise<void> {
  const scenario = scenarioFromEnv();
  const { pods, churnPerSecond } = scaleFromEnv();
  const sim = await startKubeSimulator({ scenario, port: Number(process.env.KUBE_SIM_PORT ?? 0), pods, churnPerSecond });
  const dir = mkdtempSync(join(tmpdir(), 'kube-sim-'));
  const kubeconfig = join(dir, 'kubeconfig');
  await sim.writeKubeconfig(kubeconfig);
  console.log(`Kubernetes API simulator (${scenario.name}${pods ? `, ${pods} pods` : ''}) listening on ${sim.url}`);
  console.log(`export KUBECONFIG=${kubeconfig}`);
  console.log('Press Ctrl-C to stop.');
  process.on('message', (message) => {
    if (message === 'requests') process.send?.({ requests: sim.requestCounts() });
  });
  // A parent gone (its channel closed) stops it too.
  process.on('disconnect', () => shutdown());
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void sim.stop().then(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
