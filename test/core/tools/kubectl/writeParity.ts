// Two fresh Kubernetes API simulators with the same seed: the real kubectl
// changes one, our native kubectl the other. Each command runs on both; the
// outputs are compared (times and temp-file names normalized) and so are the
// objects the command changed, read back from each server.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKubeSimulator, type KubeSimulator } from '../../../sandbox/kube/index';
import { SCENARIOS } from '../../../sandbox/scenario';
import { eventually, getJson } from '../../../sandbox/kube/testkit';
import { normalizeTimes, runNative, runReal, type Captured, type NativeRun } from '../../../support/engine';

/** A non-interactive editor: replaces EDIT_FIND (a regex) with EDIT_REPLACE; EDIT_SIDE runs a command first (a concurrent change). */
const EDITOR = `import { readFileSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
const file = process.argv[2];
if (process.env.EDIT_SIDE) execSync(process.env.EDIT_SIDE, { stdio: 'ignore' });
const text = readFileSync(file, 'utf8');
if (process.env.EDIT_FIND) writeFileSync(file, text.replace(new RegExp(process.env.EDIT_FIND), process.env.EDIT_REPLACE ?? ''));
`;

export interface Edit {
  find: string;
  replace: string;
  /** A change made on the server while the editor is open (kubectl arguments; needs viaEnv). */
  side?: string;
  /** Ours runs the editor in $KUBE_EDITOR instead of the VS Code callback. */
  viaEnv?: boolean;
  /** The VS Code editor tab is closed without saving. */
  cancel?: boolean;
}

export interface Outcome {
  command: string;
  same: boolean;
  ours: Captured;
  theirs: Captured;
}

export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export class WriteParity {
  readonly results: Outcome[] = [];
  private constructor(
    readonly dir: string,
    readonly cwd: string,
    readonly theirSim: KubeSimulator,
    readonly ourSim: KubeSimulator,
    readonly theirEnv: Record<string, string | undefined>,
    readonly ourEnv: Record<string, string | undefined>,
  ) {}

  static async start(cwd: string): Promise<WriteParity> {
    const dir = mkdtempSync(join(tmpdir(), 'write-verbs-'));
    const [theirs, ours] = await Promise.all([startKubeSimulator({ scenario: SCENARIOS.normal, readyDelayMs: 150 }), startKubeSimulator({ scenario: SCENARIOS.normal, readyDelayMs: 150 })]);
    await theirs.writeKubeconfig(join(dir, 'theirs.kubeconfig'));
    await ours.writeKubeconfig(join(dir, 'ours.kubeconfig'));
    writeFileSync(join(dir, 'editor.mjs'), EDITOR);
    const base = { PATH: process.env.PATH, HOME: dir, TZ: 'UTC', KUBE_EDITOR: `${process.execPath} ${join(dir, 'editor.mjs')}` };
    const theirEnv = { ...base, KUBECONFIG: join(dir, 'theirs.kubeconfig'), KUBECACHEDIR: join(dir, 'cache-theirs') };
    const ourEnv = { ...base, KUBECONFIG: join(dir, 'ours.kubeconfig'), KUBECACHEDIR: join(dir, 'cache-ours') };
    await runReal('kubectl api-resources >/dev/null', theirEnv);
    return new WriteParity(dir, cwd, theirs, ours, theirEnv, ourEnv);
  }

  async stop(): Promise<void> {
    await Promise.all([this.theirSim.stop(), this.ourSim.stop()]);
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Runs a command line on both clusters and records whether the outputs match. */
  async both(command: string, edit?: Edit): Promise<Outcome> {
    const editEnv = edit ? { EDIT_FIND: edit.find, EDIT_REPLACE: edit.replace } : {};
    const side = (env: Record<string, string | undefined>) => (edit?.side ? { EDIT_SIDE: `KUBECONFIG=${env.KUBECONFIG} KUBECACHEDIR=${env.KUBECACHEDIR} kubectl ${edit.side}` } : {});
    const theirs = normalized(await runReal(`cd ${this.cwd} && ${command}`, { ...this.theirEnv, ...editEnv, ...side(this.theirEnv) }, 90_000));
    const ourEnv = { ...this.ourEnv, ...(edit?.viaEnv ? { ...editEnv, ...side(this.ourEnv) } : {}) };
    const editText =
      edit && !edit.viaEnv
        ? (text: string) => {
            if (edit.cancel) return undefined;
            return text.replace(new RegExp(edit.find), edit.replace);
          }
        : undefined;
    const ours = normalized(await runNative(command, { env: ourEnv, cwd: this.cwd, editText }));
    const outcome = { command, ours, theirs, same: ours.stdout === theirs.stdout && ours.stderr === theirs.stderr && ours.exitCode === theirs.exitCode };
    this.results.push(outcome);
    return outcome;
  }

  /** Ours alone, on our cluster (for what only ours has: streaming, structured results). */
  native(command: string, editText?: (text: string) => string | undefined): Promise<NativeRun> {
    return runNative(command, { env: this.ourEnv, cwd: this.cwd, editText });
  }

  /** The real kubectl alone, on its cluster (to keep the two clusters in step). */
  async real(command: string): Promise<Captured> {
    return runReal(`cd ${this.cwd} && ${command}`, this.theirEnv, 90_000);
  }

  /** Same outputs; fails the test with both when they differ. */
  async same(command: string, edit?: Edit): Promise<Captured> {
    const { ours, theirs } = await this.both(command, edit);
    assert.deepEqual(ours, theirs, `output of ${command}`);
    return ours;
  }

  /** An object from each cluster: [ours, theirs]. */
  async get(path: string): Promise<[Json, Json]> {
    return Promise.all([getJson(this.ourSim.url, path).catch(() => undefined), getJson(this.theirSim.url, path).catch(() => undefined)]);
  }

  /** The same projection of an object on both clusters; returns ours. */
  async effect<T>(path: string, pick: (o: Json) => T): Promise<T> {
    const [ours, theirs] = await this.get(path);
    const mine = ours === undefined ? undefined : pick(ours);
    assert.deepEqual(mine, theirs === undefined ? undefined : pick(theirs), `effect on ${path}`);
    return mine as T;
  }

  /** Waits until a workload's rollout is complete on both clusters. */
  async settled(path: string): Promise<void> {
    await Promise.all(
      [this.ourSim.url, this.theirSim.url].map((url) =>
        eventually(async () => {
          const o = await getJson(url, path);
          const s = o.status ?? {};
          if ((s.observedGeneration ?? 0) < o.metadata.generation) return false;
          if (o.kind === 'Deployment') return s.updatedReplicas === o.spec.replicas && s.replicas === o.spec.replicas && s.availableReplicas === o.spec.replicas;
          return s.readyReplicas === o.spec.replicas && s.updatedReplicas === o.spec.replicas && s.currentRevision === s.updateRevision;
        }, `${path} rolled out`, 60_000),
      ),
    );
  }

  summary(): string {
    const same = this.results.filter((r) => r.same).length;
    const lines = [`kubectl write verbs parity: ${same} identical of ${this.results.length}`];
    for (const r of this.results.filter((x) => !x.same)) lines.push(`  differs: ${r.command}\n    ours:   ${JSON.stringify(r.ours)}\n    theirs: ${JSON.stringify(r.theirs)}`);
    return lines.join('\n');
  }
}

function normalized(c: Captured): Captured {
  const clean = (t: string) => normalizeTimes(t).replace(/\/tmp\/kubectl-edit-\d+\.(yaml|json)/g, '<edit-file>');
  return { stdout: clean(c.stdout), stderr: clean(c.stderr), exitCode: c.exitCode };
}
