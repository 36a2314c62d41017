// The floor for bench:health's first model: the same lists the cache makes
// (every watched type, `limit=500` pages, warning events only) and the same
// metrics reads, over plain HTTP on one kept-alive agent, each page parsed
// only for its continue token. Types are fetched side by side, as the cache's
// collections list.

import http from 'node:http';
import { KUBE_RESOURCES } from '../src/core/health/kube';

const METRICS = ['/apis/metrics.k8s.io/v1beta1/pods', '/apis/metrics.k8s.io/v1beta1/nodes'];

function get(agent: http.Agent, url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent, headers: { Accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`${url}: ${res.statusCode}`))));
    }).on('error', reject);
  });
}

async function pages(agent: http.Agent, server: string, path: string, fieldSelector?: string): Promise<number> {
  let items = 0;
  let token: string | undefined;
  do {
    const query = new URLSearchParams({ limit: '500' });
    if (token) query.set('continue', token);
    if (fieldSelector) query.set('fieldSelector', fieldSelector);
    const page = JSON.parse(await get(agent, `${server}${path}?${query}`)) as { metadata?: { continue?: string }; items?: unknown[] };
    items += page.items?.length ?? 0;
    token = page.metadata?.continue || undefined;
  } while (token);
  return items;
}

/** Fetches every list and the metrics; returns how many pods were listed. */
export async function rawLists(server: string): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Object.keys(KUBE_RESOURCES).length + 4 });
  try {
    const [pods] = await Promise.all([
      pages(agent, server, KUBE_RESOURCES.pods.path),
      ...Object.values(KUBE_RESOURCES).filter((r) => r.name !== 'pods').map((r) => pages(agent, server, r.path, r.fieldSelector)),
      ...METRICS.map((path) => get(agent, server + path).then((text) => JSON.parse(text))),
    ]);
    return pods as number;
  } finally {
    agent.destroy();
  }
}
