// The sandbox in a process of its own (as `npm run sandbox`), so that its
// servers and their logs never share the bench's event loop: started with the
// services a bench needs, ready once its env file is written, stopped with
// SIGINT (it exits with its stdin too, should the bench die first).

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnvFile } from '../test/sandbox/envfile';
import { ROOT } from './root';

export interface SandboxProcess {
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** `services`: as SANDBOX_SERVICES takes them, e.g. `postgres,redis,s3`. */
export async function startSandboxProcess(services: string, name: string): Promise<SandboxProcess> {
  const dir = mkdtempSync(join(tmpdir(), `bench-${name}-`));
  const envFile = join(dir, 'env');
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'sandbox', 'main.ts')], {
    env: { ...process.env, SANDBOX_ENV_FILE: envFile, SANDBOX_SERVICES: services, SANDBOX_EXIT_WITH_STDIN: '1' },
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 120_000;
  while (!existsSync(envFile)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('the sandbox did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    env: readEnvFile(envFile),
    stop: async () => {
      child.kill('SIGINT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
