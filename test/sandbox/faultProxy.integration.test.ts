// The fault proxy itself: each fault as the real curl meets it, in front of an
// HTTP server and an HTTPS one of this file's own; and nothing changes on the
// way when no fault is set.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startFaultProxy, s3ErrorXml, type FaultProxy } from './faultProxy';
import { makeCertificates } from './health';

const BODY = 'abcdefghij'.repeat(10_000);
let dir: string;
let caFile: string;
let http: Server;
let https: Server;
let plain: FaultProxy;
let tls: FaultProxy;

function serve(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): void {
  let got = '';
  req.on('data', (c: Buffer) => (got += c.toString()));
  req.on('end', () => {
    const body = req.method === 'POST' ? `${req.url} ${got}` : BODY;
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body), 'x-upstream': 'yes' }).end(body);
  });
}

const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
const closeServer = (server: Server | undefined) => new Promise<void>((resolve) => (server ? (server.closeAllConnections(), server.close(() => resolve())) : resolve()));

interface CurlRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

function curl(...args: string[]): Promise<CurlRun> {
  return new Promise((resolve) => {
    execFile('curl', ['-sS', '--cacert', caFile, ...args], { maxBuffer: 8 << 20, encoding: 'utf8', timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ exitCode: err ? Number(err.code) : 0, stdout, stderr });
    });
  });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fault-proxy-'));
  const certs = await makeCertificates(dir);
  caFile = certs.caFile;
  http = createHttpServer(serve);
  https = createHttpsServer({ key: readFileSync(certs.keyFile), cert: readFileSync(certs.certFile) }, serve);
  plain = await startFaultProxy({ port: await listen(http) });
  tls = await startFaultProxy({ port: await listen(https) });
});

after(async () => {
  await plain?.close();
  await tls?.close();
  await closeServer(http);
  await closeServer(https);
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await plain.clear();
  await tls.clear();
});

describe('the fault proxy over plain HTTP', () => {
  it('passes requests and answers through unchanged when no fault is set', async () => {
    const got = await curl('-i', `${plain.url}/a`);
    assert.equal(got.exitCode, 0, got.stderr);
    assert.match(got.stdout, /^x-upstream: yes\r$/m);
    assert.ok(got.stdout.endsWith(`\r\n\r\n${BODY}`));
    const posted = await curl('-d', 'replicas=3', `${plain.url}/scale?x=1`);
    assert.equal(posted.stdout, '/scale?x=1 replicas=3');
    assert.deepEqual(plain.seen.map((s) => `${s.method} ${s.path} ${s.fault ?? '-'} ${s.forwarded}`), ['GET /a - true', 'POST /scale?x=1 - true']);
  });

  it('answers with a canned status, headers and body for the next N requests that match a path', async () => {
    plain.answer(503, { headers: { 'retry-after': '7' }, body: s3ErrorXml('SlowDown', 'Please reduce your request rate.') }, { times: 2, path: '/bucket' });
    const other = await curl(`${plain.url}/other`);
    assert.equal(other.stdout, BODY, 'a path that does not match is forwarded');
    for (let i = 0; i < 2; i++) {
      const slow = await curl('-i', `${plain.url}/bucket?list-type=2`);
      assert.match(slow.stdout, /^HTTP\/1\.1 503 /);
      assert.match(slow.stdout, /^retry-after: 7\r$/m);
      assert.match(slow.stdout, /<Code>SlowDown<\/Code><Message>Please reduce your request rate\.<\/Message>/);
    }
    assert.equal((await curl(`${plain.url}/bucket`)).stdout, BODY, 'the third request is forwarded');
    assert.deepEqual(plain.seen.map((s) => `${s.fault ?? '-'} ${s.forwarded}`), ['- true', 'answer false', 'answer false', '- true']);
  });

  it('resets the connection after N bytes of the body, or closes it early', async () => {
    plain.resetAfter(1000, { times: 1 });
    const reset = await curl(`${plain.url}/a`);
    assert.equal(reset.exitCode, 56);
    assert.equal(reset.stderr, 'curl: (56) Recv failure: Connection reset by peer\n');
    assert.equal(reset.stdout, BODY.slice(0, 1000));
    plain.resetAfter(2500, { times: 1, how: 'fin' });
    const closed = await curl(`${plain.url}/a`);
    assert.equal(closed.exitCode, 18);
    assert.match(closed.stderr, /^curl: \(18\) transfer closed with \d+ bytes remaining to read\n$/);
    assert.equal(closed.stdout, BODY.slice(0, 2500));
    assert.equal((await curl(`${plain.url}/a`)).stdout, BODY);
  });

  it('holds a cut connection after N bytes until cut()', async () => {
    plain.resetAfter(1000, { hold: true });
    const held = await curl('--max-time', '1', `${plain.url}/a`);
    assert.equal(held.exitCode, 28, 'nothing ends the held connection');
    assert.match(held.stderr, new RegExp(`with 1000 out of ${BODY.length} bytes received`));
    await plain.clear();
    plain.resetAfter(1000, { hold: true });
    void plain.nextRequest().then(() => plain.cut());
    const cut = await curl(`${plain.url}/a`);
    assert.equal(cut.exitCode, 56, 'cut() resets it once it has its bytes');
    assert.equal(cut.stdout, BODY.slice(0, 1000));
  });

  it('holds a request back for the delay', async () => {
    plain.delay(60_000, { times: 1 });
    const arrived = plain.nextRequest();
    const held = curl('--max-time', '1', `${plain.url}/a`);
    assert.deepEqual(await arrived, { method: 'GET', path: '/a', fault: 'delay', forwarded: false });
    await held;
    plain.delay(200, { times: 1 });
    assert.equal((await curl(`${plain.url}/a`)).stdout, BODY, 'forwarded once the delay is over');
  });

  it('a client that gives up during a delay times out on its side, and the next request goes through', async () => {
    plain.delay(60_000, { times: 1 });
    const held = await curl('--max-time', '1', `${plain.url}/a`);
    assert.equal(held.exitCode, 28);
    assert.match(held.stderr, /Operation timed out after \d+ milliseconds with 0 bytes received/);
    assert.equal((await curl(`${plain.url}/a`)).stdout, BODY);
  });

  it('refuses connections until it accepts again, on the same port', async () => {
    await plain.refuse();
    const refused = await curl(`${plain.url}/a`);
    assert.equal(refused.exitCode, 7);
    assert.match(refused.stderr, new RegExp(`Failed to connect to 127\\.0\\.0\\.1 port ${plain.port} after \\d+ ms: Couldn't connect to server`));
    await plain.accept();
    assert.equal((await curl(`${plain.url}/a`)).stdout, BODY);
  });
});

describe('the fault proxy over TLS (passed through as TCP)', () => {
  const url = () => `https://127.0.0.1:${tls.port}/a`;

  it('passes the TLS session through: the server certificate verifies', async () => {
    const got = await curl(url());
    assert.equal(got.exitCode, 0, got.stderr);
    assert.equal(got.stdout, BODY);
    assert.deepEqual(tls.seen.map((s) => s.path), ['tcp']);
  });

  it('cuts a connection after N bytes, holds one back, refuses', async () => {
    tls.resetAfter(3000, { times: 1 });
    const reset = await curl(url());
    assert.equal(reset.exitCode, 56);
    assert.match(reset.stderr, /^curl: \(56\) /);
    tls.delay(60_000, { times: 1 });
    const held = await curl('--max-time', '1', url());
    assert.equal(held.exitCode, 28);
    await tls.refuse();
    assert.equal((await curl(url())).exitCode, 7);
    await tls.accept();
    assert.equal((await curl(url())).stdout, BODY);
  });
});
