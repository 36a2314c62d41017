// The large-output cases, each on data of its own (never the scenario's):
// 100,000 log lines from a chatty pod in a namespace of its own on a
// Kubernetes simulator of its own, a 50,000-row query that reads no table
// (generate_series on the sandbox's PostgreSQL), and 100,000 keys in a
// throwaway redis-server scanned with --scan. For the integration test and
// the bench alike.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startThrowawayRedis } from '../core/tools/redis/server';
import { startKubeSimulator } from '../sandbox/kube';
import { LOG_LINES_ANNOTATION } from '../sandbox/kube/loglines';
import { SCENARIOS } from '../sandbox/scenario';
import type { Session } from '../../src/core/engine';
import { Runbook } from '../../src/core/runbook';
import { RunbookRunner } from '../../src/core/runner';
import { BreachTracker } from '../../src/core/thresholds';
import { createRegistry } from '../../src/core/tools';
import { runReal } from './engine';

export const LOG_LINES = 100_000;
export const QUERY_ROWS = 50_000;
export const SCAN_KEYS = 100_000;

export interface LargeCase {
  name: string;
  /** The command line, as a cell and as bash run it. */
  command: string;
  /** A word to count lines of through `grep`. */
  grep: string;
  env: Record<string, string | undefined>;
  /** Lines the real CLI prints for `command` (its own header and footer lines included). */
  lines: number;
}

export interface LargeFixture {
  cases: LargeCase[];
  stop(): Promise<void>;
}

/**
 * `env`: the sandbox's PostgreSQL settings (PGHOST, PGPORT, PGUSER, PGPASSWORD), and a KUBECONFIG to put the chatty pod
 * in (a bench's own sandbox, its simulator in another process); without one, a simulator of its own in this process.
 */
export async function startLargeOutputs(env: Record<string, string | undefined>, options: { kubeconfig?: string } = {}): Promise<LargeFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'large-outputs-'));
  const namespace = `chatty-${process.pid}`;
  const [sim, redis] = await Promise.all([options.kubeconfig ? undefined : startKubeSimulator({ scenario: SCENARIOS.normal }), startThrowawayRedis()]);
  const stop = async () => {
    await Promise.all([sim?.stop(), redis.stop()]);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const kubeconfig = options.kubeconfig ?? join(dir, 'kubeconfig');
    await sim?.writeKubeconfig(kubeconfig);
    const base = { PATH: process.env.PATH, HOME: dir, LANG: 'C.UTF-8' };
    const kubeEnv = { ...base, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(dir, 'cache') };
    const pod = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${namespace}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: chatty\n  namespace: ${namespace}\n  annotations: {${LOG_LINES_ANNOTATION}: "${LOG_LINES}"}\nspec:\n  containers:\n  - {name: worker, image: busybox}\n`;
    await must(runReal(`kubectl apply -f - <<'EOF'\n${pod}EOF\nkubectl -n ${namespace} wait --for=condition=Ready pod/chatty --timeout=20s`, kubeEnv));
    const redisEnv = { ...base };
    await must(runReal(`redis-cli -p ${redis.port} EVAL "for i = 1, tonumber(ARGV[1]) do redis.call('SET', 'key:' .. i, i) end return 0" 0 ${SCAN_KEYS}`, redisEnv));
    const { PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE } = env;
    const psqlEnv = { ...base, PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PAGER: 'cat', PSQL_PAGER: undefined };
    return {
      cases: [
        // startup line + LOG_LINES steady ones: the generic profile's `started`, then its ticks and warnings.
        { name: 'kubectl logs, 100,000 lines', command: `kubectl -n ${namespace} logs chatty`, grep: 'ERROR', env: kubeEnv, lines: LOG_LINES + 1 },
        // header, rule, rows, row count, blank line.
        { name: 'psql, 50,000 rows', command: `psql -c "SELECT g AS id, md5(g::text) AS digest FROM generate_series(1, ${QUERY_ROWS}) AS g"`, grep: 'ab', env: psqlEnv, lines: QUERY_ROWS + 4 },
        { name: 'redis-cli --scan, 100,000 keys', command: `redis-cli -p ${redis.port} --scan`, grep: 'key:9', env: redisEnv, lines: SCAN_KEYS },
      ],
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function must(run: Promise<{ exitCode: number; stderr: string; stdout: string }>): Promise<void> {
  const { exitCode, stderr, stdout } = await run;
  if (exitCode !== 0) throw new Error(`fixture setup failed (${exitCode}): ${stderr || stdout}`);
}

/** `command` as the one cell of a runbook, run as a notebook runs it (through the runner, every change allowed). */
export function oneCellRunner(command: string, session: Session, maxOutputLines?: number): { runner: RunbookRunner; index: number } {
  const runbook = Runbook.fromMarkdown(`# Large\n\n\`\`\`bash\n${command}\n\`\`\`\n`);
  const runner = new RunbookRunner({
    runbook: () => runbook,
    session,
    registry: createRegistry(),
    tracker: new BreachTracker(),
    isTTY: false,
    hooks: { resolve: async () => undefined, confirm: async () => true },
    policy: { continueOnFailure: false, stopOnCritical: false },
    ...(maxOutputLines !== undefined ? { maxOutputLines } : {}),
  });
  return { runner, index: runbook.codeCells[0].index };
}
