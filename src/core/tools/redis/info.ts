// Structured results of INFO: memory use against maxmemory, and the cache hit
// rate, which INFO does not print (there is no hit_rate field).

import { infoMemory, infoStats } from '../../connections/redis';
import type { ToolContext } from '../../engine/tool';

export function infoResults(ctx: Pick<ToolContext, 'emit' | 'note' | 'isTTY'>, info: string): void {
  const memory = infoMemory(info);
  if (memory) ctx.emit(memory);
  const stats = infoStats(info);
  if (!stats) return;
  ctx.emit(stats);
  // The tool cannot see which filter reads a pipe, so the note comes with every piped INFO stats.
  if (!ctx.isTTY) {
    const { keyspaceHits, keyspaceMisses, hitRate: rate } = stats;
    const computed = rate === null ? 'no reads yet, so no hit rate' : `${(rate * 100).toFixed(1)} %`;
    ctx.note(
      `INFO stats has no hit_rate field, so \`grep hit_rate\` matches nothing. The hit rate is keyspace_hits / (keyspace_hits + keyspace_misses) = ${keyspaceHits} / ${keyspaceHits + keyspaceMisses}: ${computed}.`,
    );
  }
}
