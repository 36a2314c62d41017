// Process groups for the e2e servers: each starts detached in a group of its
// own, dies with this process (parent-death signal through `setpriv`, and a
// synchronous group kill on exit), and is stopped as a whole group.
// Every process started for one e2e run carries RUNBOOK_E2E_RUN in its
// environment, so what is left behind can be found precisely afterwards.

import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export const RUN_TOKEN_VAR = 'RUNBOOK_E2E_RUN';

const groups = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pgid of groups) signalGroup(pgid, 'SIGKILL');
  });
}

function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // the group is gone
  }
}

function groupAlive(pgid: number): boolean {
  return signalGroup(pgid, 0 as unknown as NodeJS.Signals);
}

const hasSetpriv = existsSync('/usr/bin/setpriv');

/** Starts `command` detached in its own process group, tied to this process's life. */
export function spawnGroup(command: string, args: string[], options: SpawnOptions): ChildProcess {
  installExitHook();
  const [cmd, argv] = hasSetpriv ? ['setpriv', ['--pdeathsig=TERM', '--', command, ...args]] : [command, args];
  const child = spawn(cmd, argv as string[], { ...options, detached: true });
  if (child.pid) groups.add(child.pid);
  return child;
}

/** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves when no member is left. */
export async function stopGroup(pgid: number | undefined, graceMs = 5000): Promise<void> {
  if (!pgid) return;
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
  if (groupAlive(pgid)) {
    signalGroup(pgid, 'SIGKILL');
    const hardDeadline = Date.now() + 5000;
    while (groupAlive(pgid) && Date.now() < hardDeadline) await sleep(50);
  }
  groups.delete(pgid);
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether 127.0.0.1:port can be bound right now. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface LeftOver {
  pid: number;
  /** Its parent's pid, to tell what started it. */
  ppid: number;
  command: string;
}

/** The parent pid of a process, from /proc/PID/stat (the field after the state, past the command in parentheses). */
function parentPid(pid: string): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/**
 * Processes whose environment carries `RUNBOOK_E2E_RUN=<token>` (ours, left
 * running). The runner's own esbuild service (its TypeScript loader's, or a
 * bundle's whose stop() has not finished) is not one: it reads the runner's
 * stdin pipe and ends with the runner, so it cannot outlive the run.
 */
export function processesOfRun(token: string): LeftOver[] {
  const needle = `${RUN_TOKEN_VAR}=${token}`;
  const found: LeftOver[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${name}/environ`, 'latin1').split('\0');
      if (!environ.includes(needle)) continue;
      const argv = readFileSync(`/proc/${name}/cmdline`, 'latin1').split('\0');
      const ppid = parentPid(name);
      if (ppid === process.pid && /(^|\/)esbuild$/.test(argv[0] ?? '') && argv.some((a) => a.startsWith('--service'))) continue;
      found.push({ pid: Number(name), ppid, command: argv.join(' ').trim().slice(0, 160) });
    } catch {
      // the process ended while we looked, or is not ours to read
    }
  }
  return found;
}

/** Kills leftovers of a run by pid (SIGKILL); returns what was found. */
export function killProcessesOfRun(token: string): LeftOver[] {
  const left = processesOfRun(token);
  for (const p of left) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return left;
}

/** Runs a short command synchronously; returns its output or throws with it. */
export function runSync(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): string {
  const result = spawnSync(command, args, { ...options, encoding: 'utf8', timeout: options.timeoutMs ?? 120_000 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${output}`);
  return output;
}
