// The monitor as `runbook health` and the view use it: a cluster that answers
// and a Redis that does not. Redis's root says unreachable and what to check,
// the exit code is 3, and the cluster's tree is unaffected.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { HealthMonitor, healthText, type HealthNode } from '../../../src/core/health';
import { Runbook } from '../../../src/core/runbook';
import { kubeFixture } from '../../support/kubeSim';
import { PROJECT_ROOT } from '../../support/shared';
import { closedPort } from '../../support/closedPort';

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
