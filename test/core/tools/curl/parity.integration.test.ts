// The native curl against the sandbox's TikTokToe /health endpoint (HTTPS,
// sandbox CA), compared with the real curl 7.88 on the same server: stdout
// and exit code always, stderr where -s hides the progress meter. The real
// curl gets `--connect-to "$SANDBOX_CURL_CONNECT_TO"`; ours reads RUNBOOK_HOSTS.
// The server's clock stands still: the uptime in the body (and so its length)
// is the same for both.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../../sandbox/clock';
import { acquireSandbox, type SandboxLease } from '../../../sandbox/testing';
import { planCell } from '../../../../src/core/engine';
import { createRegistry } from '../../../../src/core/tools';
import { runNative, runReal, type Captured } from '../../../support/engine';
import { runCurlNative } from './native';

let sandbox: SandboxLease;
let env: Record<string, string | undefined>;
const results: { name: string; same: boolean }[] = [];

interface Case {
  cmd: string;
  /** Compare stderr too (only where the progress meter is off). */
  stderr?: boolean;
  exit?: number;
}

const API = 'https://api.tiktok-toe.com';
const CASES: Case[] = [
  { cmd: `curl ${API}/health`, exit: 0 },
  { cmd: `curl -w "%{time_total}\\n" -o /dev/null -s ${API}/health`, stderr: true, exit: 0 },
  { cmd: `curl -s ${API}/health`, stderr: true, exit: 0 },
  { cmd: `curl -s -o /dev/null -w "%{http_code}\\n" ${API}/health`, stderr: true, exit: 0 },
  { cmd: `curl -s -w '%{http_code}' ${API}/health -o /dev/null`, stderr: true, exit: 0 },
  { cmd: `curl -sI ${API}/health`, stderr: true, exit: 0 },
  { cmd: `curl -si ${API}/health`, stderr: true, exit: 0 },
  { cmd: `curl -sS -I -w '%{http_code} %{size_download}\\n' ${API}/health`, stderr: true, exit: 0 },
  { cmd: `curl -s ${API}/nope`, stderr: true, exit: 0 },
  { cmd: `curl -sf ${API}/nope`, stderr: true, exit: 22 },
  { cmd: `curl -sSf ${API}/nope`, stderr: true, exit: 22 },
  { cmd: `curl -sSf -w '%{http_code}\\n' ${API}/nope`, stderr: true, exit: 22 },
  { cmd: `curl -sS https://127.0.0.1:1/health`, stderr: true, exit: 7 },
  { cmd: `curl -s -w '%{http_code}\\n' https://127.0.0.1:1/health`, stderr: true, exit: 7 },
  { cmd: `curl -sS https://nosuch.invalid/health`, stderr: true, exit: 6 },
  { cmd: `curl -s -o /dev/null -w '%{http_code} %{content_type} %{size_download} %{url_effective} %{num_redirects}\\n' ${API}/health`, stderr: true, exit: 0 },
  { cmd: `curl -sS -o /dev/null -w '%{time_connect} %{time_starttransfer} %{time_total}\\n' ${API}/health`, stderr: true, exit: 0 },
  { cmd: `curl -sS -H 'Accept: application/json' -H 'X-Trace: 1' ${API}/health`, stderr: true, exit: 0 },
  { cmd: `curl -sS -u ops:secret --max-time 5 ${API}/health`, stderr: true, exit: 0 },
  { cmd: `curl -s -d 'a=1&b=2' ${API}/health`, stderr: true, exit: 0 },
  { cmd: `curl -sS -X DELETE -w '%{http_code} %{method}\\n' ${API}/health`, stderr: true, exit: 0 },
  { cmd: `curl -sS "$SANDBOX_HEALTH_URL"`, stderr: true, exit: 0 },
  { cmd: `curl -sS -k -o /dev/null -w '%{http_code}\\n' "$SANDBOX_HEALTH_URL"`, stderr: true, exit: 0 },
  { cmd: `curl -sS --cacert /etc/ssl/certs/ca-certificates.crt ${API}/health`, stderr: true, exit: 60 },
  { cmd: `curl -sS -w '%{http_code}\\n' --resolve localhost:443:127.0.0.1 --connect-to ::127.0.0.1:1 https://localhost/health`, stderr: true, exit: 7 },
  { cmd: `curl -sS -w '%{nosuch}\\n' -o /dev/null ${API}/health`, stderr: true, exit: 0 },
  { cmd: `curl -sS --nosuch ${API}/health`, stderr: true, exit: 2 },
  { cmd: `curl -sS`, stderr: true, exit: 2 },
  // Misspelt options fail as curl fails; a shortened one curl accepts (in any case) works.
  { cmd: `curl -sS --silnt ${API}/health`, stderr: true, exit: 2 },
  { cmd: `curl --silnt`, stderr: true, exit: 2 },
  { cmd: `curl -sW ${API}/health`, stderr: true, exit: 2 },
  { cmd: `curl -so`, stderr: true, exit: 2 },
  { cmd: `curl -sS --comp ${API}/health`, stderr: true, exit: 2 },
  { cmd: `curl -sS --retr 2 ${API}/health`, stderr: true, exit: 2 },
  { cmd: `curl -sS --no-max-time 5 ${API}/health`, stderr: true, exit: 2 },
  { cmd: `curl -sS --no-sil ${API}/health`, stderr: true, exit: 2 },
  { cmd: `curl -sS --max-time=5 ${API}/health`, stderr: true, exit: 2 },
  { cmd: `curl --sil --show-err --max-tim 5 -w '%{http_code}\\n' ${API}/health`, stderr: true, exit: 0 },
  { cmd: `curl -sS --SILENT --Fail ${API}/nope`, stderr: true, exit: 22 },
];

/** What differs between any two runs: timings, the Date header, connect times in messages. */
function normalize(text: string): string {
  return text
    .replace(/\b\d+\.\d{6}\b/g, '<seconds>')
    .replace(/^Date: .*\r$/gim, 'Date: <date>\r')
    .replace(/after \d+ ms/g, 'after <n> ms');
}

function realCommand(cmd: string): string {
  return cmd.replace(/^curl\b/, 'curl --connect-to "$SANDBOX_CURL_CONNECT_TO"');
}

before(async () => {
  sandbox = await acquireSandbox({ services: ['https'], clock: new ManualClock().now });
  env = { ...process.env, ...sandbox.env, CURL_HOME: '/nonexistent' };
});

after(async () => {
  const same = results.filter((r) => r.same).length;
  console.log(`curl parity: ${same} identical of ${results.length}`);
  for (const r of results.filter((x) => !x.same)) console.log(`  differs: ${r.name}`);
  await sandbox?.stop();
});

describe('curl parity with the real curl', () => {
  for (const c of CASES) {
    it(c.cmd, async () => {
      const [ours, real] = await Promise.all([runCurlNative(c.cmd, env), runReal(realCommand(c.cmd), env)]);
      const view = (r: Captured) => ({ stdout: normalize(r.stdout), stderr: c.stderr ? normalize(r.stderr) : '', exitCode: r.exitCode });
      const same = JSON.stringify(view(ours)) === JSON.stringify(view(real));
      results.push({ name: c.cmd, same });
      assert.deepEqual(view(ours), view(real));
      if (c.exit !== undefined) assert.equal(ours.exitCode, c.exit);
    });
  }

  it('an option curl has that we do not run goes to a terminal, and runbook plan says so', async () => {
    for (const cmd of [`curl -sS --compressed ${API}/health`, `curl -sSZ ${API}/health`, `curl -sS --retry 2 ${API}/health`]) {
      const real = await runReal(realCommand(cmd), env);
      assert.equal(real.exitCode, 0, `the real curl accepts ${cmd}: ${real.stderr}`);
      const ours = await runNative(cmd, { env });
      assert.equal(ours.exitCode, 127, cmd);
      assert.equal(ours.run.commands[0].status, 'not-run', cmd);
      assert.deepEqual((await planCell(cmd, 'shellscript', createRegistry(), env)).map((r) => [r.native, r.terminal]), [[false, true]], cmd);
    }
  });

  it('emits the structured result and the http target', async () => {
    const run = await runCurlNative(`curl -s -o /dev/null ${API}/health`, env);
    assert.equal(run.exitCode, 0);
    const data = run.emitted.find((d) => d.kind === 'http');
    assert.ok(data, 'an http result');
    assert.equal(data.status, 200);
    assert.equal(data.url, `${API}/health`);
    assert.equal(typeof data.timeTotalSeconds, 'number');
    assert.ok((data.sizeDownload as number) > 0);
  });
});
