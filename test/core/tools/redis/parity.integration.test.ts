// redis-cli through our engine against the sandbox's Redis and Redis Cluster,
// compared byte for byte with Debian's redis-cli 7 on the same servers:
// stdout, stderr and exit code. The real redis-cli ignores REDIS_URL (our
// addition), so its command line gets the same server with -u.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { acquireSandbox, type SandboxLease } from '../../../sandbox/testing';
import { runReal, type Captured } from '../../../support/engine';
import { runRedisNative } from './native';

let sandbox: SandboxLease;
let env: Record<string, string | undefined>;
let seed = '';
let seedId = '';
const placeholders = (line: string) => line.replace(/\$SEEDID\b/g, seedId).replace(/\$SEED\b/g, seed);
const results: { name: string; same: boolean }[] = [];

interface Case {
  line: string;
  /** Numbers that change between two runs by nature (uptime, memory, cluster messages). */
  volatile?: boolean;
  /** A known difference: still run and counted, reported as a todo instead of failing. */
  gap?: string;
}

const CASES: Case[] = [
  { line: 'redis-cli INFO memory', volatile: true },
  { line: 'redis-cli INFO stats | grep keyspace' },
  { line: 'redis-cli INFO stats | grep hit_rate' },
  { line: 'redis-cli cluster info', volatile: true },
  { line: 'redis-cli --no-raw CLUSTER INFO', volatile: true },
  { line: 'redis-cli SET parity:k hello' },
  { line: 'redis-cli --no-raw SET parity:k hello' },
  { line: 'redis-cli GET parity:k' },
  { line: 'redis-cli --no-raw GET parity:k' },
  { line: 'redis-cli GET parity:none' },
  { line: 'redis-cli --no-raw GET parity:none' },
  { line: 'redis-cli LRANGE parity:list 0 -1' },
  { line: 'redis-cli --no-raw LRANGE parity:list 0 -1' },
  { line: 'redis-cli --no-raw LRANGE parity:none 0 -1' },
  { line: 'redis-cli HGETALL parity:hash' },
  { line: 'redis-cli --no-raw HGETALL parity:hash' },
  { line: 'redis-cli ZRANGE parity:z 0 -1 WITHSCORES' },
  { line: 'redis-cli --no-raw ZRANGE parity:z 0 -1 WITHSCORES' },
  { line: 'redis-cli --no-raw SMEMBERS parity:set' },
  { line: 'redis-cli TYPE parity:list' },
  { line: 'redis-cli --no-raw TYPE parity:none' },
  { line: 'redis-cli --no-raw TTL parity:ttl', volatile: true },
  { line: 'redis-cli --no-raw TTL parity:k' },
  { line: 'redis-cli DBSIZE' },
  { line: 'redis-cli --no-raw DBSIZE' },
  { line: 'redis-cli --no-raw EXISTS parity:k parity:none' },
  { line: 'redis-cli --no-raw PING' },
  { line: 'redis-cli --no-raw ECHO "tab\there"' },
  { line: 'redis-cli CONFIG GET maxmemory-policy' },
  { line: 'redis-cli --no-raw CONFIG GET maxmemory-policy' },
  { line: 'redis-cli CONFIG SET maxmemory-policy noeviction' },
  { line: 'redis-cli --no-raw CONFIG SET maxmemory-policy noeviction' },
  { line: 'redis-cli foo bar' },
  { line: 'redis-cli --no-raw foo bar' },
  // Misspelt commands go to the server, which names them and the start of their arguments.
  { line: 'redis-cli GTE parity:k' },
  { line: "redis-cli --no-raw SETT parity:k 'two words' \"it's\"" },
  { line: 'redis-cli --no-raw INFOO memory' },
  { line: 'redis-cli --no-raw CONFIG GETT maxmemory-policy' },
  { line: 'redis-cli --no-raw CLIENT LSIT' },
  { line: 'redis-cli -c --no-raw GTE player:1:profile' },
  { line: 'redis-cli --no-raw INCR parity:list' },
  { line: 'redis-cli -e INCR parity:list' },
  { line: 'redis-cli -p 1 GET parity:k' },
  { line: 'redis-cli -h 127.0.0.1 -p 1 --no-raw PING' },
  { line: 'redis-cli -a wrong GET parity:k' },
  { line: 'redis-cli --user nobody --pass x --no-raw PING' },
  { line: 'REDISCLI_AUTH=wrong redis-cli GET parity:k' },
  { line: 'redis-cli -n 3 DBSIZE' },
  { line: 'redis-cli -n 99 GET parity:k' },
  { line: 'redis-cli -x SET parity:x <<< hello' },
  { line: 'redis-cli -Z PING' },
  { line: 'redis-cli --no-raw COMMAND INFO get' },
  { line: 'redis-cli COMMAND INFO get' },
  { line: 'redis-cli -u "$REDIS_CLUSTER_URL" --no-raw CLUSTER SLOTS' },
  { line: 'redis-cli -e --no-raw GET parity:k' },
  { line: 'redis-cli -c GET player:1:profile' },
  { line: 'redis-cli -c --no-raw GET player:2:profile' },
  { line: 'redis-cli -u "$REDIS_CLUSTER_URL" --no-raw CLUSTER COUNTKEYSINSLOT 0' },
  // Special modes. $SEED is the cluster's first node (host:port), $SEEDID the start of its id.
  { line: "redis-cli --scan --pattern 'parity:*'" },
  { line: "redis-cli --no-raw --scan --pattern 'parity:[lh]*'" },
  // This file's own sandbox: --bigkeys reads the whole cache (5,600 keys, several SCAN rounds of progress lines).
  { line: 'redis-cli --bigkeys' },
  { line: 'redis-cli --memkeys' },
  { line: 'redis-cli --cluster info $SEED' },
  { line: 'redis-cli --cluster check $SEED' },
  { line: 'redis-cli --cluster rebalance $SEED --cluster-simulate' },
  { line: 'redis-cli --cluster rebalance $SEED --cluster-threshold 0.001 --cluster-simulate' },
  { line: 'redis-cli --cluster rebalance $SEED --cluster-weight $SEEDID=2 --cluster-simulate --verbose' },
  { line: 'redis-cli --cluster rebalance $SEED --cluster-weight $SEEDID=0 --cluster-threshold 1 --cluster-simulate' },
  { line: 'redis-cli --cluster rebalance $SEED --cluster-weight nosuchnode=2 --cluster-simulate' },
];

/** The same server for the real redis-cli: -u with the URL our tool would take from the environment. */
function realLine(line: string): string {
  if (/ -(h|p|u) /.test(line)) return line;
  const cluster = / -c | cluster /i.test(line);
  return line.replace('redis-cli ', `redis-cli -u "$${cluster ? 'REDIS_CLUSTER_URL' : 'REDIS_URL'}" `);
}

const normalize = (c: Captured, volatile?: boolean): Captured => {
  if (!volatile) return { stdout: c.stdout, stderr: c.stderr, exitCode: c.exitCode };
  const n = (t: string) => t.replace(/\d+(\.\d+)?[KMGB]?/g, 'N');
  return { stdout: n(c.stdout), stderr: n(c.stderr), exitCode: c.exitCode };
};

before(async () => {
  sandbox = await acquireSandbox({ services: ['redis', 'redis-cluster'] });
  env = { ...process.env, ...sandbox.env, REDISCLI_AUTH: undefined };
  const setup = [
    'DEL parity:list parity:hash parity:z parity:set',
    `RPUSH parity:list a "b c" 'x"y' $'n\\nl' $'\\xc3\\xa9\\x01'`,
    'HSET parity:hash f1 v1 f2 2 10 ten',
    'ZADD parity:z 1 one 2.5 two 3 three',
    'SADD parity:set member',
    'SET parity:ttl v EX 100000',
  ];
  for (const cmd of setup) await runReal(`redis-cli -u "$REDIS_URL" ${cmd} >/dev/null`, env);
  seed = new URL(env.REDIS_CLUSTER_URL!).host;
  seedId = (await runReal('redis-cli -u "$REDIS_CLUSTER_URL" CLUSTER MYID', env)).stdout.trim().slice(0, 8);
});

after(async () => {
  const same = results.filter((r) => r.same).length;
  console.log(`redis-cli parity: ${same} identical of ${results.length}`);
  for (const r of results.filter((x) => !x.same)) console.log(`  differs: ${r.name}`);
  await sandbox?.stop();
});

describe('redis-cli parity with the real redis-cli', () => {
  for (const c of CASES) {
    it(c.line, { todo: c.gap }, async () => {
      const native = await runRedisNative(placeholders(c.line), { env });
      const real = await runReal(placeholders(realLine(c.line)), env);
      const a = normalize(native, c.volatile);
      const b = normalize(real, c.volatile);
      const same = a.stdout === b.stdout && a.stderr === b.stderr && a.exitCode === b.exitCode;
      results.push({ name: c.line, same });
      assert.deepEqual(a, b);
    });
  }

  it('--cluster without a node uses REDIS_CLUSTER_URL, and redis-cluster:6379 goes where RUNBOOK_HOSTS maps it', async () => {
    const real = await runReal(`redis-cli --cluster check ${seed}`, env);
    const bare = await runRedisNative('redis-cli --cluster check', { env });
    assert.deepEqual([bare.stdout, bare.exitCode], [real.stdout, real.exitCode]);
    const hosts = { ...env, RUNBOOK_HOSTS: `redis-cluster:6379=${seed}` };
    const named = await runRedisNative('redis-cli --cluster rebalance redis-cluster:6379', { env: hosts });
    const expected = await runReal(`redis-cli --cluster rebalance ${seed}`, env);
    // The mapped name is reported as the address it stands for.
    assert.equal(named.stdout, expected.stdout);
    assert.equal(named.exitCode, 0);
    assert.match(named.stdout, /No rebalancing needed! All nodes are within the 2\.00% threshold/);
  });

  it('gives memory and hit-rate results, and a note for the missing hit_rate field', async () => {
    const mem = await runRedisNative('redis-cli INFO memory', { env, isTTY: true });
    const m = mem.data.find((d) => d.kind === 'redis-memory');
    assert.ok(m && Number(m.usedMemory) > 0 && Number(m.maxMemory) > 0);
    const stats = await runRedisNative('redis-cli INFO stats | grep hit_rate', { env });
    assert.equal(stats.stdout, '');
    const s = stats.data.find((d) => d.kind === 'redis-stats');
    assert.ok(s && typeof s.hitRate === 'number');
    assert.match(stats.notes.join('\n'), /no hit_rate field/);
  });

  it('prints on a terminal as redis-cli --no-raw does, on one connection per server', async () => {
    const tty = await runRedisNative('redis-cli LRANGE parity:list 0 -1; redis-cli HGETALL parity:hash', { env, isTTY: true });
    const real = await runReal(`${realLine('redis-cli --no-raw LRANGE parity:list 0 -1')}; ${realLine('redis-cli --no-raw HGETALL parity:hash')}`, env);
    assert.equal(tty.stdout, real.stdout);
  });
});
