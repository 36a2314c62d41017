// The health view's Kubernetes model against a 10,000-pod simulator (in its
// own process), measured side by side in one run:
//   npm run bench:health   (BENCH_PODS, BENCH_CHURN, BENCH_ROUNDS, BENCH_IDLE_SECONDS)
// - time to the first complete model (every type listed, the first metrics
//   poll in, judged by the sample runbook's thresholds, the tree built),
//   against a raw paginated fetch of the same lists (the floor; goal <= 1.3x)
//   and against the real `kubectl get pods -A -o json` (goal: slower than
//   ours), whose spawn cost alone (`kubectl version --client`) is shown apart;
// - the heap the cache and model hold after GC (goal < 150 MB);
// - with churn on, the time from one pod event's line in to the updated
//   model (the cache applies it, the model judges the pod again and rebuilds
//   the nodes it touched; goal < 1 ms median), measured per event, beside
//   the cost of building the model whole (as every change did before);
// - the requests the simulator serves in 60 s of idle (goal: no relist, only
//   the metrics polls while the watches stay open).

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { KUBE_RESOURCES, openKubeCache } from '../src/core/health/kube';
import { kubeSettled } from '../src/core/health/kube/snapshot';
import { Runbook } from '../src/core/runbook';
import { BreachTracker } from '../src/core/thresholds';
import { feedModel, openTimedKubeCache, updatedModel, wholeModel } from './healthModel';
import { countsBetween, startBenchSimulator } from './healthSimulator';
import { median, timed } from './measure';
import { interleavedRounds } from './order';
import { rawLists } from './rawLists';
import { ROOT } from './root';
import { startSpawner } from './spawner';

const PODS = Number(process.env.BENCH_PODS ?? 10_000);
const CHURN = Number(process.env.BENCH_CHURN ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
const REBUILDS = 15;
const SAMPLE = Runbook.fromMarkdown(readFileSync(join(ROOT, 'notebooks', 'scaling-playbook.runbook.md'), 'utf8'));

const ms = (n: number) => `${n.toFixed(n < 10 ? 3 : 0)} ms`;
const percentile = (values: readonly number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc (scripts/bench.mjs does)');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
  const sim = await startBenchSimulator(PODS, CHURN);
  const kubeCache = mkdtempSync(join(tmpdir(), 'bench-health-'));
  const env = { ...process.env, KUBECONFIG: sim.kubeconfig, KUBECACHEDIR: kubeCache };
  const groups = SAMPLE.groups;
  const spawner = startSpawner(env);

  // Timed from opening the cache to the model built; stopping the cache comes after.
  const listedAndBuilt: { listed: number; built: number }[] = [];
  const model = async () => {
    const start = performance.now();
    const cache = openKubeCache(env);
    try {
      const kept = feedModel(cache);
      await kubeSettled(cache);
      const listed = performance.now();
      const model = updatedModel(kept, groups, new BreachTracker());
      const built = performance.now();
      listedAndBuilt.push({ listed: listed - start, built: built - listed });
      const pods = cache.collection('pods').size;
      if (pods < PODS || model.roots[0]?.level === 'unreachable') throw new Error(`model incomplete: ${pods} pods, ${model.roots[0]?.level}`);
      return built - start;
    } finally {
      await cache.stop();
    }
  };
  const raw = async () => {
    const pods = await rawLists(sim.url);
    if (pods < PODS) throw new Error(`raw fetch listed ${pods} pods`);
  };
  const kubectl = async () => {
    const r = await spawner.run(['kubectl', 'get', 'pods', '-A', '-o', 'json']);
    if (r.status !== 0 || r.stdout.length < PODS * 100) throw new Error(`kubectl get pods failed: ${r.stderr}`);
    return r.ms;
  };
  const spawnCost = async () => {
    const r = await spawner.run(['kubectl', 'version', '--client']);
    if (r.status !== 0) throw new Error(`kubectl version failed: ${r.stderr}`);
    return r.ms;
  };

  // Warm every path once (JIT, kubectl's discovery cache), then interleave them.
  const paths: [string, () => Promise<number | void>][] = [['model', model], ['raw', raw], ['kubectl', kubectl], ['spawn', spawnCost]];
  const times = await interleavedRounds(paths, ROUNDS, timed);
  spawner.stop();
  const [m, r, k, s] = ['model', 'raw', 'kubectl', 'spawn'].map((name) => median(times[name]!)) as [number, number, number, number];
  console.log(`bench:health: ${PODS.toLocaleString('en-US')} pods, ${CHURN} pod restarts/s, ${ROUNDS} interleaved rounds (node ${process.version})`);
  console.log('first complete model (every type listed, metrics in, judged by the sample runbook, tree built):');
  console.log(`  ours: openKubeCache, kubeSettled, model   median ${ms(m)}`);
  console.log(`  raw paginated fetch (limit=500, HTTP)     median ${ms(r)}`);
  console.log(`  kubectl get pods -A -o json (spawned)     median ${ms(k)}`);
  console.log(`  kubectl version --client (spawn cost)     median ${ms(s)}`);
  console.log(`    of which listed (every type, metrics in) median ${ms(median(listedAndBuilt.map((x) => x.listed)))}, model built median ${ms(median(listedAndBuilt.map((x) => x.built)))}`);
  console.log(`  ours / raw fetch: ${(m / r).toFixed(2)}x (goal <= 1.3x)`);
  console.log(`  kubectl / ours: ${(k / m).toFixed(2)}x (goal > 1x); without its spawn cost ${((k - s) / m).toFixed(2)}x`);

  // One cache and model kept: their heap, then its pod events under churn and the requests of an idle minute.
  const before = heapAfterGc();
  const events: { applied: number; updated: number }[] = [];
  let recording = false;
  const tracker = new BreachTracker();
  let kept: ReturnType<typeof feedModel> | undefined;
  // Each pod event's line, applied by the cache, then the model updated at once (the view waits up to 200 ms to gather events; not counted).
  const cache = openTimedKubeCache(env, (t) => recording && events.push(t), () => recording && kept && updatedModel(kept, groups, tracker));
  kept = feedModel(cache);
  await kubeSettled(cache);
  const first = updatedModel(kept, groups, tracker);
  const held = heapAfterGc() - before;
  console.log(`memory: heap after GC with the cache and model ${(held / 2 ** 20).toFixed(1)} MB more than without (goal < 150 MB); the model's level: ${first.level}`);

  const countsBefore = await sim.requestCounts();
  recording = true;
  await sleep(IDLE_SECONDS * 1000);
  recording = false;
  const served = countsBetween(countsBefore, await sim.requestCounts());

  const whole: number[] = [];
  for (let i = 0; i < REBUILDS; i++) {
    const start = performance.now();
    wholeModel(cache, groups, new BreachTracker());
    whole.push(performance.now() - start);
  }
  const applied = events.map((e) => e.applied);
  const updated = events.map((e) => e.updated);
  console.log(`change events: ${events.length} pod events in ${IDLE_SECONDS} s (the model judged whole again at each metrics poll, every 15 s)`);
  console.log(`  line in to the cache's subscribers told      median ${ms(median(applied))}, p99 ${ms(percentile(applied, 0.99))}`);
  console.log(`  line in to the updated model (per event)     median ${ms(median(updated))}, p99 ${ms(percentile(updated, 0.99))} (goal < 1 ms median)`);
  console.log(`  before: the model built whole (${cache.collection('pods').size.toLocaleString('en-US')} pods)     median ${ms(median(whole))}, p99 ${ms(percentile(whole, 0.99))}`);

  const total = served.reduce((sum, [, n]) => sum + n, 0);
  const listPaths = new Set(Object.values(KUBE_RESOURCES).map((t) => `GET ${t.path}`));
  const relists = served.filter(([key]) => listPaths.has(key)).reduce((sum, [, n]) => sum + n, 0);
  console.log(`idle ${IDLE_SECONDS} s: ${total} requests at the simulator, ${relists} of them list requests (goal: no relist, only the watches and the metrics polls)`);
  for (const [key, n] of served) console.log(`  ${String(n).padStart(4)}  ${key}`);

  await cache.stop();
  sim.stop();
  rmSync(kubeCache, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
