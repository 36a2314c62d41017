// Structured results of INFO: memory use against maxmemory, and the cache hit
// rate, which INFO does not print (there is no hit_rate field).

import type { ToolContext } from '../../engine/tool';

/** A numeric `name:value` line of INFO, found by position (no pattern built for every INFO a cell prints). */
function field(info: string, name: string): number | undefined {
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

export function infoResults(ctx: Pick<ToolContext, 'emit' | 'note' | 'isTTY'>, info: string): void {
  const usedMemory = field(info, 'used_memory');
  const maxMemory = field(info, 'maxmemory');
  if (usedMemory !== undefined && maxMemory !== undefined) ctx.emit({ kind: 'redis-memory', usedMemory, maxMemory });
  const keyspaceHits = field(info, 'keyspace_hits');
  const keyspaceMisses = field(info, 'keyspace_misses');
  if (keyspaceHits === undefined || keyspaceMisses === undefined) return;
  const rate = hitRate(keyspaceHits, keyspaceMisses);
  ctx.emit({ kind: 'redis-stats', keyspaceHits, keyspaceMisses, hitRate: rate ?? null });
  // The tool cannot see which filter reads a pipe, so the note comes with every piped INFO stats.
  if (!ctx.isTTY) {
    const computed = rate === undefined ? 'no reads yet, so no hit rate' : `${(rate * 100).toFixed(1)} %`;
    ctx.note(
      `INFO stats has no hit_rate field, so \`grep hit_rate\` matches nothing. The hit rate is keyspace_hits / (keyspace_hits + keyspace_misses) = ${keyspaceHits} / ${keyspaceHits + keyspaceMisses}: ${computed}.`,
    );
  }
}
