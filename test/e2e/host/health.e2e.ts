// The Runbook Health view in the real workbench, against the window's
// sandbox: the trusted window's (normal scenario, kube and postgres), the
// verdicts window's (critical, kube and the app over HTTPS) and the health
// window's (warning, every source the sample names). The sample runbook
// judges; the items and their verdicts are read through the test-only
// `testing.health` of the API `activate()` returns.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import type { HealthNode } from '../../../src/core/health/healthNode';
import type { HealthTestingApi, RunbookApi } from '../../../src/extension/testApi';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKubeSimulator } from '../../sandbox/kube';
import { SCENARIOS, type Scenario } from '../../sandbox/scenario';
import { EXTENSION_ID, closeAllEditors, fixture, openRunbook, waitFor } from './helpers';

/** The window's sandbox: its scenario and services, as the runner started it. */
const scenario: Scenario = SCENARIOS[(process.env.RUNBOOK_E2E_SCENARIO ?? 'normal') as keyof typeof SCENARIOS];
const services = new Set((process.env.RUNBOOK_E2E_SERVICES ?? 'kube,postgres').split(','));

/** The sample's bounds, written out so the test does not judge with the code under test. */
const above = (value: number, warning: number, critical: number) => (value >= critical ? 'critical' : value >= warning ? 'warning' : 'ok');
const below = (value: number, warning: number, critical: number) => (value < critical ? 'critical' : value < warning ? 'warning' : 'ok');
const expected: Record<string, string> = {
  'Application Servers/cpu': above(scenario.appCpuPercent, 70, 85),
  'Application Servers/memory': above(scenario.appMemoryPercent, 75, 90),
};
if (services.has('postgres')) expected['Database/connections'] = above(scenario.dbConnectionsPercent, 80, 90);
// The app over HTTPS: its /metrics counter gives the request rate.
if (services.has('https')) expected['Application Servers/requests'] = above(scenario.requestsPerSecond, 1000, 2000);
if (services.has('redis')) {
  expected['Cache/memory'] = above(scenario.cacheMemoryPercent, 75, 90);
  expected['Cache/hits'] = below(scenario.cacheHitRatePercent, 85, 70);
}

let count = 0;

async function healthApi(): Promise<HealthTestingApi> {
  const extension = vscode.extensions.getExtension<RunbookApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  const api = (await extension.activate()).testing.health;
  assert.ok(api, 'activate() returns no health testing API');
  return api;
}

/** Every node with this name, with its path of names from the root. */
function findAll(roots: readonly HealthNode[], name: string): { node: HealthNode; path: string[] }[] {
  const found: { node: HealthNode; path: string[] }[] = [];
  const visit = (node: HealthNode, path: string[]) => {
    if (node.name === name) found.push({ node, path });
    node.children?.forEach((child) => visit(child, [...path, child.name]));
  };
  roots.forEach((root) => visit(root, [root.name]));
  return found;
}

/** A tooltip's Markdown as it reads: the spaces MarkdownString.appendText writes as &nbsp;, and its escapes, undone. */
function plain(markdown: string): string {
  return markdown.replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}\[\]()#+\-.!<>|])/g, '$1');
}

async function showView(): Promise<void> {
  await vscode.commands.executeCommand('runbook.health.focus');
}

/** Hides the view by showing the Explorer in the side bar instead. */
async function hideView(): Promise<void> {
  await vscode.commands.executeCommand('workbench.view.explorer');
}

/** Waits for the first complete model: the tree shows (no message) and every expected threshold is in it. */
async function settledModel(api: HealthTestingApi) {
  return waitFor(
    'the health model',
    () => {
      const model = api.model();
      return api.message() === undefined && Object.keys(expected).every((name) => findAll(model.roots, name).length) ? model : undefined;
    },
    45_000,
  );
}

suite(`Runbook Health view (sandbox in the ${scenario.name} scenario)`, () => {
  suiteSetup(async () => {
    assert.ok(vscode.workspace.getConfiguration('runbook').get<string>('envFile'), 'runbook.envFile is not set: the runner should point it at the sandbox');
    await closeAllEditors();
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('runbook.health.unpin');
    await vscode.commands.executeCommand('runbook.health.resume');
    await hideView();
    await closeAllEditors();
  });

  test('with no runbook open the view says to open or pin one, and reads nothing', async () => {
    const api = await healthApi();
    await showView();
    const message = await waitFor('the view to have no runbook', () => (api.judged() === undefined ? api.message() : undefined));
    assert.match(message, /Open a runbook notebook, or pin one/);
    assert.equal(api.monitoring(), false);
  });

  test('the focused runbook judges: the tiktok-toe deployment with its ready/desired replicas, the thresholds at the levels the scenario sets', async () => {
    const api = await healthApi();
    const notebook = await openRunbook(fixture(`health-${++count}.runbook.md`).uri);
    await showView();
    const model = await settledModel(api);
    assert.equal(api.judged()?.toString(), notebook.uri.toString());
    assert.equal(api.monitoring(), true);

    const kinds = model.roots.map((r) => r.kind);
    assert.equal(kinds[0], 'kubernetes', kinds.join(', '));
    assert.equal(kinds.includes('postgres'), services.has('postgres'), `the PostgreSQL root only where the sandbox runs it: ${kinds.join(', ')}`);
    assert.equal(kinds.includes('redis'), services.has('redis'), `the Redis root only where the sandbox runs it: ${kinds.join(', ')}`);

    const [deployment] = findAll(model.roots, 'deployment/tiktok-toe');
    assert.ok(deployment, 'the tiktok-toe deployment is in the tree');
    assert.equal(deployment.path[0], model.roots[0].name, 'under the Kubernetes root');
    const replicas = /^(\d+)\/(\d+)$/.exec(deployment.node.label);
    assert.ok(replicas, `ready/desired replicas: ${deployment.node.label}`);
    assert.ok(Number(replicas[2]) > 0, deployment.node.label);
    const item = api.item(deployment.path);
    assert.ok(item);
    assert.equal(item.label, 'deployment/tiktok-toe');
    assert.ok(item.description.startsWith(deployment.node.label), item.description);
    assert.equal(item.contextValue, 'health.deployment');

    for (const [name, level] of Object.entries(expected)) {
      const nodes = findAll(model.roots, name);
      assert.ok(nodes.length, `${name} is in the tree`);
      for (const { node, path } of nodes) {
        assert.equal(node.level, level, `${path.join(' > ')}: ${node.label}`);
        const shown = api.item(path);
        assert.ok(shown);
        assert.equal(shown.contextValue, 'health.threshold');
        if (level === 'ok') assert.equal(shown.description, node.label, 'ok adds no word');
        else assert.ok(shown.description.endsWith(` · ${level}`), shown.description);
        assert.match(shown.tooltip, new RegExp(name.split('/')[1]), shown.tooltip);
      }
    }
    if (services.has('postgres')) {
      const postgres = model.roots.find((r) => r.kind === 'postgres');
      assert.ok(postgres);
      assert.notEqual(postgres.level, 'unreachable', postgres.detail);
      assert.ok(postgres.children?.some((c) => c.name === 'connections'), 'the connections fact');
    }
    for (const kind of ['s3', 'http'] as const) {
      const root = model.roots.find((r) => r.kind === kind);
      if (services.has(kind === 'http' ? 'https' : kind)) assert.equal(root?.level, 'ok', `${kind}: ${JSON.stringify(root?.children?.map((c) => [c.name, c.level, c.detail]))}`);
    }
    // A root that could not be read says what to do.
    for (const root of model.roots.filter((r) => r.level === 'unreachable')) {
      const shown = api.item([root.name]);
      assert.ok(shown);
      assert.match(shown.description, /unreachable/);
      assert.match(plain(shown.tooltip), /Check .*then run Refresh/s, shown.tooltip);
    }
  });

  test('Open Runbook Step reveals the threshold YAML cell of a node\'s group, and the heading of the group bound to a root', async () => {
    const api = await healthApi();
    const model = await settledModel(api);
    const notebook = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === api.judged()?.toString());
    assert.ok(notebook);
    const [cpu] = findAll(model.roots, 'Application Servers/cpu');
    const index = await api.openStep(cpu.path);
    assert.ok(index !== undefined, 'a cell was revealed');
    const cell = notebook.cellAt(index);
    assert.equal(cell.document.languageId, 'yaml');
    assert.match(cell.document.getText(), /^cpu:/m);
    assert.deepEqual(vscode.window.activeNotebookEditor?.selection, new vscode.NotebookRange(index, index + 1));

    const heading = await api.openStep([model.roots[0].name]);
    assert.ok(heading !== undefined);
    assert.equal(notebook.cellAt(heading).kind, vscode.NotebookCellKind.Markup);
    assert.match(notebook.cellAt(heading).document.getText(), /^#+ Application Servers$/m);
    assert.ok(heading < index, 'the heading comes before its thresholds');

    const described = api.describe(cpu.path);
    assert.ok(described);
    assert.match(described, /^Application Servers\/cpu\n/);
    assert.match(described, new RegExp(`level: ${cpu.node.level}`));
    assert.ok(described.includes(`label: ${cpu.node.label}`), described);
  });

  test('a pinned runbook judges whichever notebook has focus; unpinned, the focused one does', async () => {
    const api = await healthApi();
    const pinned = await openRunbook(fixture(`health-${++count}.runbook.md`).uri);
    await vscode.commands.executeCommand('runbook.health.pin');
    const other = await openRunbook(fixture(`health-${++count}.runbook.md`).uri);
    await waitFor('the other notebook in front', () => vscode.window.activeNotebookEditor?.notebook === other);
    assert.equal(api.judged()?.toString(), pinned.uri.toString());
    await vscode.commands.executeCommand('runbook.health.unpin');
    assert.equal(api.judged()?.toString(), other.uri.toString());
  });

  test('the monitor stops while paused and while the view is hidden, and starts again', async () => {
    const api = await healthApi();
    await showView();
    await waitFor('the monitor to run', () => api.monitoring());
    await settledModel(api);
    await vscode.commands.executeCommand('runbook.health.pause');
    assert.equal(api.monitoring(), false, 'paused');
    assert.ok(api.model().roots.length, 'the last model stays in view');
    await vscode.commands.executeCommand('runbook.health.resume');
    assert.equal(api.monitoring(), true, 'resumed');
    await hideView();
    await waitFor('the monitor to stop with the view hidden', () => !api.monitoring());
    await showView();
    await waitFor('the monitor to start with the view shown', () => api.monitoring());
    await settledModel(api);
  });

  test('a cluster restarted mid-watch shows as stale in the view, with since when, then live again', async function () {
    this.timeout(60_000);
    const api = await healthApi();
    // A cluster of this test's own, served from the extension host, named by an env file of its own.
    const first = await startKubeSimulator({ scenario });
    const dir = mkdtempSync(join(tmpdir(), 'runbook-e2e-restart-'));
    const settings = vscode.workspace.getConfiguration('runbook');
    const envFile = settings.inspect<string>('envFile')?.workspaceValue;
    let second: Awaited<ReturnType<typeof startKubeSimulator>> | undefined;
    try {
      await first.writeKubeconfig(join(dir, 'kubeconfig'));
      writeFileSync(join(dir, 'env'), `KUBECONFIG=${join(dir, 'kubeconfig')}\n`);
      await settings.update('envFile', join(dir, 'env'), vscode.ConfigurationTarget.Workspace);
      await openRunbook(fixture(`health-${++count}.runbook.md`).uri);
      await showView();
      const root = () => api.model().roots.find((r) => r.kind === 'kubernetes' && r.label === new URL(first.url).host);
      await waitFor('the view to show the test\'s cluster', () => api.message() === undefined && root()?.children?.length, 45_000).catch((error: Error) => {
        throw new Error(`${error.message}: ${first.url} ${JSON.stringify(api.model().roots.map((r) => [r.kind, r.name, r.label, r.level, r.detail]))} message ${api.message()}`);
      });
      const item = () => api.item([root()!.name]);
      assert.doesNotMatch(item()!.description, /stale/);

      await first.stop();
      const stale = await waitFor('the root to show stale', () => (/stale since/.test(item()?.description ?? '') ? item() : undefined), 45_000);
      assert.match(plain(stale.tooltip), /Not updated since .*: /s, stale.tooltip);
      assert.ok(root()?.children?.some((c) => c.name.startsWith('namespace/')), 'the last known tree stays while stale');

      second = await startKubeSimulator({ scenario, port: first.port });
      await waitFor('the root to be live again', () => (item() && !/stale/.test(item()!.description) ? true : undefined), 45_000);
      assert.notEqual(root()?.level, 'unreachable');
    } finally {
      await settings.update('envFile', envFile, vscode.ConfigurationTarget.Workspace);
      await first.stop().catch(() => undefined);
      await second?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
