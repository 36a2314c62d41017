// `npm run sandbox`: starts every sandbox service in the foreground, writes
// the env file once all are ready, and on Ctrl-C (SIGINT), SIGTERM or SIGHUP
// stops them and removes their data.
//   SANDBOX_SCENARIO  normal | warning | critical (default normal)
//   SANDBOX_ENV_FILE  where to write the env file (default <repo>/.sandbox/env)
//   SANDBOX_TMPDIR    parent of the data directory (default the system temp dir)
//   SANDBOX_SERVICES  comma-separated subset of: postgres, redis, redis-cluster,
//                     s3, cloudfront, https, kube (default all)
//   SANDBOX_PODS, SANDBOX_CHURN_PER_SECOND, SANDBOX_CLUSTERS  the simulated
//                     clusters' size, pod restarts a second and number (scale.ts)
//   SANDBOX_EXIT_WITH_STDIN=1  also stop when standard input closes (for a
//                     parent process that may die without signalling us)
import { existsSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_SERVICES, startSandbox, sweepStaleSandboxes, type Sandbox, type ServiceName } from './index';
import { readEnvFile } from './envfile';
import { scenarioFromEnv } from './scenario';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function table(sb: Sandbox): string {
  const w = Math.max(...sb.services.map((s) => s.name.length));
  const a = Math.max(...sb.services.map((s) => s.address.length));
  return sb.services.map((s) => `  ${s.name.padEnd(w)}  ${s.address.padEnd(a)}  ${s.detail}`).join('\n');
}

function servicesFromEnv(): ServiceName[] | undefined {
  const raw = process.env.SANDBOX_SERVICES?.trim();
  if (!raw) return undefined;
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) {
    if (!ALL_SERVICES.includes(n as ServiceName)) throw new Error(`SANDBOX_SERVICES: unknown service ${n}; use: ${ALL_SERVICES.join(', ')}`);
  }
  return names as ServiceName[];
}

async function main(): Promise<void> {
  const envFilePath = process.env.SANDBOX_ENV_FILE || `${repoRoot}.sandbox/env`;
  const scenario = scenarioFromEnv();
  const services = servicesFromEnv();

  if (existsSync(envFilePath)) {
    const owner = Number(readEnvFile(envFilePath).SANDBOX_PID);
    if (owner > 0 && owner !== process.pid && pidAlive(owner)) {
      throw new Error(`a sandbox (pid ${owner}) is already running with env file ${envFilePath}; stop it first or set SANDBOX_ENV_FILE`);
    }
    rmSync(envFilePath, { force: true }); // stale: its services are gone
  }
  for (const dir of sweepStaleSandboxes(process.env.SANDBOX_TMPDIR || undefined)) {
    process.stderr.write(`[sandbox] removed data left by a killed sandbox: ${dir}\n`);
  }

  let sandbox: Sandbox | undefined;
  let stopRequested = false;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the sandbox...\n`);
    const t = Date.now();
    await sandbox?.stop();
    process.stdout.write(`sandbox stopped in ${Date.now() - t} ms; its data is removed\n`);
    process.exit(0);
  };
  /** A signal, or stdin closing (`urgent` false: repeats of it never force anything). */
  const onSignal = (signal: string, urgent = true) => {
    if (stopping) {
      if (!urgent) return;
      process.stderr.write(`${signal} again: killing the servers now\n`);
      sandbox?.kill();
      process.exit(130);
    }
    if (!sandbox) {
      if (stopRequested && urgent) process.exit(130); // the exit hook SIGKILLs every server group
      stopRequested = true;
      process.stderr.write(`${signal}: will stop as soon as startup finishes (again to kill now)\n`);
      return;
    }
    void shutdown(signal);
  };
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, () => onSignal(s));
  if (process.env.SANDBOX_EXIT_WITH_STDIN === '1') {
    process.stdin.on('end', () => onSignal('stdin closed', false));
    process.stdin.on('error', () => onSignal('stdin closed', false));
    process.stdin.resume();
  }

  process.stdout.write(`Starting the Runbook sandbox (scenario: ${scenario.name})...\n`);
  sandbox = await startSandbox({ scenario, services, envFilePath, dir: process.env.SANDBOX_TMPDIR || undefined });
  if (stopRequested) return shutdown('SIGINT');

  const shown = relative(process.cwd(), envFilePath) || envFilePath;
  process.stdout.write(
    [
      `Runbook sandbox ready in ${(sandbox.startupMs / 1000).toFixed(1)}s (scenario: ${scenario.name})`,
      table(sandbox),
      `  data: ${sandbox.dir}`,
      `env file: ${envFilePath}`,
      `  load it in a shell:  . ${shown.startsWith('.') || shown.startsWith('/') ? shown : `./${shown}`}`,
      `  then e.g.: psql -c 'SELECT * FROM pg_stat_replication'; redis-cli -u "$REDIS_URL" INFO memory;`,
      `             aws s3 ls s3://archive-bucket/; curl --connect-to "$SANDBOX_CURL_CONNECT_TO" https://api.tiktok-toe.com/health`,
      'Ctrl-C stops every service and removes its data.',
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`sandbox: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
