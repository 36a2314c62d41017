// curl's credentials against a local HTTP server that echoes the request's
// Authorization header and sets a cookie: with -v, every credential header
// curl prints is masked, and so is the echo of it in the body.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { runNative } from '../../../support/engine';
import { assertHidden, randomSecret } from '../../../support/hidden';

let server: Server;
let base: string;
const cookie = randomSecret('cookie');
const env = { ...process.env, CURL_HOME: '/nonexistent', RUNBOOK_HOSTS: '' };

before(async () => {
  server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'set-cookie': `session=${cookie}; Path=/; HttpOnly` });
    res.end(`auth=${req.headers.authorization ?? '-'}\n`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('curl: credentials are masked in what it prints', () => {
  it('-v with an Authorization header and a Set-Cookie answer', async () => {
    const token = randomSecret('token');
    const command = `curl -sv -H 'Authorization: Bearer ${token}' ${base}/`;
    const run = await runNative(command, { env });
    assert.equal(run.exitCode, 0, run.stderr);
    assertHidden(command, run, [token, cookie]);
    assert.match(run.stderr, /^> Authorization: Bearer ‹secret:authorization#[0-9a-f]{4}›\r$/m);
    assert.match(run.stderr, /^< set-cookie: ‹secret:cookie#[0-9a-f]{4}›\r$/im);
    assert.match(run.stderr, /^> GET \/ HTTP\/1\.1\r$/m, 'the rest of the exchange is as curl prints it');
    assert.match(run.stdout, /^auth=Bearer ‹secret:authorization#[0-9a-f]{4}›\n$/);
    assert.match(run.run.commands[0]!.command, /^curl -sv -H 'Authorization: Bearer ‹secret:authorization#[0-9a-f]{4}›' http/);
  });

  it('-u user:password and a password in the URL', async () => {
    const password = randomSecret('pw');
    for (const command of [`curl -s -u ops:${password} ${base}/`, `curl -s ${base.replace('//', `//ops:${password}@`)}/`]) {
      const run = await runNative(command, { env });
      assert.equal(run.exitCode, 0, run.stderr);
      assertHidden(command, run, [password, `ops:${password}`]);
      assert.match(run.stdout, /^auth=Basic ‹secret:[a-z-]+#[0-9a-f]{4}›\n$/);
    }
  });
});
