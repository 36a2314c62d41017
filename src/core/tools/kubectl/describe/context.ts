// What every describer gets: the run (for related requests such as events,
// pods or replica sets), the clock for times and ages, and the settings of
// the command line.

import type { KubectlRun } from '../session';
import type { Json } from './format';
import type { Clock } from './time';

export interface DescribeContext {
  run: KubectlRun;
  clock: Clock;
  showEvents: boolean;
  /** Page size of the lists a describer makes (--chunk-size; 0: no paging). */
  chunkSize: number;
}

/** Text for one object, ending with a newline, as the real describer prints it. */
export type Describer = (object: Json, ctx: DescribeContext) => Promise<string>;

/** Every page of a list, following `continue`. */
export async function listAll(ctx: DescribeContext, path: string, query: Record<string, string | undefined> = {}): Promise<Json[]> {
  const items: Json[] = [];
  let next: string | undefined;
  do {
    const page = await ctx.run.json<{ items?: Json[]; metadata?: { continue?: string } }>({
      path,
      query: { ...query, limit: ctx.chunkSize > 0 ? ctx.chunkSize : undefined, continue: next },
    });
    items.push(...(page.items ?? []));
    next = page.metadata?.continue || undefined;
  } while (next);
  return items;
}

export function namespacedPath(prefix: string, namespace: string | undefined, resource: string): string {
  return namespace ? `${prefix}/namespaces/${encodeURIComponent(namespace)}/${resource}` : `${prefix}/${resource}`;
}
