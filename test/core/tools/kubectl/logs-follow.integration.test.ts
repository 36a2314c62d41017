// Stopping `kubectl logs -f`: the cell's promise settles promptly after the
// user stops it, and the streaming connection to the API server is closed
// (seen from a TCP relay between our client and the simulator).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCell, Session } from '../../../../src/core/engine';
import { createRegistry } from '../../../../src/core/tools';
import { kubeconfigYaml, startKubeSimulator, type KubeSimulator } from '../../../sandbox/kube/index';
import { SCENARIOS } from '../../../sandbox/scenario';

interface Relayed {
  /** The request lines the client sent on this (kept-alive) connection. */
  requests: string[];
  closedAt?: number;
}

let sim: KubeSimulator;
let relay: net.Server;
let dir: string;
let env: Record<string, string | undefined>;
const connections: Relayed[] = [];

before(async () => {
  sim = await startKubeSimulator({ scenario: SCENARIOS.normal });
  relay = net.createServer((client) => {
    const seen: Relayed = { requests: [] };
    connections.push(seen);
    const upstream = net.connect(sim.port, '127.0.0.1');
    client.on('data', (chunk) => {
      seen.requests.push(...(chunk.toString('latin1').match(/^(?:GET|POST|PUT|PATCH|DELETE) \S+ HTTP\/1\.1/gm) ?? []));
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    client.on('close', () => {
      seen.closedAt ??= Date.now();
      upstream.destroy();
    });
    upstream.on('close', () => client.destroy());
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const port = (relay.address() as net.AddressInfo).port;
  dir = mkdtempSync(join(tmpdir(), 'logs-follow-'));
  writeFileSync(join(dir, 'kubeconfig'), kubeconfigYaml(`http://127.0.0.1:${port}`), { mode: 0o600 });
  env = { ...process.env, KUBECONFIG: join(dir, 'kubeconfig') };
});

after(async () => {
  await new Promise<void>((resolve) => relay?.close(() => resolve()));
  await sim?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function followAndStop(command: string, isStreaming: (r: Relayed) => boolean): Promise<{ output: string; settleMs: number; closeMs: number[]; exitCode: number }> {
  const session = new Session(process.cwd(), env);
  const controller = new AbortController();
  let output = '';
  let firstOutput: () => void = () => undefined;
  const gotOutput = new Promise<void>((resolve) => (firstOutput = resolve));
  const cell = runCell(command, {
    language: 'shellscript',
    session,
    registry: createRegistry(),
    signal: controller.signal,
    isTTY: true,
    events: {
      stdout: (t) => {
        output += t;
        firstOutput();
      },
      stderr: () => undefined,
      clear: () => undefined,
    },
    hooks: { resolve: async () => undefined, confirm: async () => true },
  });
  await gotOutput;
  // Let a streamed line or two arrive after the backlog.
  await new Promise((r) => setTimeout(r, 2500));
  const abortedAt = Date.now();
  controller.abort();
  const run = await cell;
  const settleMs = Date.now() - abortedAt;
  // Give the relay a moment to notice the closed socket.
  await new Promise((r) => setTimeout(r, 200));
  const streams = connections.filter(isStreaming);
  const closeMs = streams.map((c) => (c.closedAt === undefined ? Infinity : c.closedAt - abortedAt));
  await session.dispose();
  return { output, settleMs, closeMs, exitCode: run.exitCode };
}

describe('kubectl logs -f', () => {
  it('stops within a second of the abort and closes the streaming connection', async () => {
    const result = await followAndStop('kubectl logs -f redis-0 --tail=2', (c) => c.requests.some((r) => r.includes('/pods/redis-0/log') && r.includes('follow=true')));
    console.log(`logs -f: settled ${result.settleMs} ms after abort; stream closed after ${result.closeMs.join(', ')} ms`);
    assert.ok(result.output.split('\n').filter(Boolean).length >= 2, 'printed the tail and kept streaming');
    assert.ok(result.settleMs < 1000, `settled in ${result.settleMs} ms`);
    assert.equal(result.closeMs.length, 1, 'one streaming request was made');
    assert.ok(result.closeMs[0] < 1000, `stream closed ${result.closeMs[0]} ms after abort`);
    assert.equal(result.exitCode, 130);
  });

  it('a selector with -f follows every pod in parallel and closes every stream', async () => {
    const result = await followAndStop('kubectl logs -f -l app=tiktok-toe --tail=1 --prefix', (c) => c.requests.some((r) => r.includes('/log?') && r.includes('follow=true') && r.includes('tiktok-toe')));
    console.log(`logs -f -l: settled ${result.settleMs} ms after abort; streams closed after ${result.closeMs.join(', ')} ms`);
    assert.equal(result.closeMs.length, 3);
    assert.ok(result.settleMs < 1000);
    for (const ms of result.closeMs) assert.ok(ms < 1000, `stream closed ${ms} ms after abort`);
    assert.match(result.output, /^\[pod\/tiktok-toe-[^/]+\/tiktok-toe\] /m);
  });

  it('is a streaming command in the plan', () => {
    const plan = createRegistry().get('kubectl')!.parse(['kubectl', 'logs', '-f', 'redis-0'], env).plan;
    assert.equal(plan.streams, true);
    assert.equal(plan.mutates, false);
  });
});
