// The parts of redis-cli's special modes that need no server: options, plans,
// the rebalance arithmetic, --stat lines, printf rounding, the RESP reader.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRedisArgs } from '../../../../src/core/tools/redis/args';
import { typeOrder } from '../../../../src/core/tools/redis/bigkeys';
import { bytesToHuman, fixed, zeroPadded } from '../../../../src/core/tools/redis/cformat';
import { clusterHost } from '../../../../src/core/tools/redis/clusterManager';
import { configSignature, slotRanges, type ClusterNode } from '../../../../src/core/tools/redis/clusterNodes';
import { planRebalance } from '../../../../src/core/tools/redis/clusterRebalance';
import { dialAddress, resolveSettings } from '../../../../src/core/tools/redis/connect';
import { addSample, rawLine, standardLine, type LatencyStats } from '../../../../src/core/tools/redis/latency';
import { encodeCommand, parseReplies } from '../../../../src/core/tools/redis/resp';
import { infoNumber, statLine } from '../../../../src/core/tools/redis/stat';
import { redisTool } from '../../../../src/core/tools/redis';

const plan = (line: string) => redisTool.parse(['redis-cli', ...line.split(' ')], {}).plan;

describe('redis-cli special mode options', () => {
  it('reads --scan with its pattern, count, type and -i', () => {
    const a = parseRedisArgs(['redis-cli', '--scan', '--pattern', 'user:*', '--count', '100', '--type', 'hash', '-i', '0.1']);
    assert.deepEqual([a.mode, a.pattern, a.count, a.scanType, a.interval, a.command], ['scan', 'user:*', 100, 'hash', 0.1, []]);
    assert.equal(parseRedisArgs(['redis-cli', '--scan', '--quoted-pattern', '"a\\x41*"']).pattern, 'aA*');
    assert.equal(parseRedisArgs(['redis-cli', '--latency-history', '--latency']).mode, 'latency-history');
    assert.equal(parseRedisArgs(['redis-cli', '--memkeys-samples', '5']).mode, 'memkeys');
  });

  it('reads --cluster SUBCOMMAND, its node and the --cluster-* options after it', () => {
    const a = parseRedisArgs(['redis-cli', '--cluster', 'REBALANCE', 'redis-cluster:6379', '--cluster-weight', 'abc=2', 'def=0.5', '--cluster-threshold', '5', '--cluster-use-empty-masters', '--cluster-simulate']);
    assert.deepEqual([a.mode, a.clusterCommand, a.clusterArgs], ['cluster', 'rebalance', ['redis-cluster:6379']]);
    assert.deepEqual(a.clusterOptions.weights, ['abc=2', 'def=0.5']);
    assert.deepEqual([a.clusterOptions.threshold, a.clusterOptions.useEmptyMasters, a.clusterOptions.simulate], [5, true, true]);
    assert.equal(parseRedisArgs(['redis-cli', '--cluster', 'info']).clusterArgs.length, 0);
  });

  it('plans streams as streams, rebalance as a change unless simulated', () => {
    for (const line of ['--stat', '--latency', '--latency-history -i 5', 'MONITOR', 'SUBSCRIBE news', 'psubscribe n*']) {
      assert.deepEqual([plan(line).native, plan(line).streams, plan(line).mutates], [true, true, false], line);
    }
    for (const line of ['--scan', '--bigkeys', '--memkeys', '--cluster info h:1', '--cluster check h:1']) {
      assert.deepEqual([plan(line).native, Boolean(plan(line).streams), plan(line).mutates], [true, false, false], line);
    }
    assert.equal(plan('--cluster rebalance h:1').mutates, true);
    assert.equal(plan('--cluster rebalance h:1').action, 'cluster rebalance');
    assert.equal(plan('--cluster rebalance h:1 --cluster-simulate').mutates, false);
    assert.equal(plan('--hotkeys').native, false);
    assert.deepEqual([plan('--cluster reshard h:1').native, plan('--cluster reshard h:1').mutates], [false, true]);
  });

  it('takes the cluster node from the arguments, else REDIS_CLUSTER_URL, and maps it through RUNBOOK_HOSTS', () => {
    const s = resolveSettings(parseRedisArgs(['redis-cli', '--cluster', 'check']), { REDIS_URL: 'redis://127.0.0.1:1', REDIS_CLUSTER_URL: 'redis://127.0.0.1:7000', RUNBOOK_HOSTS: 'redis-cluster:6379=127.0.0.1:21234' });
    assert.deepEqual(clusterHost([], s), { host: '127.0.0.1', port: 7000 });
    assert.deepEqual(clusterHost(['redis-cluster:6379'], s), { host: 'redis-cluster', port: 6379 });
    assert.deepEqual(clusterHost(['10.0.0.1', '7001'], s), { host: '10.0.0.1', port: 7001 });
    assert.equal(clusterHost(['nohost'], s), undefined);
    assert.deepEqual(dialAddress({ ...s, host: 'redis-cluster', port: 6379 }), { host: '127.0.0.1', port: 21234 });
    assert.deepEqual(dialAddress({ ...s, host: 'redis-cluster', port: 6380 }), { host: 'redis-cluster', port: 6380 });
  });

  it('names the node given to --cluster in the confirmation', async () => {
    const ctx = { env: { REDIS_CLUSTER_URL: 'redis://127.0.0.1:7000' }, session: undefined as never, cwd: '.' };
    const named = await redisTool.parse(['redis-cli', '--cluster', 'rebalance', 'prod-cache:6379'], {}).target!(ctx);
    assert.deepEqual([named?.label, named?.name], ['redis prod-cache:6379 db 0', 'prod-cache:6379']);
    const bare = await redisTool.parse(['redis-cli', '--cluster', 'rebalance'], {}).target!(ctx);
    assert.equal(bare?.label, 'redis 127.0.0.1:7000 db 0');
    assert.equal(bare?.details?.from, 'REDIS_CLUSTER_URL');
  });
});

function node(name: string, from: number, to: number, weight = 1): ClusterNode {
  const slots = new Set<number>();
  for (let s = from; s <= to; s++) slots.add(s);
  return { host: '127.0.0.1', port: 7000, announcedHost: '127.0.0.1', announcedPort: 7000, name, flags: ['master'], slots, migrating: [], importing: [], replicasCount: 0, weight, balance: 0, conn: undefined as never, nodesText: '' };
}

describe('redis-cli --cluster rebalance arithmetic', () => {
  it('finds nothing to do within the threshold', () => {
    assert.equal(planRebalance([node('a', 0, 5460), node('b', 5461, 10922), node('c', 10923, 16383)], 2, false), undefined);
  });

  it('moves the lowest slots of the fullest node to the emptiest, rounding like redis-cli', () => {
    const nodes = [node('a', 0, 5460, 2), node('b', 5461, 10922), node('c', 10923, 16383)];
    const p = planRebalance(nodes, 2, false)!;
    assert.equal(p.totalWeight, 4);
    assert.deepEqual(p.moves.map((m) => [m.from.name, m.to.name, m.slots.length]), [['b', 'a', 1366], ['c', 'a', 1365]]);
    assert.deepEqual(p.moves[0]!.slots.slice(0, 2), [5461, 5462]);
  });

  it('leaves empty masters out unless --cluster-use-empty-masters', () => {
    const nodes = () => [node('a', 0, 8191), node('b', 8192, 16383), node('e', 1, 0)];
    assert.equal(planRebalance(nodes(), 2, false), undefined);
    const p = planRebalance(nodes(), 2, true)!;
    assert.equal(p.moves.reduce((n, m) => n + m.slots.length, 0), 5462);
    assert.ok(p.moves.every((m) => m.to.name === 'e'));
  });

  it('a lower threshold sees the one extra slot', () => {
    const p = planRebalance([node('a', 0, 5460), node('b', 5461, 10922), node('c', 10923, 16383)], Math.fround(0.001), false)!;
    assert.deepEqual(p.moves.map((m) => [m.from.name, m.to.name, m.slots.length]), [['b', 'a', 1]]);
  });
});

describe('redis-cli cluster manager text', () => {
  it('writes slot ranges and compares configurations as redis-cli does', () => {
    assert.equal(slotRanges(new Set([0, 1, 2, 5, 7, 8])), '[0-2],[5],[7-8]');
    assert.equal(slotRanges(new Set()), '');
    const a = 'id1 127.0.0.1:1@2 myself,master - 0 0 1 connected 0-10 20\nid2 127.0.0.1:3@4 master - 0 0 2 connected 11-19 [5->-id2]\n';
    const b = 'id2 127.0.0.1:3@4 myself,master - 0 0 2 connected 11-19\nid1 127.0.0.1:1@2 master - 0 0 1 connected 20 0-10\n';
    assert.equal(configSignature(a), 'id1:0-10,20|id2:11-19');
    assert.equal(configSignature(a), configSignature(b));
  });

  it('lists --bigkeys types in redis-cli 7.0\'s table order', () => {
    assert.deepEqual(typeOrder(0).slice(0, 2), ['hash', 'list']);
    assert.deepEqual(typeOrder(1).slice(0, 3), ['string', 'list', 'hash']);
    assert.deepEqual(typeOrder(2), ['list', 'hash', 'string', 'stream', 'set', 'zset']);
  });
});

describe('redis-cli --stat and --latency lines', () => {
  const info = '# Server\r\nloading:0\r\nused_memory:1536\r\nconnected_clients:3\r\nblocked_clients:0\r\ntotal_connections_received:12\r\ntotal_commands_processed:105\r\nbgsave_in_progress:1\r\naof_rewrite_in_progress:0\r\n# Keyspace\r\ndb0:keys=5,expires=0,avg_ttl=0\r\ndb2:keys=7,expires=1,avg_ttl=3\r\n';

  it('reads INFO as redis-cli does and pads the columns', () => {
    assert.equal(infoNumber(info, 'db2:keys'), 7);
    assert.equal(infoNumber(info, 'db1:keys'), undefined);
    const first = statLine(info, 0);
    assert.equal(first.line, '12         1.50K    3       0       105 (+0)            12          SAVE\n');
    assert.equal(statLine(info, 100).line.slice(36, 55), '105 (+5)           ');
  });

  it('keeps min, max and the average of whole milliseconds', () => {
    const s: LatencyStats = { min: 0, max: 0, total: 0, count: 0 };
    for (const ms of [1, 0, 0, 5]) addSample(s, ms);
    assert.equal(standardLine(s), 'min: 0, max: 5, avg: 1.50 (4 samples)');
    assert.equal(rawLine(s), '0 5 1.50 4\n');
  });

  it('rounds like printf', () => {
    assert.equal(fixed(1.125, 2), '1.12');
    assert.equal(fixed(1.375, 2), '1.38');
    assert.equal(fixed(2 / 3, 2), '0.67');
    assert.equal(zeroPadded(5.5, 5, 2), '05.50');
    assert.equal(zeroPadded(100, 5, 2), '100.00');
    assert.equal(bytesToHuman(1023), '1023B');
    assert.equal(bytesToHuman(1024 * 1024 * 1.5), '1.50M');
  });
});

describe('the RESP reader for streams', () => {
  it('reads replies split anywhere, and waits for the rest', () => {
    const wire = Buffer.from('+OK\r\n*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$5\r\nhe\r\nl\r\n:3\r\n-ERR x\r\n$-1\r\n');
    const all = parseReplies(wire);
    assert.equal(all.rest, wire.length);
    assert.deepEqual(all.replies.map((r) => r.type), ['status', 'array', 'int', 'error', 'nil']);
    const arr = all.replies[1]!;
    assert.ok(arr.type === 'array' && arr.items[2]!.type === 'bulk' && arr.items[2]!.value.toString() === 'he\r\nl');
    const part = parseReplies(wire.subarray(0, 20));
    assert.deepEqual([part.replies.length, part.rest], [1, 5]);
    assert.equal(encodeCommand(['GET', 'k']).toString(), '*2\r\n$3\r\nGET\r\n$1\r\nk\r\n');
    assert.throws(() => parseReplies(Buffer.from('HTTP/1.1 400 Bad Request\r\n')), /^Error: Protocol error, got "H" as reply type byte$/);
  });
});
