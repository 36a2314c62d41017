// Every scenario puts the cheap-to-check numbers (database connections, cache
// memory and hit rate, the PVC fill level the orchestrator sets) in its band
// of the sample runbook's thresholds. One postgres + redis sandbox per
// scenario, one after the other, each stopped even when an assertion fails.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pvcCapacityFor, SCENARIOS, startSandbox } from './index';
import { connectionTarget, MAX_CONNECTIONS } from './postgres';
import { levelAbove, levelBelow, runCli } from './testing';

function infoNumber(text: string, field: string): number {
  const m = new RegExp(`^${field}:(\\d+)`, 'm').exec(text);
  assert.ok(m, `INFO has ${field}`);
  return Number(m[1]);
}

describe('scenario bands', { timeout: 240_000 }, () => {
  for (const scenario of Object.values(SCENARIOS)) {
    it(`${scenario.name}: connections, cache memory, hit rate and PVC fill are ${scenario.name}`, { timeout: 90_000 }, async () => {
      const sb = await startSandbox({ scenario, services: ['postgres', 'redis'], quiet: true });
      try {
        const env = sb.env;
        const pg = await runCli('psql', ['-X', '-At', '-c', 'SELECT count(*) FROM pg_stat_activity', '-c', 'SHOW max_connections', '-c', "SELECT pg_database_size('tiktoktoe')"], env);
        assert.equal(pg.code, 0, pg.stderr);
        const [count, max, dbSize] = pg.stdout.trim().split('\n').map(Number);
        assert.equal(max, MAX_CONNECTIONS);
        assert.equal(count, connectionTarget(scenario.dbConnectionsPercent), 'pg_stat_activity rows, counting this session');
        assert.equal(levelAbove((100 * count!) / max!, 80, 90), scenario.name);

        const storagePercent = (100 * dbSize!) / pvcCapacityFor(dbSize!, scenario);
        assert.ok(Math.abs(storagePercent - scenario.dbStoragePercent) < 1, `${storagePercent}%`);
        assert.equal(levelAbove(storagePercent, 75, 90), scenario.name);

        const mem = await runCli('redis-cli', ['-u', env.REDIS_URL!, 'INFO', 'memory'], env);
        assert.equal(mem.code, 0, mem.stderr);
        const memPercent = (100 * infoNumber(mem.stdout, 'used_memory')) / infoNumber(mem.stdout, 'maxmemory');
        assert.ok(Math.abs(memPercent - scenario.cacheMemoryPercent) < 1.5, `used_memory is ${memPercent}% of maxmemory`);
        assert.equal(levelAbove(memPercent, 75, 90), scenario.name);

        const stats = await runCli('redis-cli', ['-u', env.REDIS_URL!, 'INFO', 'stats'], env);
        const hits = infoNumber(stats.stdout, 'keyspace_hits');
        const misses = infoNumber(stats.stdout, 'keyspace_misses');
        const hitPercent = (100 * hits) / (hits + misses);
        assert.equal(hitPercent, scenario.cacheHitRatePercent);
        assert.equal(levelBelow(hitPercent, 85, 70), scenario.name);
      } finally {
        await sb.stop();
      }
    });
  }
});
