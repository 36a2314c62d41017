// The reply formatter against literal redis-cli 7 output, and the parts of
// the tool that need no server: options, plan, target, INFO results.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRedisArgs } from '../../../../src/core/tools/redis/args';
import { formatReply, formatTTY, quote, toReply, type Reply } from '../../../../src/core/tools/redis/format';
import { redisTarget, resolveSettings } from '../../../../src/core/tools/redis/connect';
import { infoResults } from '../../../../src/core/tools/redis/info';
import { redisTool } from '../../../../src/core/tools/redis';
import type { ToolData } from '../../../../src/core/results/toolData';

const bulk = (s: string): Reply => ({ type: 'bulk', value: Buffer.from(s, 'latin1') });
const arr = (...items: Reply[]): Reply => ({ type: 'array', items });
const int = (n: number): Reply => ({ type: 'int', value: String(n) });

describe('redis-cli reply formatting', () => {
  it('prints scalars as a terminal shows them', () => {
    assert.equal(formatTTY(int(1)), '(integer) 1\n');
    assert.equal(formatTTY({ type: 'nil' }), '(nil)\n');
    assert.equal(formatTTY({ type: 'status', value: 'OK' }), 'OK\n');
    assert.equal(formatTTY({ type: 'error', value: "ERR unknown command 'foo'" }), "(error) ERR unknown command 'foo'\n");
    assert.equal(formatTTY(arr()), '(empty array)\n');
    assert.equal(formatTTY(bulk('hello')), '"hello"\n');
  });

  it('quotes strings with C escapes', () => {
    assert.equal(quote(Buffer.from('a"b\\c\n\r\t\x07\x08', 'latin1')), '"a\\"b\\\\c\\n\\r\\t\\a\\b"');
    assert.equal(quote(Buffer.from([0x00, 0x7f, 0xc3, 0xa9])), '"\\x00\\x7f\\xc3\\xa9"');
  });

  it('numbers arrays, pads the index to the widest one and indents nested arrays', () => {
    assert.equal(formatTTY(arr(bulk('a'), bulk('b c'))), '1) "a"\n2) "b c"\n');
    const ten = arr(...Array.from({ length: 10 }, (_, i) => int(i)));
    assert.equal(formatTTY(ten).split('\n').slice(8, 10).join('\n'), ' 9) (integer) 8\n10) (integer) 9');
    const nested = arr(arr(int(0), int(5460), arr(bulk('127.0.0.1'), int(7000))), arr(int(5461), int(10922)));
    assert.equal(
      formatTTY(nested),
      '1) 1) (integer) 0\n   2) (integer) 5460\n   3) 1) "127.0.0.1"\n      2) (integer) 7000\n2) 1) (integer) 5461\n   2) (integer) 10922\n',
    );
    assert.equal(formatTTY(arr(arr())), '1) (empty array)\n');
  });

  it('prints raw replies one value a line, errors with an extra newline', () => {
    assert.equal(formatReply(arr(bulk('a'), bulk('n\nl')), { raw: true, verbatim: false }), 'a\nn\nl\n');
    assert.equal(formatReply({ type: 'nil' }, { raw: true, verbatim: false }), '\n');
    assert.equal(formatReply(arr(), { raw: true, verbatim: false }), '\n');
    assert.equal(formatReply(int(42), { raw: true, verbatim: false }), '42\n');
    assert.equal(formatReply({ type: 'error', value: 'ERR x' }, { raw: true, verbatim: false }), 'ERR x\n\n');
    assert.equal(formatReply(arr(arr(int(1), int(2)), int(3)), { raw: true, verbatim: false }), '1\n2\n3\n');
  });

  it('prints INFO as it is, on a terminal too', () => {
    const info = bulk('# Memory\r\nused_memory:100\r\n');
    assert.equal(formatReply(info, { raw: false, verbatim: true }), '# Memory\r\nused_memory:100\r\n');
  });

  it('reads ioredis replies', () => {
    assert.deepEqual(toReply(Buffer.from('OK'), true), { type: 'status', value: 'OK' });
    assert.deepEqual(toReply('12'), int(12));
    assert.deepEqual(toReply(null), { type: 'nil' });
    assert.deepEqual(toReply([Buffer.from('x'), 3]), arr(bulk('x'), int(3)));
  });
});

describe('redis-cli options and plan', () => {
  it('reads host flags, URIs (an empty user is a user) and REDISCLI_AUTH', () => {
    const a = parseRedisArgs(['redis-cli', '-h', 'cache', '-p', '7000', '-n', '2', 'GET', 'k']);
    assert.deepEqual([a.host, a.port, a.db, a.command], ['cache', 7000, 2, ['GET', 'k']]);
    const u = parseRedisArgs(['redis-cli', '-u', 'redis://:s%40cret@10.0.0.1:6380/4', 'PING']);
    assert.deepEqual([u.user, u.pass, u.host, u.port, u.db], ['', 's@cret', '10.0.0.1', 6380, 4]);
    const s = resolveSettings(parseRedisArgs(['redis-cli', 'PING']), { REDIS_URL: 'redis://127.0.0.1:7001', REDISCLI_AUTH: 'pw' });
    assert.deepEqual([s.host, s.port, s.pass, s.from], ['127.0.0.1', 7001, 'pw', 'REDIS_URL']);
    const d = resolveSettings(parseRedisArgs(['redis-cli', 'PING']), {});
    assert.deepEqual([d.host, d.port], ['127.0.0.1', 6379]);
    const c = resolveSettings(parseRedisArgs(['redis-cli', 'cluster', 'info']), { REDIS_URL: 'redis://h:1', REDIS_CLUSTER_URL: 'redis://h:2' });
    assert.equal(c.port, 2);
    assert.throws(() => parseRedisArgs(['redis-cli', '-Z', 'PING']), /Unrecognized option or bad number of args for: '-Z'/);
  });

  it('labels the target without the password', () => {
    const t = redisTarget(resolveSettings(parseRedisArgs(['redis-cli', '-a', 'secret', '-p', '6390', 'GET', 'k']), {}));
    assert.equal(t.label, 'redis 127.0.0.1:6390 db 0');
    assert.ok(!JSON.stringify(t).includes('secret'));
  });

  it('marks writes as mutating and reads as not', () => {
    const plan = (line: string) => redisTool.parse(['redis-cli', ...line.split(' ')], {}).plan;
    for (const w of ['SET k v', 'del k', 'CONFIG SET maxmemory 1gb', 'FLUSHALL', 'hset h f v']) assert.equal(plan(w).mutates, true, w);
    for (const r of ['GET k', 'INFO memory', 'config get maxmemory', 'CLUSTER INFO', 'lrange l 0 -1', 'ttl k']) assert.equal(plan(r).mutates, false, r);
    assert.equal(plan('CONFIG SET maxmemory 1gb').action, 'config set maxmemory');
    assert.deepEqual([plan('MONITOR').native, plan('MONITOR').streams, plan('MONITOR').mutates], [true, true, false]);
    assert.equal(plan('SYNC').native, false);
    assert.equal(redisTool.parse(['redis-cli'], {}).plan.native, false);
  });

  it('gives memory use and the hit rate as results', () => {
    const emitted: ToolData[] = [];
    const notes: string[] = [];
    const ctx = { emit: (d: ToolData) => emitted.push(d), note: (n: string) => notes.push(n), isTTY: false };
    infoResults(ctx, '# Memory\r\nused_memory:800\r\nmaxmemory:1000\r\n');
    infoResults(ctx, '# Stats\r\nkeyspace_hits:87\r\nkeyspace_misses:13\r\n');
    assert.deepEqual(emitted, [
      { kind: 'redis-memory', usedMemory: 800, maxMemory: 1000 },
      { kind: 'redis-stats', keyspaceHits: 87, keyspaceMisses: 13, hitRate: 0.87 },
    ]);
    assert.match(notes[0] ?? '', /no hit_rate field.*87\.0 %/);
  });

  it('reads INFO fields by their whole name, on any line, only when the value is a whole number', () => {
    const emitted: ToolData[] = [];
    const ctx = { emit: (d: ToolData) => emitted.push(d), note: () => undefined, isTTY: true };
    infoResults(ctx, 'used_memory_peak:9\r\nused_memory:800\r\nmaxmemory_policy:noeviction\r\nmaxmemory:0');
    infoResults(ctx, '# Memory\nused_memory:12\nmaxmemory:34\n');
    infoResults(ctx, '# Memory\r\nused_memory:1.5M\r\nmaxmemory:0\r\n');
    infoResults(ctx, '# Memory\r\nxused_memory:5\r\nmaxmemory:0\r\n');
    assert.deepEqual(emitted, [
      { kind: 'redis-memory', usedMemory: 800, maxMemory: 0 },
      { kind: 'redis-memory', usedMemory: 12, maxMemory: 34 },
    ]);
  });

  it('plans a command line by its words', () => {
    const plan = (...words: string[]) => redisTool.parse(['redis-cli', ...words], {}).plan;
    assert.equal(plan('GET', 'k').mutates, false);
    assert.equal(plan('SET', 'k', 'v').mutates, true);
    // One word with a space in it is not two words: 'GET k' is no command redis-cli knows, so it may write.
    assert.equal(plan('GET k').mutates, true);
    assert.equal(plan('GET', 'k').mutates, false);
  });
});
