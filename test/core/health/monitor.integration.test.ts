// The monitor as `runbook health` and the view use it: a cluster that answers
// and a Redis that does not. Redis's root says unreachable and what to check,
// the exit code is 3, and the cluster's tree is unaffected.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { HealthMonitor, healthText, type HealthNode } from '../../../src/core/health';
import { Runbook } from '../../../src/core/runbook';
import { kubeFixture } from '../../support/kubeSim';
import { PROJECT_ROOT } from '../../support/shared';
import { closedPort } from '../../support/closedPort';
import { startKubeSimulator } from '../../sandbox/kube';
import { SCENARIOS } from '../../sandbox/scenario';

/** The sample runbook's thresholds and Kubernetes steps, without the steps that name buckets and URLs. */
const SAMPLE = Runbook.fromMarkdown(readFileSync(join(PROJECT_ROOT, 'notebooks', 'scaling-playbook.runbook.md'), 'utf8').replace(/^.*(aws s3|curl ).*$/gm, ''));


test('a source that cannot be read is unreachable, says what to check, and leaves the others as they are', async () => {
  const kube = await kubeFixture('normal');
  const env = { ...kube.env, REDIS_URL: `redis://127.0.0.1:${await closedPort()}` };
  const monitor = new HealthMonitor({ env, runbook: SAMPLE, metricsIntervalSeconds: 60, pollIntervalSeconds: 60 }).start();
  try {
    await monitor.settled();
    const model = monitor.model();
    const [cluster, redis] = model.roots;
    assert.deepEqual(model.roots.map((r) => r.kind), ['kubernetes', 'redis']);
    assert.equal(redis.level, 'unreachable');
    assert.match(redis.detail ?? '', /ECONNREFUSED|refused/i);
    assert.equal(model.exitCode, 3);
    assert.notEqual(cluster.level, 'unreachable');
    const deployment = (function find(n: HealthNode): HealthNode | undefined {
      return n.name === 'deployment/tiktok-toe' ? n : n.children?.map(find).find(Boolean);
    })(cluster);
    assert.match(deployment?.label ?? '', /^\d+\/\d+$/);
    assert.match(healthText(model), /\nredis {2}127\.0\.0\.1:\d+ {2}\[UNREACHABLE\]\n/);
  } finally {
    await monitor.stop();
  }
});

/** Resolves with the first model, after a change the monitor reports, for which `check` holds. */
function modelWhen(monitor: HealthMonitor, check: (model: ReturnType<HealthMonitor['model']>) => boolean): Promise<ReturnType<HealthMonitor['model']>> {
  return new Promise((resolve) => {
    const off = monitor.onChange(() => {
      const model = monitor.model();
      if (check(model)) {
        off();
        resolve(model);
      }
    });
  });
}

test('the cluster restarted mid-watch: its root shows stale since the last update, keeps the last tree, then recovers', async () => {
  const first = await startKubeSimulator({ scenario: SCENARIOS.normal });
  const dir = mkdtempSync(join(tmpdir(), 'runbook-health-restart-'));
  const kubeconfig = join(dir, 'kubeconfig');
  await first.writeKubeconfig(kubeconfig);
  const env = { PATH: process.env.PATH, HOME: dir, KUBECONFIG: kubeconfig };
  const monitor = new HealthMonitor({ env, runbook: SAMPLE, metricsIntervalSeconds: 60, pollIntervalSeconds: 60 }).start();
  let second: Awaited<ReturnType<typeof startKubeSimulator>> | undefined;
  try {
    await monitor.settled();
    const live = monitor.model().roots[0];
    assert.equal(live.stale, undefined);
    assert.equal(live.label, new URL(first.url).host, 'the root names its API server');
    const before = new Date().toISOString();

    const staleModel = modelWhen(monitor, (m) => m.roots[0].stale !== undefined);
    await first.stop();
    const stale = (await staleModel).roots[0];
    assert.ok(stale.stale && stale.stale.since <= before, `stale since the last update, before the stop: ${JSON.stringify(stale.stale)}`);
    assert.match(stale.detail ?? '', new RegExp(`127\\.0\\.0\\.1:${first.port}`), 'says which server it cannot reach');
    assert.deepEqual(stale.children?.map((c) => c.name), live.children?.map((c) => c.name), 'the last known tree stays while stale');
    assert.match(healthText({ level: 'ok', exitCode: 0, roots: [stale] }), /stale since/);

    const recovered = modelWhen(monitor, (m) => m.roots[0].stale === undefined);
    second = await startKubeSimulator({ scenario: SCENARIOS.normal, port: first.port });
    const again = (await recovered).roots[0];
    assert.equal(again.stale, undefined);
    assert.notEqual(again.level, 'unreachable');
    assert.ok(again.children?.some((c) => c.name === 'namespace/default'), 'the new server\'s objects are live');
  } finally {
    await monitor.stop();
    await first.stop().catch(() => undefined);
    await second?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
