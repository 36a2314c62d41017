// curl's credentials against a local HTTP server that echoes the request's
// Authorization header and sets a cookie: every credential header curl
// prints is masked, and so is the echo of it in the body. (The `> `/`< `
// lines of -v are masked by the same patterns; see test/core/secrets.)
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { maskedBy, runNative, runReal } from '../../../support/engine';
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
  it('-i with an Authorization header and a Set-Cookie answer: masked, and otherwise what curl prints', async () => {
    const token = randomSecret('token');
    const command = `curl -si -H 'Authorization: Bearer ${token}' ${base}/`;
    const [run, real] = await Promise.all([runNative(command, { env }), runReal(command, env)]);
    assert.equal(run.exitCode, 0, run.stderr);
    assertHidden(command, run, [token, cookie]);
    assert.match(run.stdout, /^HTTP\/1\.1 200 OK\r$/m);
    assert.match(run.stdout, /^set-cookie: ‹secret:cookie#[0-9a-f]{4}›\r$/im);
    assert.match(run.stdout, /\r\n\r\nauth=Bearer ‹secret:authorization#[0-9a-f]{4}›\n$/);
    assert.match(run.run.commands[0]!.command, /^curl -si -H 'Authorization: Bearer ‹secret:authorization#[0-9a-f]{4}›' http/);
    const normalize = (text: string) => text.replace(/^date: .*\r$/gim, 'date: <date>\r');
    assert.equal(normalize(run.stdout), normalize(maskedBy(run.session, real).stdout), "curl's own output, the same secrets masked");
  });

  it('-u user:password: the password, and the credentials as the Basic header carries them', async () => {
    const password = randomSecret('pw');
    const command = `curl -s -u ops:${password} ${base}/`;
    const run = await runNative(command, { env });
    assert.equal(run.exitCode, 0, run.stderr);
    assertHidden(command, run, [password, `ops:${password}`]);
    assert.match(run.stdout, /^auth=Basic ‹secret:authorization#[0-9a-f]{4}›\n$/);
    assert.match(run.run.commands[0]!.command, /^curl -s -u ops:‹secret:password#[0-9a-f]{4}› http/);
  });

  it('a password in the URL', async () => {
    const password = randomSecret('pw');
    const command = `curl -s ${base.replace('//', `//ops:${password}@`)}/`;
    const run = await runNative(command, { env });
    assert.equal(run.exitCode, 0, run.stderr);
    assertHidden(command, run, [password, `ops:${password}`]);
    assert.match(run.run.commands[0]!.command, /^curl -s http:\/\/ops:‹secret:url-password#[0-9a-f]{4}›@127\.0\.0\.1:/);
  });
});
