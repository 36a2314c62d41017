// The sample runbook's `Application Servers/requests` threshold in the health
// monitor, per scenario: while no HPA scales tiktok-toe on a request metric
// the rate comes from the app's Prometheus endpoint (the fallback); once the
// HPA is given one (`http_requests_per_second`, a Pods metric), from the
// custom metrics API, the pods' values added up, and the detail says so.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HealthMonitor, type HealthNode } from '../../../../src/core/health';
import { Runbook } from '../../../../src/core/runbook';
import { PROJECT_ROOT } from '../../../support/shared';
import { SCENARIOS, type Scenario } from '../../../sandbox/scenario';
import { acquireSandbox, runCli, type SandboxLease } from '../../../sandbox/testing';

/** The sample runbook's thresholds and Kubernetes steps, without the steps that name buckets and URLs. */
const SAMPLE = Runbook.fromMarkdown(readFileSync(join(PROJECT_ROOT, 'notebooks', 'scaling-playbook.runbook.md'), 'utf8').replace(/^.*(aws s3|curl ).*$/gm, ''));

const REQUESTS_METRIC_PATCH = JSON.stringify([
  { op: 'add', path: '/spec/metrics/-', value: { type: 'Pods', pods: { metric: { name: 'http_requests_per_second' }, target: { type: 'AverageValue', averageValue: '500' } } } },
]);

function find(node: HealthNode, name: string): HealthNode | undefined {
  return node.name === name ? node : node.children?.map((c) => find(c, name)).find(Boolean);
}

const expectedLevel = (s: Scenario) => (s.requestsPerSecond >= 2000 ? 'critical' : s.requestsPerSecond >= 1000 ? 'warning' : 'ok');

for (const scenario of [SCENARIOS.normal, SCENARIOS.warning, SCENARIOS.critical]) {
  describe(`request rate of Application Servers (${scenario.name}: ${scenario.requestsPerSecond}/s)`, () => {
    let lease: SandboxLease;
    let env: Record<string, string | undefined>;
    let dir: string;
    let monitor: HealthMonitor;

    const requests = (): HealthNode => {
      const cluster = monitor.model().roots.find((r) => r.kind === 'kubernetes');
      const node = cluster && find(cluster, 'Application Servers/requests');
      assert.ok(node, 'the cluster tree has the requests threshold');
      return node;
    };

    /** The threshold once its label matches: the monitor's cache sees an HPA change through its watch, and the rate is read again after each change. */
    const untilLabel = async (pattern: RegExp): Promise<HealthNode> => {
      let node = requests();
      while (!pattern.test(node.label ?? '')) {
        await new Promise<void>((resolve) => {
          const off = monitor.onChange(() => {
            off();
            resolve();
          });
        });
        await monitor.refresh();
        node = requests();
      }
      return node;
    };

    before(async () => {
      lease = await acquireSandbox({ scenario, services: ['kube', 'https'] });
      dir = mkdtempSync(join(tmpdir(), 'request-rate-'));
      env = { PATH: process.env.PATH, HOME: dir, KUBECACHEDIR: join(dir, 'cache'), ...lease.env };
      monitor = new HealthMonitor({ env, runbook: SAMPLE, metricsIntervalSeconds: 3600, pollIntervalSeconds: 3600 }).start();
      await monitor.settled();
    });

    after(async () => {
      await monitor?.stop();
      await lease?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('without an HPA request metric, from the Prometheus endpoint the binding names', () => {
      const node = requests();
      const [, value, detail] = /^(\d+(?:\.\d+)?)\/sec \((.*)\)$/.exec(node.label ?? '') ?? [];
      assert.match(detail ?? '', /^https:\/\/api\.tiktok-toe\.com\/metrics: http_requests_total over \d+\.\d s$/, node.label);
      // Two reads about a second apart: the counter's growth over the client's own timing.
      assert.ok(Math.abs(Number(value) - scenario.requestsPerSecond) <= scenario.requestsPerSecond * 0.05, node.label);
      assert.equal(node.level, expectedLevel(scenario));
    });

    it('with the HPA scaling on http_requests_per_second, from the custom metrics API', async () => {
      const patched = await runCli('kubectl', ['patch', 'hpa', 'tiktok-toe', '--type=json', '-p', REQUESTS_METRIC_PATCH], env);
      assert.equal(patched.code, 0, patched.stderr);
      const node = await untilLabel(/custom metrics API/);
      assert.equal(node.label, `${scenario.requestsPerSecond}/sec (custom metrics API (custom.metrics.k8s.io/v1beta2): http_requests_per_second summed over 3 pods of deployment/tiktok-toe, the metric hpa/tiktok-toe scales on)`);
      assert.equal(node.level, expectedLevel(scenario));
    });

    it('a metric the adapter does not have: the last rate, with the error and what to check', async () => {
      const renamed = JSON.stringify([{ op: 'replace', path: '/spec/metrics/2/pods/metric/name', value: 'http_requests_per_minute' }]);
      const patched = await runCli('kubectl', ['patch', 'hpa', 'tiktok-toe', '--type=json', '-p', renamed], env);
      assert.equal(patched.code, 0, patched.stderr);
      const node = await untilLabel(/not read since/);
      assert.match(node.label ?? '', new RegExp(`^${scenario.requestsPerSecond}/sec \\(custom metrics API .*; not read since \\S+: Not found \\(404\\): the server could not find the metric http_requests_per_minute for pods — hpa/tiktok-toe scales on http_requests_per_minute, but the metrics adapter has no such metric for pods: check the adapter's rules`));
    });
  });
}
