// psql and SQL cells through our engine against a sandbox PostgreSQL,
// compared byte for byte with the real psql 15 on the same server: stdout,
// stderr and exit code. Its own sandbox (postgres only): ALTER SYSTEM from
// the sample runbook changes the server.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeCertificates } from '../../../sandbox/health';
import { acquireSandbox, type SandboxLease } from '../../../sandbox/testing';
import { bracketed } from '../../../support/bracketed';
import { runNative, runReal, type Captured } from '../../../support/engine';
import { PARITY_CASES, type ParityCase } from './cases';

let sandbox: SandboxLease;
let env: Record<string, string | undefined>;
let dir: string;
const results: { name: string; same: boolean; ms: number }[] = [];

before(async () => {
  sandbox = await acquireSandbox({ services: ['postgres'] });
  dir = mkdtempSync(join(tmpdir(), 'psql-parity-'));
  const { PGHOST, PGPORT, PGUSER, PGPASSWORD } = sandbox.env;
  writeFileSync(join(dir, 'pgpass'), `# sandbox\n${PGHOST}:${PGPORT}:*:${PGUSER}:${PGPASSWORD}\n`, { mode: 0o600 });
  writeFileSync(join(dir, 'open-pgpass'), `*:*:*:*:${PGPASSWORD}\n`);
  chmodSync(join(dir, 'open-pgpass'), 0o644);
  writeFileSync(join(dir, 'pg_service.conf'), `# services\n[other]\ndbname=template1\n\n[sandbox]\nhost=${PGHOST}\nport=${PGPORT}\ndbname=postgres\n`);
  writeFileSync(join(dir, 'psqlrc'), "\\set QUIET 1\n\\pset null '(null)'\n\\x\n\\unset QUIET\n");
  writeFileSync(join(dir, 'vars.sql'), "SELECT count(*) AS old FROM games WHERE created_at < now() - (:'days' || ' days')::interval;\n\\echo :DBNAME :nosuch\nSELECT ':days' AS literal, :{?days} AS set; -- :days\n");
  writeFileSync(join(dir, 'check.sql'), "SELECT count(*) AS players FROM players;\n\n-- the archive window\nSELECT count(*) AS old_games\n  FROM games WHERE created_at < now() - interval '90 days';\nSELECT nosuch\n  FROM players;\nSELECT 1 AS after_error;\n");
  // HOME and PGSYSCONFDIR point at the test's folder: no ~/.pgpass or ~/.psqlrc of the machine's.
  env = { ...process.env, ...sandbox.env, HOME: dir, PGSYSCONFDIR: dir, PSQL_DIR: dir, PAGER: 'cat' };
  await enableTls();
});

/** Turns TLS on in the sandbox server (a reload suffices), so sslmode prefer, require and verify-* meet a real handshake. */
async function enableTls(): Promise<void> {
  chmodSync(dir, 0o755);
  const certs = await makeCertificates(dir);
  env.PGSSL_CA = certs.caFile;
  if (process.getuid?.() === 0) {
    const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres']).stdout.toString().trim());
    for (const file of [certs.certFile, certs.keyFile]) chownSync(file, id('-u'), id('-g'));
  }
  chmodSync(certs.keyFile, 0o600);
  const set = `ALTER SYSTEM SET ssl_cert_file = '${certs.certFile}'" -c "ALTER SYSTEM SET ssl_key_file = '${certs.keyFile}'" -c "ALTER SYSTEM SET ssl = on`;
  await runReal(`psql -X -q -c "${set}" -c "SELECT pg_reload_conf()" >/dev/null`, env);
  for (let i = 0; i < 50; i++) {
    if ((await runReal('psql -X -At -c "SHOW ssl"', env)).stdout.trim() === 'on') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the sandbox server did not turn TLS on');
}

after(async () => {
  const same = results.filter((r) => r.same).length;
  console.log(`psql parity: ${same} identical of ${results.length} (${((same / Math.max(1, results.length)) * 100).toFixed(1)} %)`);
  for (const r of results.filter((x) => !x.same)) console.log(`  differs: ${r.name}`);
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** What differs between two runs by nature: clocks, WAL positions, timings. Widths follow, so runs of spaces and dashes collapse. */
function normalizeVolatile(text: string): string {
  return text
    .replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}(:\d{2})?)?/g, '<ts>')
    .replace(/\b[0-9A-F]{1,8}\/[0-9A-F]{1,8}\b/g, '<lsn>')
    .replace(/\b\d{2}:\d{2}:\d{2}\.\d+\b/g, '<interval>')
    .replace(/Time: \d+\.\d{3} ms( \([^)]*\))?/g, 'Time: <t> ms')
    .replace(/ {2,}/g, ' ')
    .replace(/-{2,}/g, '--');
}

function normalized(c: Captured, volatile: boolean): Captured {
  if (!volatile) return { stdout: c.stdout, stderr: c.stderr, exitCode: c.exitCode };
  return { stdout: normalizeVolatile(c.stdout), stderr: normalizeVolatile(c.stderr), exitCode: c.exitCode };
}

const same = (a: Captured, b: Captured) => a.stdout === b.stdout && a.stderr === b.stderr && a.exitCode === b.exitCode;

/** Waits until no session of an earlier run is left (at most 30 s). */
async function sessionsLeft(): Promise<void> {
  const sql = "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND application_name <> 'tiktoktoe-api'";
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    if ((await runReal(`psql -X -At -c "${sql}"`, env)).stdout.trim() === '0') return;
  }
  assert.fail(`sessions of earlier runs did not leave: ${sql}`);
}

async function compare(c: ParityCase): Promise<{ ours: Captured; theirs: Captured }> {
  const started = Date.now();
  const language = c.sql !== undefined ? 'sql' : 'shellscript';
  const nativeText = c.sql ?? c.cmd!;
  const realText = c.sql !== undefined ? `psql -X -v ON_ERROR_STOP=1 <<'EOF'\n${c.sql}\nEOF` : c.cmd!;
  const view = (r: Captured) => normalized(r, Boolean(c.volatile));
  const runOurs = async () => {
    if (c.countsSessions) await sessionsLeft();
    return runNative(nativeText, { env, language, cwd: dir });
  };
  const runTheirs = async () => {
    if (c.countsSessions) await sessionsLeft();
    return runReal(realText, env);
  };
  let ours: Captured;
  let theirs: Captured;
  if (c.moves) ({ ours, theirs } = await bracketed(runOurs, runTheirs, view));
  else [ours, theirs] = [view(await runOurs()), view(await runTheirs())];
  results.push({ name: c.name, same: same(ours, theirs), ms: Date.now() - started });
  return { ours, theirs };
}

describe('psql and SQL cells match psql 15 byte for byte', () => {
  for (const c of PARITY_CASES) {
    it(c.name, async () => {
      const { ours, theirs } = await compare(c);
      if (!same(ours, theirs)) {
        console.log(`--- ${c.name}\n[ours ${ours.exitCode}]\n${ours.stdout}${ours.stderr}\n[psql ${theirs.exitCode}]\n${theirs.stdout}${theirs.stderr}`);
      }
    });
  }

  it('at least 95 % of the commands are identical', () => {
    const identical = results.filter((r) => r.same).length;
    assert.ok(results.length >= PARITY_CASES.length, 'every case ran');
    assert.ok(identical / results.length >= 0.95, `${identical} identical of ${results.length}`);
  });
});
