// curl when the far side misbehaves: a connection reset or closed mid-body, an
// answer that never comes (--max-time, the command timeout, Stop), a refused
// port — over HTTP and TLS. A fault proxy stands in front of servers of this
// file's own; the real curl meets the same faults through the same proxy.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Session } from '../../src/core/engine';
import { startFaultProxy, type FaultProxy } from '../sandbox/faultProxy';
import { makeCertificates } from '../sandbox/health';
import { runNative, runReal, type Captured } from '../support/engine';

/** 1,000 lines of 65 bytes: a cell shows whole lines as they come, so a test sees how far a transfer got. */
const LINE = 65;
const BODY = Array.from({ length: 1000 }, (_, i) => `line ${String(i).padStart(4, '0')} ${'x'.repeat(LINE - 11)}\n`).join('');
let dir: string;
let http: Server;
let https: Server;
let plain: FaultProxy;
let tls: FaultProxy;
let env: Record<string, string | undefined>;
let session: Session;

function serve(req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(BODY) }).end(BODY));
}

const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
const close = (server: Server | undefined) => new Promise<void>((resolve) => (server ? (server.closeAllConnections(), server.close(() => resolve())) : resolve()));

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'curl-faults-'));
  const certs = await makeCertificates(dir);
  http = createHttpServer(serve);
  https = createHttpsServer({ key: readFileSync(certs.keyFile), cert: readFileSync(certs.certFile) }, serve);
  plain = await startFaultProxy({ port: await listen(http) });
  tls = await startFaultProxy({ port: await listen(https) });
  env = { ...process.env, CURL_HOME: '/nonexistent', RUNBOOK_HOSTS: '', CURL_CA_BUNDLE: certs.caFile, NODE_EXTRA_CA_CERTS: certs.caFile };
  session = new Session(process.cwd(), env);
});

after(async () => {
  await session?.dispose();
  await plain?.close();
  await tls?.close();
  await close(http);
  await close(https);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await plain.clear();
  await tls.clear();
});

const httpUrl = () => `${plain.url}/data`;
const httpsUrl = () => `https://127.0.0.1:${tls.port}/data`;
/** curl counts the milliseconds it waited, which differ from run to run; a body is compared by its bytes, shown by its size. */
const view = (r: Captured) => ({ stdout: `${r.stdout.length} bytes, ${BODY.startsWith(r.stdout) ? 'the body’s start' : 'not the body'}`, stderr: r.stderr.replace(/after \d+ (milliseconds|ms)/, 'after <n> $1'), exitCode: r.exitCode });

/** The fault set by `arm` met by the real curl, then by ours in the session: the same output. */
async function bothMeet(line: string, arm: () => void | Promise<void>): Promise<Captured> {
  await arm();
  const real = await runReal(line, env);
  await plain.clear();
  await tls.clear();
  await arm();
  const ours = await runNative(line, { env, session, commandTimeoutMs: 30_000 });
  await plain.clear();
  await tls.clear();
  assert.deepEqual(view(ours), view(real), line);
  assert.ok(ours.stdout === real.stdout, `${line}: the same bytes on stdout`);
  return ours;
}

/** After the fault is cleared, the same session fetches the whole body. */
async function recovers(url: string): Promise<void> {
  const next = await runNative(`curl -sS ${url}`, { env, session });
  assert.equal(next.exitCode, 0, next.stderr);
  assert.equal(next.stdout, BODY);
}

/** The real curl, calling `onStdout` with each piece of its output as it comes (-N: curl writes unbuffered). */
function runRealWatching(line: string, onStdout: (received: number) => void): Promise<Captured> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', line], { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => onStdout((stdout += d).length));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => resolve({ stdout, stderr, exitCode: code ?? -1 }));
  });
}

describe('curl: a connection cut mid-body', () => {
  it('reset (RST) once 20,000 bytes are in: exit 56, "Recv failure: Connection reset by peer", the part received on stdout', async () => {
    // The proxy holds the connection after the bytes and resets it once the client has shown them on stdout.
    // -N makes the real curl write what it receives at once (ours always does, and has no -N).
    const line = `curl -sS ${httpUrl()}`;
    const cutAt = (received: number) => received > 20_000 - LINE && plain.cut();
    plain.resetAfter(20_000, { hold: true });
    const real = await runRealWatching(line.replace('curl ', 'curl -N '), cutAt);
    await plain.clear();
    plain.resetAfter(20_000, { hold: true });
    let received = 0;
    const ours = await runNative(line, { env, session, commandTimeoutMs: 30_000, onStdout: (t) => cutAt((received += t.length)) });
    await plain.clear();
    assert.deepEqual(view(ours), view(real));
    assert.equal(ours.exitCode, 56);
    assert.equal(ours.stderr, 'curl: (56) Recv failure: Connection reset by peer\n');
    assert.equal(ours.stdout, BODY.slice(0, 20_000));
    await recovers(httpUrl());
  });

  it('closed early over HTTP: exit 18, the bytes still to come', async () => {
    const ours = await bothMeet(`curl -sS ${httpUrl()}`, () => plain.resetAfter(20_000, { how: 'fin' }));
    assert.equal(ours.exitCode, 18);
    assert.equal(ours.stderr, `curl: (18) transfer closed with ${BODY.length - 20_000} bytes remaining to read\n`);
    await recovers(httpUrl());
  });

  it('reset over TLS (the proxy passes TLS through): exit 56', async () => {
    tls.resetAfter(8000);
    const realCut = await runReal(`curl -sS ${httpsUrl()}`, env);
    await tls.clear();
    tls.resetAfter(8000);
    const ours = await runNative(`curl -sS ${httpsUrl()}`, { env, session, commandTimeoutMs: 30_000 });
    await tls.clear();
    assert.equal(ours.exitCode, realCut.exitCode);
    assert.equal(ours.exitCode, 56);
    // Over TLS curl names its TLS library's read error (OpenSSL's text); ours names the reset.
    assert.match(realCut.stderr, /^curl: \(56\) /);
    assert.match(ours.stderr, /^curl: \(56\) Recv failure: Connection reset by peer\n$/);
    assert.ok(BODY.startsWith(ours.stdout), 'what came before the cut is the body’s start');
    await recovers(httpsUrl());
  });
});

describe('curl: an answer that does not come', () => {
  it('--max-time ends the wait: exit 28, "Operation timed out"', async () => {
    const ours = await bothMeet(`curl -sS --max-time 1 ${httpUrl()}`, () => plain.delay(600_000));
    assert.equal(ours.exitCode, 28);
    assert.match(ours.stderr, /^curl: \(28\) Operation timed out after \d+ milliseconds with 0 bytes received\n$/);
    await recovers(httpUrl());
  });

  it('the command timeout ends a curl without --max-time', async () => {
    plain.delay(600_000);
    const line = `curl -sS ${httpUrl()}`;
    const run = await runNative(line, { env, session, commandTimeoutMs: 1000 });
    assert.equal(run.exitCode, 124);
    assert.equal(run.stderr, `runbook: timed out after 1 s: ${line}\n`);
    await plain.clear();
    await recovers(httpUrl());
  });

  it('Stop ends it while the request is held, over HTTP and TLS', async () => {
    for (const [proxy, url] of [[plain, httpUrl()], [tls, httpsUrl()]] as const) {
      proxy.delay(600_000);
      const stop = new AbortController();
      void proxy.nextRequest().then(() => stop.abort());
      const run = await runNative(`curl -sS ${url}`, { env, session, signal: stop.signal });
      assert.equal(run.run.commands[0]!.status, 'cancelled', url);
      assert.equal(run.exitCode, 130);
      assert.ok(proxy.seen.every((r) => !r.forwarded), 'the held request never reached the server');
      await proxy.clear();
      await recovers(url);
    }
  });

  it('a refused port: exit 7, "Couldn\'t connect to server"', async () => {
    const ours = await bothMeet(`curl -sS ${httpUrl()}`, () => plain.refuse());
    assert.equal(ours.exitCode, 7);
    assert.match(ours.stderr, /^curl: \(7\) Failed to connect to 127\.0\.0\.1 port \d+ after \d+ ms: Couldn't connect to server\n$/);
  });
});
