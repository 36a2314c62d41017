// Starts code-server (VS Code in the browser) for tests and the demo: loopback
// only, a free port, no auth, its own user data, extensions and config in a
// run folder under .artifacts/, quiet workbench settings, detached in a
// process group of its own. stop() ends the whole group and removes the folder.

import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_SERVER_ENTRY, NODE24, artifactsDir } from './tools';
import { RUN_TOKEN_VAR, freePort, portFree, runSync, sleep, spawnGroup, stopGroup } from './processes';

/** Settings that keep the workbench quiet: no walkthroughs, tips, updates, telemetry, AI, git. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.emptyWindow': false,
  'window.commandCenter': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'files.autoSave': 'off',
  'notebook.confirmDeleteRunningCell': false,
};

export interface CodeServerOptions {
  /** Folder the workbench opens by default (the `?folder=` of a bare URL). */
  folder?: string;
  /** false: Workspace Trust stays on, and folders start untrusted. Default true. */
  trusted?: boolean;
  /** Lets a page load a development extension and its tests through `?payload=`. */
  smokeTestDriver?: boolean;
  /** Fixed port (the demo); a random free one otherwise. */
  port?: number;
  /** Extensions folder to use (e.g. one with an installed .vsix); an empty one otherwise. */
  extensionsDir?: string;
  /** Extra user settings, over QUIET_SETTINGS. */
  settings?: Record<string, unknown>;
  /** Extra environment for the server and its extension host. */
  env?: Record<string, string>;
  /** Parent of the run folder; `.artifacts/code-server` by default. */
  parentDir?: string;
  /** Short name for the run folder and the log file. */
  name?: string;
  /** Keep HOME as it is (the demo); tests point HOME into the run folder. */
  keepHome?: boolean;
  /** A run folder made beforehand with serverDirs() (to install extensions first); removed by stop(). */
  dirs?: ServerDirs;
  /** Each line the server prints; by default it goes to the log file only. */
  onOutput?: (line: string) => void;
}

export interface CodeServer {
  url: string;
  port: number;
  /** The run folder: user data, extensions, config, home, tmp. */
  dir: string;
  extensionsDir: string;
  logFile: string;
  pid: number;
  /** Settles when the server process exits, with how it exited. */
  exited: Promise<string>;
  /** Workbench URL for a folder (and a smoke-test payload). */
  workbenchUrl(folder?: string, payload?: [string, string][]): string;
  /** `vscode-remote://` URI of a path on the server, for payloads. */
  remoteUri(path: string): string;
  stop(): Promise<void>;
}

/** The run folder layout shared by the server and its one-shot CLI calls. */
export interface ServerDirs {
  dir: string;
  userDataDir: string;
  extensionsDir: string;
  configFile: string;
  env: NodeJS.ProcessEnv;
}

export function serverDirs(parentDir: string, name: string, options: Pick<CodeServerOptions, 'extensionsDir' | 'env' | 'keepHome' | 'settings'> = {}): ServerDirs {
  mkdirSync(parentDir, { recursive: true });
  const dir = mkdtempSync(join(parentDir, `${name}-`));
  const userDataDir = join(dir, 'user-data');
  const extensionsDir = options.extensionsDir ?? join(dir, 'extensions');
  const configFile = join(dir, 'config.yaml');
  for (const sub of ['user-data/User', 'xdg/config', 'xdg/data', 'xdg/cache', 'tmp', 'home']) mkdirSync(join(dir, sub), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${join(NODE24, '..')}:${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: join(dir, 'xdg', 'config'),
    XDG_DATA_HOME: join(dir, 'xdg', 'data'),
    XDG_CACHE_HOME: join(dir, 'xdg', 'cache'),
    TMPDIR: join(dir, 'tmp'),
    ...(options.keepHome ? {} : { HOME: join(dir, 'home') }),
    ...options.env,
  };
  // Our own Node options (tsx) must not leak into the server's Node 24.
  delete env.NODE_OPTIONS;
  return { dir, userDataDir, extensionsDir, configFile, env };
}

function baseArgs(dirs: ServerDirs): string[] {
  return ['--config', dirs.configFile, '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir];
}

/** One-shot code-server CLI call (e.g. `--install-extension x.vsix`, `--list-extensions`). */
export function codeServerCli(dirs: ServerDirs, args: string[], timeoutMs = 120_000): string {
  return runSync(NODE24, [CODE_SERVER_ENTRY, ...baseArgs(dirs), ...args], { env: dirs.env, timeoutMs });
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  if (!existsSync(CODE_SERVER_ENTRY)) throw new Error('code-server is not installed: run bash scripts/e2e-tools.sh');
  const name = options.name ?? 'code-server';
  const dirs = options.dirs ?? serverDirs(options.parentDir ?? artifactsDir('code-server'), name, options);
  const logFile = join(artifactsDir('e2e-logs'), `${name}.log`);
  let lastError: Error | undefined;
  // A random port can be taken between our probe and the server's bind: retry.
  if (options.port && !(await portFree(options.port))) {
    rmSync(dirs.dir, { recursive: true, force: true });
    throw new Error(`127.0.0.1:${options.port} is already in use`);
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = options.port ?? (await freePort());
    try {
      return await launch(dirs, port, logFile, options);
    } catch (error) {
      lastError = error as Error;
      if (options.port) break;
    }
  }
  rmSync(dirs.dir, { recursive: true, force: true });
  throw lastError ?? new Error('code-server did not start');
}

async function launch(dirs: ServerDirs, port: number, logFile: string, options: CodeServerOptions): Promise<CodeServer> {
  const args = [
    CODE_SERVER_ENTRY,
    ...baseArgs(dirs),
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--reconnection-grace-time',
    '5',
  ];
  if (options.trusted ?? true) args.push('--disable-workspace-trust');
  if (options.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (options.folder) args.push(options.folder);

  const log = createWriteStream(logFile, { flags: 'a' });
  log.write(`\n=== ${new Date().toISOString()} code-server on 127.0.0.1:${port}\n`);
  const child = spawnGroup(NODE24, args, { cwd: dirs.dir, env: dirs.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(`exited (${code ?? signal})`)));
  let tail = '';
  // Ready only once *this* server says it listens: another program may answer on the port.
  let listening = false;
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    log.write(text);
    tail = (tail + text).slice(-2000);
    if (text.includes('HTTP server listening on')) listening = true;
    if (options.onOutput) for (const line of text.split('\n')) if (line.trim()) options.onOutput(line);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopGroup(child.pid);
    log.end();
    rmSync(dirs.dir, { recursive: true, force: true });
  };
  const ready = await Promise.race([waitHealthy(url, 60_000, () => listening), exited]);
  if (ready !== 'ok') {
    await stopGroup(child.pid);
    throw new Error(`code-server ${ready} before it was ready on ${url}:\n${tail}`);
  }
  const remoteUri = (path: string) => `vscode-remote://127.0.0.1:${port}${path}`;
  return {
    url,
    port,
    dir: dirs.dir,
    extensionsDir: dirs.extensionsDir,
    logFile,
    pid: child.pid!,
    exited,
    remoteUri,
    workbenchUrl(folder, payload) {
      const query = new URLSearchParams();
      if (folder) query.set('folder', folder);
      if (payload) query.set('payload', JSON.stringify(payload));
      const search = query.toString();
      return search ? `${url}/?${search}` : `${url}/`;
    },
    stop,
  };
}

async function waitHealthy(url: string, timeoutMs: number, listening: () => boolean): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!listening()) {
      await sleep(100);
      continue;
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return 'ok';
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  return `was not healthy after ${timeoutMs / 1000} s`;
}

export { RUN_TOKEN_VAR };
