// kubectl native vs spawned, measured side by side in one run against one
// simulator (in its own process, so neither client shares its CPU).
//   npm run bench:kubectl   (BENCH_BASELINE=DIR: also with another checkout's engine, see scripts/bench.mjs)
// Prints medians and ratios for `kubectl get pods -l app=tiktok-toe`: the
// real kubectl spawned (from a helper process, see bench/spawner.ts), the
// same command native in a warm session, and a raw HTTP GET of the same list
// (the floor). Then how long stopping a streaming cell takes. Goals: native
// >= 20x faster than spawned and within 3x of the raw GET; stopping under
// 200 ms.

import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchEngines } from './engines';
import { ROOT } from './root';
import { median, timed } from './measure';
import { interleavedRounds } from './order';
import { startSpawner } from './spawner';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const COMMAND = 'kubectl get pods -l app=tiktok-toe';

async function startSimulator(): Promise<{ kubeconfig: string; url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'sandbox', 'kube', 'main.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('KUBECONFIG=')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  const kubeconfig = /KUBECONFIG=(\S+)/.exec(out)![1];
  const url = /listening on (\S+)/.exec(out)![1];
  return { kubeconfig, url, stop: () => child.kill('SIGINT') };
}

async function main(): Promise<void> {
  const sim = await startSimulator();
  const cache = mkdtempSync(join(tmpdir(), 'bench-kubectl-'));
  const env = { ...process.env, KUBECONFIG: sim.kubeconfig, KUBECACHEDIR: cache };
  // Each engine with a warm session of its own.
  const engines = benchEngines().map((engine) => ({ engine, session: new engine.Session(process.cwd(), env), registry: engine.createRegistry() }));
  const agent = new http.Agent({ keepAlive: true });
  const listPath = '/api/v1/namespaces/default/pods?labelSelector=app%3Dtiktok-toe&limit=500';

  const native = ({ engine, session, registry }: (typeof engines)[number]) => async () => {
    let out = '';
    const run = await engine.runCell(COMMAND, {
      language: 'shellscript', session, registry, signal: new AbortController().signal, isTTY: false,
      events: { stdout: (t) => (out += t), stderr: () => undefined, clear: () => undefined },
      hooks: { resolve: async () => undefined, confirm: async () => true },
    });
    if (run.exitCode !== 0 || !out.includes('tiktok-toe')) throw new Error(`${engine.label} run failed: ${out}`);
  };
  const raw = () =>
    new Promise<void>((resolve, reject) => {
      http.get(sim.url + listPath, { agent, headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' } }, (res) => {
        res.resume();
        res.on('end', resolve);
      }).on('error', reject);
    });
  // The real kubectl from the spawner process (bench/spawner.ts), which reports its time.
  const spawner = startSpawner(env);
  const spawned = async () => {
    const r = await spawner.run(['kubectl', 'get', 'pods', '-l', 'app=tiktok-toe']);
    if (r.status !== 0) throw new Error(`kubectl failed: ${r.stderr}`);
    return r.ms;
  };

  // Warm every path once: discovery caches, JIT, the kept-alive connections.
  const paths: [string, () => Promise<number | void>][] = [['spawned', spawned], ...engines.map((e) => [e.engine.label, native(e)] as [string, () => Promise<void>]), ['raw', raw]];
  const times = await interleavedRounds(paths, ROUNDS, timed);
  const s = median(times.spawned!);
  const n = median(times.native!);
  const r = median(times.raw!);
  console.log(`${COMMAND}: ${ROUNDS} interleaved rounds (node ${process.version})`);
  console.log(`  spawned kubectl   median ${s.toFixed(2)} ms`);
  console.log(`  native (warm)     median ${n.toFixed(2)} ms`);
  console.log(`  raw HTTP GET      median ${r.toFixed(2)} ms`);
  console.log(`  spawned / native: ${(s / n).toFixed(1)}x (goal >= 20x)`);
  console.log(`  native / raw GET: ${(n / r).toFixed(2)}x (goal <= 3x)`);
  if (times.base) {
    const b = median(times.base);
    console.log(`  baseline engine   median ${b.toFixed(2)} ms: spawned / base ${(s / b).toFixed(1)}x, base / raw GET ${(b / r).toFixed(2)}x, native / base ${(n / b).toFixed(3)}x`);
  }

  for (const { engine, session, registry } of engines) {
    for (const command of ['kubectl get pods -l app=tiktok-toe -w', 'kubectl logs -f deploy/tiktok-toe']) {
      const stops: number[] = [];
      for (let i = 0; i < 10; i++) {
        const controller = new AbortController();
        let firstOutput: () => void = () => undefined;
        const gotOutput = new Promise<void>((resolve) => (firstOutput = resolve));
        const running = engine.runCell(command, {
          language: 'shellscript', session, registry, signal: controller.signal, isTTY: false,
          events: { stdout: () => firstOutput(), stderr: () => firstOutput(), clear: () => undefined },
          hooks: { resolve: async () => undefined, confirm: async () => true },
        });
        await Promise.race([gotOutput, new Promise((resolve) => setTimeout(resolve, 2000))]);
        const start = process.hrtime.bigint();
        controller.abort('stopped');
        await running;
        stops.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      console.log(`  ${engine.label === 'native' ? '' : `${engine.label}: `}stop '${command}': median ${median(stops).toFixed(1)} ms, max ${Math.max(...stops).toFixed(1)} ms (goal < 200 ms)`);
    }
  }

  spawner.stop();
  for (const { session } of engines) await session.dispose();
  agent.destroy();
  sim.stop();
  rmSync(cache, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
