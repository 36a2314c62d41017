// Child processes of the sandbox: every server runs as a direct child in a
// process group of its own, is tied to this process's life (parent-death
// signal through util-linux `setpriv`, plus a synchronous kill on exit), and
// writes its output to a log file in the sandbox directory.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export interface ServiceSpec {
  /** Short name used in logs and errors, e.g. `postgres-primary`. */
  name: string;
  command: string;
  args: string[];
  logFile: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Run as this system user (only when we are root). */
  user?: string;
  /** Signal for an orderly stop (postgres: SIGINT = fast shutdown). */
  stopSignal?: NodeJS.Signals;
  /** Signal the kernel sends if this process dies first. */
  parentDeathSignal?: 'KILL' | 'TERM' | 'INT' | 'QUIT';
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const live = new Set<ServiceProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort when the process exits without an orderly stop (an uncaught
  // error, process.exit from elsewhere): kill every group we started.
  process.on('exit', () => {
    for (const p of live) p.killGroup('SIGKILL');
  });
}

const hasSetpriv = (() => {
  let cached: boolean | undefined;
  return () => (cached ??= existsSync('/usr/bin/setpriv') || spawnSync('setpriv', ['--version']).status === 0);
})();

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** The command line that runs `spec` as its user with a parent-death signal. */
function wrap(spec: ServiceSpec): { command: string; args: string[] } {
  const wantsUser = isRoot && spec.user !== undefined && spec.user !== 'root';
  if (hasSetpriv()) {
    const pre: string[] = [];
    if (wantsUser) pre.push(`--reuid=${spec.user}`, `--regid=${spec.user}`, '--init-groups');
    pre.push(`--pdeathsig=${spec.parentDeathSignal ?? 'KILL'}`, '--');
    return { command: 'setpriv', args: [...pre, spec.command, ...spec.args] };
  }
  if (wantsUser) return { command: 'runuser', args: ['-u', spec.user!, '--', spec.command, ...spec.args] };
  return { command: spec.command, args: spec.args };
}

export class ServiceProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  readonly exited: Promise<Exit>;
  spawnError: Error | undefined;
  private exit: Exit | undefined;
  private readonly child: ChildProcess;
  private readonly stopSignal: NodeJS.Signals;

  constructor(spec: ServiceSpec) {
    installExitHook();
    this.name = spec.name;
    this.logFile = spec.logFile;
    this.stopSignal = spec.stopSignal ?? 'SIGTERM';
    const fd = openSync(spec.logFile, 'a');
    const { command, args } = wrap(spec);
    try {
      this.child = spawn(command, args, {
        cwd: spec.cwd,
        env: spec.env ?? process.env,
        stdio: ['ignore', fd, fd],
        detached: true, // own process group: a terminal's Ctrl-C reaches only us
      });
    } finally {
      closeSync(fd);
    }
    this.exited = new Promise<Exit>((resolve) => {
      this.child.once('error', (err) => {
        this.exit = { code: -1, signal: null };
        live.delete(this);
        this.spawnError = err;
        resolve(this.exit);
      });
      this.child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        live.delete(this);
        resolve(this.exit);
      });
    });
    if (this.child.pid === undefined) {
      this.pid = -1;
    } else {
      this.pid = this.child.pid;
      live.add(this);
    }
  }

  get running(): boolean {
    return this.exit === undefined && this.pid > 0;
  }

  /** Signals the whole group (the server and whatever it forked). */
  killGroup(signal: NodeJS.Signals): void {
    if (this.pid <= 0) return;
    try {
      process.kill(-this.pid, signal);
    } catch {
      // already gone
    }
  }

  /** The last lines of the log, for error messages. */
  logTail(lines = 15): string {
    try {
      return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  /** Orderly stop, then SIGKILL for the whole group after `graceMs`. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.running) {
      this.killGroup(this.stopSignal);
      const timer = new Promise<'late'>((r) => setTimeout(r, graceMs, 'late').unref());
      if ((await Promise.race([this.exited, timer])) === 'late') {
        this.killGroup('SIGKILL');
        await this.exited;
      }
    }
    // Whatever the server forked and left in its group goes too.
    this.killGroup('SIGKILL');
  }

  /** Polls `probe` like waitFor, failing at once (with the log's tail) if the process exits. */
  async waitUntil<T>(what: string, probe: () => Promise<T | undefined>, opts: WaitOptions = {}): Promise<T> {
    try {
      return await waitFor(what, probe, { ...opts, alive: () => this.running });
    } catch (err) {
      if (this.running) throw err;
      const e = this.exit ?? { code: null, signal: null };
      const why = this.spawnError ? this.spawnError.message : `exit code ${e.code}, signal ${e.signal}`;
      throw new Error(`${this.name} stopped while starting (${why}); log ${this.logFile}:\n${this.logTail()}`);
    }
  }
}

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Polling stops (and fails) as soon as this returns false. */
  alive?: () => boolean;
}

/** Polls `probe` until it returns a value other than undefined, or times out. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  opts: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (opts.alive && !opts.alive()) throw new Error(`gave up waiting for ${what}: the process exited`);
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? `: ${last.message}` : '';
      throw new Error(`timed out waiting for ${what}${detail}`);
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 100));
  }
}

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

const taken = new Set<number>();

/**
 * A loopback port that is free now (and, with `alsoFree`, ports at those
 * offsets too: a Redis Cluster node also listens on port + 10000). Ports are
 * drawn from 20000–29999, below the kernel's ephemeral range, so a client's
 * outgoing socket does not take one between our check and the server's bind.
 */
export async function freePort(opts: { host?: string; alsoFree?: number[] } = {}): Promise<number> {
  const host = opts.host ?? '127.0.0.1';
  for (let i = 0; i < 200; i++) {
    const port = 20000 + Math.floor(Math.random() * 10000);
    const all = [port, ...(opts.alsoFree ?? []).map((o) => port + o)];
    if (all.some((p) => taken.has(p))) continue;
    let ok = true;
    for (const p of all) if (!(await canListen(p, host))) ok = false;
    if (ok) {
      all.forEach((p) => taken.add(p));
      return port;
    }
  }
  throw new Error('no free loopback port found');
}
