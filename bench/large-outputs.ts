// Large outputs: ours in-process against the real CLI piped to `wc -l`, side
// by side in one run, on the cases of test/support/largeOutputs.ts (100,000
// log lines from a chatty pod, a 50,000-row query, a 100,000-key --scan),
// each on data of its own in a sandbox of the bench's own (its servers in
// other processes, so they share neither our event loop nor our heap).
//   npm run bench:large-outputs   (BENCH_ROUNDS=N, default 5)
// Paths per case, in alternating order round by round:
//   cell     the command as a notebook cell runs it: through the runner, the
//            output spooled to a file and its last 1,000 lines kept
//   | wc -l  the same command piped to our wc, in-process
//   real     bash -c 'COMMAND | wc -l' under /usr/bin/time (from a helper
//            process, bench/spawner.ts): its wall time and the peak RSS of
//            its largest process
// Ours is the growth of this process's memory over a collected baseline,
// sampled as the text comes: the peak of heap + external + array buffers,
// and of the RSS.

import { runCell, Session } from '../src/core/engine';
import { createRegistry } from '../src/core/tools';
import { oneCellRunner, startLargeOutputs, type LargeCase } from '../test/support/largeOutputs';
import { median } from './measure';
import { startSandboxProcess } from './sandboxProcess';
import { startSpawner, type Spawner } from './spawner';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const MB = 1024 * 1024;

interface Sample {
  ms: number;
  /** Peak heap + external + array buffers over the baseline, MB (ours); peak RSS, MB (real). */
  heapMB: number;
  /** Peak RSS: growth over the baseline (ours), the largest process's (real). */
  rssMB: number;
}

/** Peak memory growth while `fn` runs; `probe` is called by fn as its text comes (and by a timer). */
async function measured(fn: (probe: () => void) => Promise<void>): Promise<Sample> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage();
  const baseHeap = base.heapUsed + base.external + base.arrayBuffers;
  let peakHeap = baseHeap;
  let peakRss = base.rss;
  let calls = 0;
  const probe = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed + m.external + m.arrayBuffers);
    peakRss = Math.max(peakRss, m.rss);
  };
  const timer = setInterval(probe, 10);
  const start = process.hrtime.bigint();
  // A probe costs tens of microseconds: often enough to see the peak, rarely enough not to weigh on the time.
  await fn(() => {
    if (++calls % 1024 === 0) probe();
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  clearInterval(timer);
  probe();
  return { ms, heapMB: (peakHeap - baseHeap) / MB, rssMB: (peakRss - base.rss) / MB };
}

function asCell(large: LargeCase, session: Session) {
  const { runner, index } = oneCellRunner(large.command, session);
  return (probe: () => void) => async () => {
    const off = runner.on((event) => void (event.type === 'text' && probe()));
    const { results } = await runner.run([index], { signal: new AbortController().signal });
    off();
    const result = results[0]?.result;
    if (result?.status !== 'ok' || result.fullOutput?.stdout?.lines !== large.lines) throw new Error(`${large.command}: ${result?.status} ${result?.stderr ?? ''}`);
  };
}

function piped(large: LargeCase, session: Session) {
  const registry = createRegistry();
  return (probe: () => void) => async () => {
    let out = '';
    const run = await runCell(`${large.command} | wc -l`, {
      language: 'shellscript', session, registry, signal: new AbortController().signal, isTTY: false,
      events: { stdout: (t) => (out += t), stderr: () => undefined, clear: () => undefined },
      hooks: { resolve: async () => undefined, confirm: async () => true },
    });
    probe();
    if (run.exitCode !== 0 || Number(out.trim()) !== large.lines) throw new Error(`${large.command} | wc -l: ${out}`);
  };
}

async function real(spawner: Spawner, large: LargeCase): Promise<Sample> {
  const envWords = Object.entries(large.env).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`);
  const r = await spawner.run(['env', '-i', ...envWords, '/usr/bin/time', '-f', '%M', 'bash', '-c', `${large.command} | wc -l`]);
  if (r.status !== 0 || Number(r.stdout.trim()) !== large.lines) throw new Error(`${large.command} | wc -l (real): ${r.stdout} ${r.stderr}`);
  const rssKB = Number(r.stderr.trim().split('\n').pop());
  return { ms: r.ms, heapMB: rssKB / 1024, rssMB: rssKB / 1024 };
}

async function main(): Promise<void> {
  const servers = await startSandboxProcess('postgres,kube', 'large');
  const fixture = await startLargeOutputs(servers.env, { kubeconfig: servers.env.KUBECONFIG });
  const spawner = startSpawner({ ...process.env });
  let failed = false;
  try {
    console.log(`large outputs: ${ROUNDS} rounds per case, paths alternating; medians`);
    console.log('case'.padEnd(34) + 'path'.padEnd(10) + 'ms'.padStart(9) + 'heap MB'.padStart(10) + 'RSS MB'.padStart(9));
    for (const large of fixture.cases) {
      const session = new Session(process.cwd(), large.env);
      const cell = asCell(large, session);
      const pipe = piped(large, session);
      const samples: Record<string, Sample[]> = { cell: [], '| wc -l': [], real: [] };
      // One warm-up of ours: clients connect, the tools load.
      await measured((probe) => cell(probe)());
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 ? ['real', '| wc -l', 'cell'] : ['cell', '| wc -l', 'real'];
        for (const path of order) {
          if (path === 'real') samples.real.push(await real(spawner, large));
          else samples[path].push(await measured((probe) => (path === 'cell' ? cell(probe) : pipe(probe))()));
        }
      }
      await session.dispose();
      const med = (path: string, key: keyof Sample) => median(samples[path].map((s) => s[key]));
      for (const path of Object.keys(samples)) {
        console.log(large.name.padEnd(34) + path.padEnd(10) + med(path, 'ms').toFixed(0).padStart(9) + med(path, 'heapMB').toFixed(1).padStart(10) + med(path, 'rssMB').toFixed(1).padStart(9));
      }
      const ratio = (path: string) => `${(med(path, 'ms') / med('real', 'ms')).toFixed(2)}x its time, ${(med(path, 'heapMB') / med('real', 'rssMB')).toFixed(2)}x its peak RSS`;
      console.log(`  against the real CLI | wc -l: ours as a cell ${ratio('cell')}; ours | wc -l ${ratio('| wc -l')}`);
    }
  } catch (error) {
    console.error(error);
    failed = true;
  } finally {
    spawner.stop();
    await fixture.stop();
    await servers.stop();
  }
  if (failed) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
