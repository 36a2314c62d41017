// Which targets are production: glob patterns (`*prod*`, `prod-eu-*`,
// `db.internal:5432/*`) matched, without regard to case, against the names a
// target goes by: a Kubernetes context, cluster and server; a database's
// host and `host:port/db`; a Redis host and `host:port`; an AWS profile and
// account. The patterns come from `runbook.productionTargets` (VS Code) or
// RUNBOOK_PRODUCTION_TARGETS (the CLI), plus the runbook's own front matter
// (`production: [...]`).

import type { Target } from '../results';
import { globMatcher } from './glob';

/** What applies when nothing is configured: any name with `prod` in it. */
export const DEFAULT_PRODUCTION_TARGETS: readonly string[] = ['*prod*'];

export const PRODUCTION_TARGETS_VARIABLE = 'RUNBOOK_PRODUCTION_TARGETS';

/** RUNBOOK_PRODUCTION_TARGETS as patterns: comma-separated; unset is the default, set and empty is none. */
export function productionPatternsFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  const value = env[PRODUCTION_TARGETS_VARIABLE];
  if (value === undefined) return [...DEFAULT_PRODUCTION_TARGETS];
  return value.split(',').map((p) => p.trim()).filter(Boolean);
}

/** Every name a target goes by that a pattern may match. */
export function targetNames(target: Target): string[] {
  const d = target.details ?? {};
  const names: (string | undefined)[] = [target.name];
  switch (target.kind) {
    case 'kubernetes':
      names.push(d.context, d.cluster, d.server, hostOf(d.server));
      break;
    case 'postgres':
    case 'redis':
      names.push(d.host);
      break;
    case 's3':
    case 'cloudfront':
      names.push(d.profile, d.account);
      break;
  }
  return [...new Set(names.filter((n): n is string => Boolean(n)))];
}

/** The first pattern a name of the target matches, or undefined when none does (not production). */
export function productionMatch(target: Target, patterns: readonly string[]): { pattern: string; name: string } | undefined {
  if (!patterns.length) return undefined;
  const names = targetNames(target);
  if (!names.length) return undefined;
  for (const pattern of patterns) {
    const matches = globMatcher(pattern);
    const name = names.find((n) => matches(n));
    if (name) return { pattern, name };
  }
  return undefined;
}

/** The target, marked production or not by the patterns. */
export function judgeTarget<T extends Target | undefined>(target: T, patterns: readonly string[]): T {
  if (!target) return target;
  target.production = productionMatch(target, patterns) !== undefined;
  return target;
}

function hostOf(server: string | undefined): string | undefined {
  if (!server) return undefined;
  try {
    return new URL(server).hostname;
  } catch {
    return undefined;
  }
}
