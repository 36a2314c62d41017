// A host that does not resolve (`nosuch.invalid`: the .invalid domain never
// does), for every tool: each says what its real CLI says, with its exit code,
// and the same session then reaches a server that is there. No server is
// needed for the failure; the recovery uses a simulator and a fault proxy.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Session } from '../../src/core/engine';
import { runNative, runReal } from '../support/engine';
import { kubeFixture } from '../support/kubeSim';

const HOST = 'nosuch.invalid';
let dir: string;
let env: Record<string, string | undefined>;
let session: Session;
let web: Server;
let webUrl: string;

function kubeconfig(server: string): string {
  const file = join(dir, `kubeconfig-${server.replace(/\W+/g, '-')}`);
  writeFileSync(file, `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: ${server}\ncontexts:\n- name: c\n  context:\n    cluster: c\n    user: u\ncurrent-context: c\nusers:\n- name: u\n  user:\n    token: x\n`);
  return file;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dns-faults-'));
  web = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('here\n'));
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', () => resolve()));
  webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}/`;
  env = {
    ...process.env,
    HOME: dir,
    CURL_HOME: '/nonexistent',
    RUNBOOK_HOSTS: '',
    KUBECONFIG: kubeconfig(`https://${HOST}:6443`),
    AWS_ACCESS_KEY_ID: 'AKIDNOSUCHHOST',
    AWS_SECRET_ACCESS_KEY: 'nosuchhostsecret',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ENDPOINT_URL: undefined,
    AWS_ENDPOINT_URL_S3: undefined,
    AWS_ENDPOINT_URL_CLOUDFRONT: undefined,
    AWS_PAGER: '',
    PGHOST: HOST,
    PGPORT: '5432',
    PGUSER: 'postgres',
    PGPASSWORD: 'nosuchhost',
    PGDATABASE: 'postgres',
    PGCONNECT_TIMEOUT: '10',
    REDISCLI_AUTH: undefined,
  };
  session = new Session(process.cwd(), env);
});

after(async () => {
  await session?.dispose();
  await new Promise((resolve) => (web ? web.close(resolve) : resolve(undefined)));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Case {
  line: string;
  exitCode: number;
  stderr: RegExp;
  /** The real CLI logs retries first; its last line is the message we print. */
  lastLine?: boolean;
  /** The note on what to do, as host:port (psql's and redis-cli's messages name the host already). */
  note?: string;
}

const CASES: Case[] = [
  { line: `curl -sS https://${HOST}/health`, exitCode: 6, stderr: /^curl: \(6\) Could not resolve host: nosuch\.invalid\n$/, note: `${HOST}:443` },
  // One attempt: botocore retries a connection error, waiting between attempts; the message is the same.
  { line: `AWS_MAX_ATTEMPTS=1 aws --endpoint-url https://${HOST} s3 ls`, exitCode: 255, stderr: /^\nCould not connect to the endpoint URL: "https:\/\/nosuch\.invalid\/"\n$/, note: `${HOST}:443` },
  { line: `AWS_MAX_ATTEMPTS=1 aws --endpoint-url https://${HOST} s3api list-objects-v2 --bucket archive-bucket`, exitCode: 255, stderr: /^\nCould not connect to the endpoint URL: "https:\/\/nosuch\.invalid\/archive-bucket\?list-type=2&encoding-type=url"\n$/ },
  { line: `AWS_MAX_ATTEMPTS=1 aws --endpoint-url https://${HOST} cloudfront get-distribution --id E2TIKTOKTOE01`, exitCode: 255, stderr: /^\nCould not connect to the endpoint URL: "https:\/\/nosuch\.invalid\/2020-05-31\/distribution\/E2TIKTOKTOE01"\n$/ },
  { line: 'kubectl get pods', exitCode: 1, stderr: /^Unable to connect to the server: dial tcp: lookup nosuch\.invalid( on [^:]+:53)?: no such host\n$/, lastLine: true, note: `${HOST}:6443` },
  { line: `psql -c 'select 1'`, exitCode: 2, stderr: /^psql: error: could not translate host name "nosuch\.invalid" to address: Name or service not known\n$/ },
  { line: `redis-cli -h ${HOST} ping`, exitCode: 1, stderr: /^Could not connect to Redis at nosuch\.invalid:6379: Name or service not known\n$/ },
  { line: `redis-cli -u redis://${HOST}:6380 ping`, exitCode: 1, stderr: /^Could not connect to Redis at nosuch\.invalid:6380: Name or service not known\n$/ },
];

describe('a host that does not resolve', () => {
  for (const c of CASES) {
    it(`${c.line}: the real CLI's message and exit code`, async () => {
      const ours = await runNative(c.line, { env, session, commandTimeoutMs: 30_000 });
      const real = await runReal(c.line, env);
      assert.match(ours.stderr, c.stderr);
      assert.equal(ours.exitCode, c.exitCode);
      assert.equal(ours.stdout, '');
      const realMessage = c.lastLine ? `${real.stderr.trimEnd().split('\n').pop()}\n` : real.stderr;
      assert.deepEqual({ stderr: ours.stderr, exitCode: ours.exitCode }, { stderr: realMessage, exitCode: real.exitCode });
      if (c.note) {
        const notes = (ours.run.commands[0]!.notes ?? []).join('\n');
        assert.ok(notes.includes(`The host name ${HOST} does not resolve here.`), notes);
        assert.ok(notes.includes(`RUNBOOK_HOSTS can send it to an address (${c.note}=ADDRESS:PORT)`), notes);
      }
    });
  }

  it('the same session then reaches hosts that resolve', async () => {
    const curl = await runNative(`curl -sS ${webUrl}`, { env, session });
    assert.equal(curl.stdout, 'here\n');
    const kube = await kubeFixture();
    const kubectl = await runNative(`kubectl --kubeconfig ${kube.env.KUBECONFIG} get deploy tiktok-toe -o name`, { env, session });
    assert.equal(kubectl.stdout, 'deployment.apps/tiktok-toe\n', kubectl.stderr);
  });
});
