// What the sandbox's /health endpoint cannot show: redirects (-L), request
// bodies (-d), a slow answer (--max-time), stopping a cell. A plain HTTP
// server in this process; the real curl runs against the same one.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { maskedBy, runNative, runReal, type Captured } from '../../../support/engine';
import { runCurlNative } from './native';

let server: Server;
let base: string;
const env = { ...process.env, CURL_HOME: '/nonexistent', RUNBOOK_HOSTS: '' };
const results: { name: string; same: boolean }[] = [];

before(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const n = Number(url.searchParams.get('n') ?? 0);
      if (url.pathname === '/loop') {
        res.writeHead(302, { Location: `/loop?n=${n + 1}` }).end('moved\n');
      } else if (url.pathname === '/hop') {
        res.writeHead(n > 0 ? 301 : 303, { Location: n > 0 ? `/hop?n=${n - 1}` : '/echo' }).end();
      } else if (url.pathname === '/slow') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('partial ');
        setTimeout(() => res.end('done\n'), 3000).unref();
      } else if (url.pathname === '/hang') {
        setTimeout(() => res.end(), 5000).unref();
      } else {
        const auth = req.headers.authorization ?? '-';
        res.writeHead(200, { 'content-type': 'text/plain' }).end(`${req.method} ${req.url} ${req.headers['content-type'] ?? '-'} ${auth} [${body}] ua=${req.headers['user-agent']} accept=${req.headers.accept}\n`);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  const same = results.filter((r) => r.same).length;
  console.log(`curl local parity: ${same} identical of ${results.length}`);
  for (const r of results.filter((x) => !x.same)) console.log(`  differs: ${r.name}`);
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const normalize = (t: string) =>
  t.replace(/\b\d+\.\d{6}\b/g, '<seconds>').replace(/^Date: .*\r$/gim, 'Date: <date>\r').replace(/after \d+ milliseconds/g, 'after <n> milliseconds');

const CASES: Array<{ cmd: (b: string) => string; exit: number }> = [
  { cmd: (b) => `curl -sS ${b}/echo`, exit: 0 },
  { cmd: (b) => `curl -sS -d 'a=1' -d 'b=2' ${b}/echo`, exit: 0 },
  { cmd: (b) => `curl -sS --data-raw '@x' -u ops:pw ${b}/echo`, exit: 0 },
  { cmd: (b) => `curl -sS -X PUT -H 'Content-Type: application/json' -d '{"replicas":3}' ${b}/echo`, exit: 0 },
  { cmd: (b) => `curl -sS -H 'User-Agent:' -H 'Accept: text/plain' ${b}/echo`, exit: 0 },
  { cmd: (b) => `curl -sS ${b}/hop?n=2`, exit: 0 },
  { cmd: (b) => `curl -sSL -w '%{num_redirects} %{url_effective} %{http_code}\\n' ${b}/hop?n=2`, exit: 0 },
  { cmd: (b) => `curl -sSLi -d x=1 ${b}/hop?n=1`, exit: 0 },
  { cmd: (b) => `curl -sSL --max-redirs 3 ${b}/loop`, exit: 47 },
  { cmd: (b) => `curl -sS --max-time 1 ${b}/slow`, exit: 28 },
  { cmd: (b) => `curl -sS -m 1 -w '%{http_code}\\n' ${b}/hang`, exit: 28 },
  { cmd: (b) => `curl -sSi ${b}/echo`, exit: 0 },
];

describe('curl parity on a local HTTP server', () => {
  for (const c of CASES) {
    it(c.cmd('URL'), async () => {
      const cmd = c.cmd(base);
      const [ours, unmasked] = await Promise.all([runNative(cmd, { env }), runReal(cmd, env)]);
      // curl's output as ours is shown: the credentials our session learnt masked.
      const real = maskedBy(ours.session, unmasked);
      const view = (r: Captured) => ({ stdout: normalize(r.stdout), stderr: normalize(r.stderr), exitCode: r.exitCode });
      const same = JSON.stringify(view(ours)) === JSON.stringify(view(real));
      results.push({ name: c.cmd('URL'), same });
      assert.deepEqual(view(ours), view(real));
      assert.equal(ours.exitCode, c.exit);
    });
  }

  it('stops when the cell is stopped', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    const run = await runCurlNative(`curl -sS ${base}/hang`, env, { signal: controller.signal });
    assert.notEqual(run.exitCode, 0);
    assert.ok(Date.now() - started < 2000, 'stopped promptly');
    assert.equal(run.stderr, '');
  });
});
