// Structured results of INFO: memory use against maxmemory, and the cache hit
// rate, which INFO does not print (there is no hit_rate field).

import type { ToolContext } from '../../engine/tool';

function field(info: string, name: string): number | undefined {
  const m = new RegExp(`^${name}:(\\d+)\\r?$`, 'm').exec(info);
  return m ? Number(m[1]) : undefined;
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
