// The sandbox's scale settings: how many pods the simulated cluster runs, how
// many of them restart a second, and how many simulated clusters there are.
//   SANDBOX_PODS=N                 N pods over many deployments and namespaces (default: the runbook's few)
//   SANDBOX_CHURN_PER_SECOND=R     R pod restarts a second, as watch events (default 0)
//   SANDBOX_CLUSTERS=C             C simulated clusters, contexts sandbox, sandbox-2, ... (default 1)

export interface Scale {
  /** Pods in each simulated cluster; undefined: the runbook's world as it is. */
  pods?: number;
  churnPerSecond: number;
  clusters: number;
}

function read(env: NodeJS.ProcessEnv, name: string, min: number, integer: boolean): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
    throw new Error(`${name}=${raw} is not ${integer ? 'a whole number' : 'a number'} of at least ${min}`);
  }
  return n;
}

/** Reads SANDBOX_PODS, SANDBOX_CHURN_PER_SECOND and SANDBOX_CLUSTERS; a bad value is an error that names it. */
export function scaleFromEnv(env: NodeJS.ProcessEnv = process.env): Scale {
  return {
    pods: read(env, 'SANDBOX_PODS', 1, true),
    churnPerSecond: read(env, 'SANDBOX_CHURN_PER_SECOND', 0, false) ?? 0,
    clusters: read(env, 'SANDBOX_CLUSTERS', 1, true) ?? 1,
  };
}
