// What `kubectl top` needs of the server before it reads any usage: the
// metrics.k8s.io API, and a valid --sort-by.

import { flagString } from './args';
import { KubectlError, type KubectlRun } from './session';

const METRICS_GROUP = 'metrics.k8s.io';

/** The path of the preferred version of metrics.k8s.io, or kubectl's error when the server has none. */
export async function metricsApi(run: KubectlRun): Promise<string> {
  const type = (await run.catalog()).types.find((t) => t.group === METRICS_GROUP);
  if (!type) throw new KubectlError('error: Metrics API not available');
  return `/apis/${METRICS_GROUP}/${type.version}`;
}

export function validateSortBy(run: KubectlRun): string {
  const sortBy = flagString(run.args, 'sort-by') ?? '';
  if (sortBy && sortBy !== 'cpu' && sortBy !== 'memory') throw new KubectlError('error: --sort-by accepts only cpu or memory');
  return sortBy;
}
