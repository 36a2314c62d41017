// Which pods, databases and caches a group is about. A binding maps a
// component to a selector; front matter gives it explicitly, otherwise the
// defaults apply (documented in docs/thresholds.md):
//   application group (kubernetes) → the Deployments the runbook's kubectl commands name
//   database group (postgres)      → the default connection, and pods named like postgres/postgresql/db
//   cache group (redis)            → the default connection
//   http group                     → every URL

import type { Component, ThresholdGroup } from './types';

export const DEFAULT_DATABASE_PODS = 'pod/*postgres*,pod/db-*,pod/*-db,pod/*-db-*';
export const DEFAULT_CACHE_PODS = 'pod/*redis*';
export const COMPONENTS: readonly Component[] = ['kubernetes', 'postgres', 'redis', 'http'];

/** Deployments named by kubectl commands: `deployment tiktok-toe`, `deploy/web`, `-l app=tiktok-toe`. */
export function deploymentsNamed(code: string): string[] {
  const names = new Set<string>();
  for (const line of code.split('\n')) {
    if (!/\b(kubectl|oc)\b/.test(line)) continue;
    for (const m of line.matchAll(/\b(?:deployments?|deploy)(?:\.apps)?(?:\/|\s+)([a-z0-9][a-z0-9.-]*)/g)) names.add(m[1]);
    for (const m of line.matchAll(/(?:-l\s*|--selector[=\s])['"]?(?:[^'"\s]*,)?(?:app|app\.kubernetes\.io\/name)=([a-z0-9][a-z0-9.-]*)/g)) names.add(m[1]);
  }
  return [...names];
}

export function defaultBinding(component: Component, deployments: readonly string[]): Record<string, string> {
  switch (component) {
    case 'kubernetes':
      return { kubernetes: deployments.length ? deployments.map((d) => `deployment/${d}`).join(',') : '*' };
    case 'postgres':
      return { postgres: 'default', kubernetes: DEFAULT_DATABASE_PODS };
    case 'redis':
      return { redis: 'default' };
    case 'http':
      return { http: '*' };
  }
}

/** Whether a pod (by name) belongs to a selector such as `deployment/web,statefulset/db,pod/*redis*`. */
export function selectsPod(selector: string, pod: string): boolean {
  return podSelector(selector)(pod);
}

/** A selector's test of pod names, its patterns compiled once: for judging many pods against it. */
export function podSelector(selector: string): (pod: string) => boolean {
  const patterns = selector.split(',').map((s) => s.trim()).flatMap((entry): RegExp[] => {
    const slash = entry.indexOf('/');
    if (slash < 0) return [];
    const kind = entry.slice(0, slash).toLowerCase().replace(/\.apps$/, '');
    const name = escapeRegex(entry.slice(slash + 1));
    switch (kind) {
      case 'deployment': case 'deployments': case 'deploy':
        return [new RegExp(`^${name}-[a-z0-9]{1,10}-[a-z0-9]{5}$`)];
      case 'statefulset': case 'statefulsets': case 'sts':
        return [new RegExp(`^${name}-\\d+$`)];
      case 'daemonset': case 'daemonsets': case 'ds': case 'replicaset': case 'replicasets': case 'rs':
        return [new RegExp(`^${name}-[a-z0-9]{5}$`)];
      case 'pod': case 'pods': case 'po':
        return [new RegExp(`^${entry.slice(slash + 1).split('*').map(escapeRegex).join('.*')}$`)];
      default:
        return [];
    }
  });
  return (pod) => patterns.some((pattern) => pattern.test(pod));
}

/** Whether a workload reference (`Deployment/tiktok-toe`, an HPA's target) is one the selector names. */
export function selectsWorkload(selector: string, workload: string): boolean {
  const [kind, name] = workload.toLowerCase().split('/');
  return selector.split(',').map((s) => s.trim().toLowerCase()).some((entry) => {
    const [k, n] = entry.split('/');
    if (n === undefined) return false;
    const sameKind = k.replace(/s$/, '').replace(/^deploy$/, 'deployment').replace(/^sts$/, 'statefulset') === kind;
    return sameKind && new RegExp(`^${n.split('*').map(escapeRegex).join('.*')}$`).test(name ?? '');
  });
}

/** The groups a pod belongs to: those whose selector names it, else groups with `*` when nobody claims it. */
export function groupsForPod(groups: readonly ThresholdGroup[], pod: string): ThresholdGroup[] {
  return podGroups(groups)(pod);
}

/** groupsForPod over the same groups for many pods, each group's selector compiled once. */
export function podGroups(groups: readonly ThresholdGroup[]): (pod: string) => ThresholdGroup[] {
  const bound = groups.flatMap((group) => (group.binding?.kubernetes && group.binding.kubernetes !== '*' ? [{ group, selects: podSelector(group.binding.kubernetes) }] : []));
  const anyPod = groups.filter((g) => g.binding?.kubernetes === '*');
  return (pod) => {
    const claimed = bound.filter((b) => b.selects(pod)).map((b) => b.group);
    return claimed.length ? claimed : [...anyPod];
  };
}

export function groupsForWorkload(groups: readonly ThresholdGroup[], workload: string): ThresholdGroup[] {
  const claimed = groups.filter((g) => g.binding?.kubernetes && g.binding.kubernetes !== '*' && selectsWorkload(g.binding.kubernetes, workload));
  if (claimed.length) return claimed;
  return groups.filter((g) => g.binding?.kubernetes === '*');
}

/**
 * Groups bound to a connection (postgres/redis/http). `default`, `primary` and `*` take every
 * connection; any other value must appear in the target (host, host:port, database or URL).
 */
export function groupsForTarget(groups: readonly ThresholdGroup[], component: 'postgres' | 'redis' | 'http', target: { label?: string; details?: Record<string, string> } | undefined): ThresholdGroup[] {
  const bound = groups.filter((g) => g.binding?.[component] !== undefined || (g.component === component && !g.binding));
  const matching = bound.filter((g) => {
    const value = g.binding?.[component];
    if (value === undefined || ['default', 'primary', '*', ''].includes(value.trim().toLowerCase())) return true;
    const details = target?.details ?? {};
    const haystack = [target?.label ?? '', ...Object.values(details), details.host && details.port ? `${details.host}:${details.port}` : ''];
    return value.split(',').some((v) => haystack.some((h) => h && h.includes(v.trim())));
  });
  // An http measurement with no http group goes to the application group (the app answers its URLs).
  if (component === 'http' && matching.length === 0) return groups.filter((g) => g.component === 'kubernetes');
  return matching;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
