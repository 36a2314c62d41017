// What INFO says about a server's memory use against maxmemory and its cache
// hit rate (which INFO does not print: there is no hit_rate field). redis-cli
// cells and the health view read INFO through here, so they measure alike.

import type { RedisMemoryData, RedisStatsData } from '../../results/toolData';

/** A numeric `name:value` line of INFO, found by position (no pattern built for every INFO a cell prints). */
export function infoField(info: string, name: string): number | undefined {
  const key = `${name}:`;
  const first = info.startsWith(key);
  const found = first ? 0 : info.indexOf(`\n${key}`);
  if (found < 0) return undefined;
  const start = first ? key.length : found + 1 + key.length;
  let end = start;
  while (end < info.length && info.charCodeAt(end) >= 48 && info.charCodeAt(end) <= 57) end++;
  // A whole number up to the end of its line.
  if (end === start || (end < info.length && info[end] !== '\r' && info[end] !== '\n')) return undefined;
  return Number(info.slice(start, end));
}

export function hitRate(hits: number, misses: number): number | undefined {
  return hits + misses > 0 ? hits / (hits + misses) : undefined;
}

/** used_memory and maxmemory (INFO memory), when both are there. */
export function infoMemory(info: string): RedisMemoryData | undefined {
  const usedMemory = infoField(info, 'used_memory');
  const maxMemory = infoField(info, 'maxmemory');
  return usedMemory !== undefined && maxMemory !== undefined ? { kind: 'redis-memory', usedMemory, maxMemory } : undefined;
}

/** keyspace_hits and keyspace_misses (INFO stats) and their hit rate, when both are there. */
export function infoStats(info: string): RedisStatsData | undefined {
  const keyspaceHits = infoField(info, 'keyspace_hits');
  const keyspaceMisses = infoField(info, 'keyspace_misses');
  if (keyspaceHits === undefined || keyspaceMisses === undefined) return undefined;
  return { kind: 'redis-stats', keyspaceHits, keyspaceMisses, hitRate: hitRate(keyspaceHits, keyspaceMisses) ?? null };
}
