// redis-cli's special modes and streams through our engine, compared with
// Debian's redis-cli 7 on throwaway redis-servers started here (--bigkeys
// reads the whole database, so never the shared sandbox): --scan, --bigkeys,
// --memkeys, SUBSCRIBE, MONITOR, --stat and --latency; and the failures:
// a wrong password, an unreachable server, after which the session still works.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Session } from '../../../../src/core/engine';
import { runNative, runReal, type Captured } from '../../../support/engine';
import { startThrowawayRedis, type ThrowawayRedis } from './server';

let plain: ThrowawayRedis;
let locked: ThrowawayRedis;
const PASSWORD = 'throwaway-secret';
const env: Record<string, string | undefined> = { ...process.env, REDISCLI_AUTH: undefined, REDIS_URL: undefined, REDIS_CLUSTER_URL: undefined, RUNBOOK_HOSTS: undefined };
const results: { name: string; same: boolean }[] = [];

/** `$P` is the plain server's port, `$L` the password-protected one's. */
const expand = (line: string) => line.replace(/\$P\b/g, String(plain.port)).replace(/\$L\b/g, String(locked.port));

function record(name: string, a: Captured, b: Captured): void {
  results.push({ name, same: a.stdout === b.stdout && a.stderr === b.stderr && a.exitCode === b.exitCode });
}

before(async () => {
  [plain, locked] = await Promise.all([startThrowawayRedis(), startThrowawayRedis({ password: PASSWORD })]);
  const p = `redis-cli -p ${plain.port}`;
  const setup = [
    `for i in $(seq 1 40); do echo "SET user:$i $(printf 'x%.0s' $(seq 1 $((i % 13 + 1))))"; done | ${p} >/dev/null`,
    `for i in $(seq 1 12); do echo "RPUSH queue:$i $(seq -s ' ' 1 $i)"; done | ${p} >/dev/null`,
    `${p} HSET game:1 board XO- turn X player_x 1 player_o 2 >/dev/null`,
    `${p} HSET game:2 board --- >/dev/null`,
    `${p} SADD tags a b c d >/dev/null`,
    `${p} ZADD board 1 a 2 b 3 c >/dev/null`,
    `${p} XADD events '*' kind start >/dev/null`,
    `${p} SET 'odd "key" é' v >/dev/null`,
    `${p} -n 2 SET one 1 >/dev/null`,
    `${p} -n 3 MSET a 1 b 22 >/dev/null`,
  ];
  for (const cmd of setup) await runReal(cmd, env);
});

after(async () => {
  const same = results.filter((r) => r.same).length;
  console.log(`redis-cli modes parity: ${same} identical of ${results.length}`);
  for (const r of results.filter((x) => !x.same)) console.log(`  differs: ${r.name}`);
  await Promise.all([plain?.stop(), locked?.stop()]);
});

const BYTE_CASES = [
  'redis-cli -p $P --scan',
  'redis-cli -p $P --no-raw --scan',
  "redis-cli -p $P --scan --pattern 'user:1*'",
  `redis-cli -p $P --scan --quoted-pattern '"queue:*"'`,
  'redis-cli -p $P --bigkeys',
  'redis-cli -p $P --no-raw --bigkeys',
  "redis-cli -p $P --bigkeys --pattern 'queue:*'",
  'redis-cli -p $P --memkeys',
  'redis-cli -p $P --memkeys-samples 5',
  'redis-cli -p $P -n 1 --scan',
  'redis-cli -p $P -n 1 --bigkeys',
  'redis-cli -p $P -n 2 --bigkeys',
  'redis-cli -p $P -n 3 --memkeys',
  'redis-cli --cluster info 127.0.0.1:$P',
  'redis-cli --cluster check 127.0.0.1:$P',
  // Failures: a wrong password, no password, an unreachable server.
  'redis-cli -p $L -a wrong GET k',
  'redis-cli -p $L -a wrong --scan',
  'redis-cli -p $L -a wrong --stat',
  'redis-cli -p $L -a wrong --latency',
  'redis-cli -p $L -a wrong --bigkeys',
  'redis-cli -p $L -a wrong MONITOR',
  'redis-cli -p $L -a wrong SUBSCRIBE ch',
  'redis-cli -p $L --scan',
  'redis-cli -p $L -a wrong --cluster info 127.0.0.1:$L',
  `redis-cli -p $L -a ${PASSWORD} --no-auth-warning --scan`,
  'redis-cli -p 1 --stat',
  'redis-cli -p 1 --latency',
  'redis-cli -p 1 --bigkeys',
  'redis-cli -p 1 MONITOR',
  'redis-cli -p 1 SUBSCRIBE ch',
  'redis-cli --cluster check 127.0.0.1:1',
  'redis-cli --cluster info nohost',
  'redis-cli --cluster frobnicate 127.0.0.1:$P',
];

describe('redis-cli special modes: byte for byte with the real redis-cli', () => {
  for (const line of BYTE_CASES) {
    it(line, async () => {
      const native = await runNative(expand(line), { env });
      const real = await runReal(expand(line), env);
      const a = { stdout: native.stdout, stderr: native.stderr, exitCode: native.exitCode };
      record(line, a, real);
      assert.deepEqual(a, real);
    });
  }
});

/** Clients of the plain server in subscriber (P) or MONITOR (O) mode. */
async function listeners(): Promise<number> {
  const list = (await runReal(expand('redis-cli -p $P CLIENT LIST'), env)).stdout;
  return list.split('\n').filter((l) => / flags=[^ ]*[PO]/.test(l)).length;
}

/** Polls until `test` holds or `ms` pass; whether it held. */
async function until(test: () => Promise<boolean>, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    if (await test()) return true;
  }
  return false;
}

/**
 * The real CLI for `ms`, then interrupted; the native one sampled for the same
 * window (as Run All does). `during` runs once the stream is listening, so
 * both see it however long the client takes to start.
 */
async function streamBoth(line: string, ms: number, during?: string): Promise<{ native: Captured & { notes: string[] }; real: Captured }> {
  const seconds = (ms / 1000).toFixed(1);
  const alongside = async <T>(stream: Promise<T>): Promise<T> => {
    if (during && (await until(async () => (await listeners()) > 0, ms))) await runReal(expand(during), env);
    return stream;
  };
  const quiet = () => until(async () => (await listeners()) === 0, 5000);
  await quiet();
  const native = await alongside(runNative(expand(line), { env, streamWindowMs: ms }));
  await quiet();
  // stdbuf: redis-cli's stdout to a pipe is block-buffered, and what is in the buffer is lost at the interrupt.
  const real = await alongside(runReal(`timeout -s INT ${seconds} stdbuf -oL ${expand(line)}`, env));
  return { native: { stdout: native.stdout, stderr: native.stderr, exitCode: native.exitCode, notes: native.run.commands.flatMap((c) => c.notes ?? []) }, real };
}

describe('redis-cli streams: what the real one printed before it was stopped', () => {
  for (const line of ['redis-cli -p $P SUBSCRIBE news alerts', 'redis-cli -p $P --no-raw SUBSCRIBE news', "redis-cli -p $P PSUBSCRIBE 'n*'", "redis-cli -p $P --no-raw PSUBSCRIBE 'n*'"]) {
    it(`${line} prints the subscription and a published message`, async () => {
      const { native, real } = await streamBoth(line, 1500, 'redis-cli -p $P PUBLISH news "hello world"');
      results.push({ name: line, same: native.stdout === real.stdout && native.stderr === real.stderr });
      assert.match(native.stdout, /hello world/);
      assert.equal(native.stdout, real.stdout);
      assert.equal(native.exitCode, 0, 'sampled streams end with 0');
      assert.match(native.notes.join('\n'), /Streamed for 2 s and stopped|Streamed for 1 s and stopped|Streamed for \d+ s/);
    });
  }

  it('MONITOR prints OK, then every command in redis-cli\'s line format', async () => {
    const line = 'redis-cli -p $P MONITOR';
    const { native, real } = await streamBoth(line, 1500, 'redis-cli -p $P -n 3 GET "a key"');
    const shape = (t: string) => t.replace(/^\d+\.\d{6} \[(\d+) 127\.0\.0\.1:\d+\]/gm, 'T [$1 ADDR]');
    results.push({ name: line, same: shape(native.stdout) === shape(real.stdout) });
    assert.equal(native.stdout.split('\n')[0], 'OK');
    assert.match(native.stdout, /^\d{10}\.\d{6} \[3 127\.0\.0\.1:\d+\] "GET" "a key"$/m);
    assert.equal(shape(native.stdout), shape(real.stdout));
  });

  it('--stat prints the header, then one line a second with the same columns', async () => {
    const line = 'redis-cli -p $P --stat';
    const { native, real } = await streamBoth(line, 2500);
    const shape = (t: string) => t.split('\n').slice(0, 3).join('\n').replace(/\d+(\.\d+)?[BKMG]?/g, 'N').replace(/ +/g, ' ');
    results.push({ name: line, same: shape(native.stdout) === shape(real.stdout) });
    assert.equal(shape(native.stdout), shape(real.stdout));
    assert.ok(native.stdout.split('\n').length >= 4, native.stdout);
    assert.match(native.stdout.split('\n')[2]!, /^61 +\S+ +\d+ +0 +\d+ \(\+0\) +\d+ +$/);
  });

  it('--latency in a pipe prints one "min max avg samples" line after a second and exits 0', async () => {
    const line = 'redis-cli -p $P --latency';
    const native = await runNative(expand(line), { env });
    const real = await runReal(expand(line), env);
    const format = /^(\d+) (\d+) (\d+\.\d\d) (\d+)\n$/;
    results.push({ name: line, same: format.test(native.stdout) && format.test(real.stdout) && native.exitCode === real.exitCode });
    const [, min, max, avg, samples] = format.exec(native.stdout) ?? [];
    assert.ok(samples && Number(samples) > 10, native.stdout);
    assert.ok(Number(min) <= Number(avg) && Number(avg) <= Number(max));
    assert.match(real.stdout, format);
    assert.equal(native.exitCode, 0);
  });

  it('--latency on a terminal streams "min: ..., max: ..., avg: ... (N samples)" lines until stopped', async () => {
    const native = await runNative(expand('redis-cli -p $P --latency'), { env, isTTY: true, streamWindowMs: 2200 });
    const lines = native.stdout.trimEnd().split('\n');
    assert.ok(lines.length >= 2, native.stdout);
    for (const l of lines) assert.match(l, /^min: \d+, max: \d+, avg: \d+\.\d\d \(\d+ samples\)$/);
    const data = native.run.commands[0]?.data?.find((d) => d.kind === 'redis-latency');
    assert.ok(data && Number(data.samples) > 20);
  });
});

describe('redis-cli failures leave the session usable', () => {
  it('after a wrong password and an unreachable server, the next command works', async () => {
    const session = new Session(process.cwd(), env);
    try {
      const wrong = await runNative(expand('redis-cli -p $L -a wrong --no-auth-warning --stat'), { env, session });
      assert.equal(wrong.stderr, 'AUTH failed: WRONGPASS invalid username-password pair or user is disabled.\n');
      assert.equal(wrong.exitCode, 1);
      const refused = await runNative('redis-cli -p 1 MONITOR', { env, session });
      assert.equal(refused.stderr, 'Could not connect to Redis at 127.0.0.1:1: Connection refused\n');
      assert.equal(refused.exitCode, 1);
      const ok = await runNative(expand(`redis-cli -p $L -a ${PASSWORD} --no-auth-warning SET after ok`), { env, session });
      assert.deepEqual([ok.stdout, ok.exitCode], ['OK\n', 0]);
      const scan = await runNative(expand(`redis-cli -p $L -a ${PASSWORD} --no-auth-warning --scan`), { env, session });
      assert.deepEqual([scan.stdout, scan.exitCode], ['after\n', 0]);
    } finally {
      await session.dispose();
    }
  });
});
