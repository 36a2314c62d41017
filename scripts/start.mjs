// `npm start`: the extension in a real VS Code, against the local sandbox.
//   1. installs code-server, Node 24 and Chromium into .tools/ when missing (scripts/e2e-tools.sh)
//   2. builds and packages the extension (npm run package -> dist/runbook-notebooks.vsix)
//   3. starts the sandbox (test/sandbox: Kubernetes API, PostgreSQL, Redis, S3, CloudFront, HTTPS)
//   4. installs the .vsix into a fresh extensions folder and starts code-server on
//      127.0.0.1:${PORT:-8080} with a workspace holding the sample runbooks, whose
//      .vscode/settings.json points runbook.envFile at the sandbox's env file
// Ctrl-C stops code-server (its whole process group) and the sandbox.
//   node scripts/start.mjs [--no-sandbox] [--no-package]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = new Set(process.argv.slice(2));
const port = Number(process.env.PORT || 8080);
const startDir = join(root, '.artifacts', 'start');
const say = (line) => console.log(`start: ${line}`);

/** A TypeScript module's exports (tsx hands CommonJS modules over as `default`). */
async function load(relativePath) {
  const module = await import(new URL(relativePath, import.meta.url).href);
  return module.default && Object.keys(module).length === 1 ? module.default : module;
}

function run(command, argv) {
  const result = spawnSync(command, argv, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

async function startSandboxIfPresent() {
  if (args.has('--no-sandbox')) {
    say('sandbox: skipped (--no-sandbox)');
    return undefined;
  }
  if (!existsSync(join(root, 'test', 'sandbox', 'index.ts'))) {
    say('sandbox: test/sandbox/index.ts is not there; starting without it');
    return undefined;
  }
  const { startSandbox } = await load('../test/sandbox/index.ts');
  if (typeof startSandbox !== 'function') {
    say('sandbox: test/sandbox/index.ts has no startSandbox(); starting without it');
    return undefined;
  }
  say('sandbox: starting (Kubernetes API, PostgreSQL, Redis, S3, CloudFront, HTTPS)');
  try {
    const sandbox = await startSandbox({ quiet: true });
    say(`sandbox: ready; env file ${sandbox.envFilePath}`);
    return sandbox;
  } catch (error) {
    say(`sandbox: failed to start: ${error.message}`);
    say('sandbox: its Debian packages come from: bash scripts/ensure-system-deps.sh (as root)');
    say('sandbox: continuing without it; runbook cells will not reach a cluster, database or bucket');
    return undefined;
  }
}

function makeWorkspace(envFilePath) {
  const workspace = join(startDir, 'workspace');
  rmSync(workspace, { recursive: true, force: true });
  cpSync(join(root, 'notebooks'), workspace, { recursive: true });
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  const settings = envFilePath ? { 'runbook.envFile': envFilePath } : {};
  writeFileSync(join(workspace, '.vscode', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  return workspace;
}

/** npm packages first (as npm test does): this script itself needs tsx. */
function ensureNpmPackages() {
  const installed = join(root, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(join(root, 'package-lock.json')).mtimeMs) return;
  say('installing npm packages (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

async function main() {
  ensureNpmPackages();
  (await import('tsx/cjs/api')).register();
  (await import('tsx/esm/api')).register();
  const tools = await load('../test/e2e/tools.ts');
  const { codeServerCli, serverDirs, startCodeServer } = await load('../test/e2e/codeServer.ts');
  const { portFree } = await load('../test/e2e/processes.ts');
  if (!(await portFree(port))) {
    say(`127.0.0.1:${port} is in use by another program: set PORT to a free port, e.g. PORT=8181 npm start`);
    process.exit(1);
  }

  tools.ensureTools((line) => say(line));
  if (args.has('--no-package') && existsSync(tools.VSIX)) say(`using ${tools.VSIX} as it is (--no-package)`);
  else {
    say('building and packaging the extension (npm run package)');
    run('npm', ['run', '--silent', 'package']);
  }

  let sandbox;
  let server;
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    say('stopping code-server and the sandbox');
    await server?.stop().catch((e) => say(`code-server stop: ${e.message}`));
    await sandbox?.stop().catch((e) => say(`sandbox stop: ${e.message}`));
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stop(0));

  sandbox = await startSandboxIfPresent();
  const workspace = makeWorkspace(sandbox?.envFilePath);
  const dirs = serverDirs(startDir, 'code-server', { keepHome: true, env: sandbox?.env });
  say(`installing ${tools.VSIX} into a fresh extensions folder`);
  codeServerCli(dirs, ['--install-extension', tools.VSIX]);
  const listed = codeServerCli(dirs, ['--list-extensions', '--show-versions']).split('\n').find((l) => l.startsWith(`${tools.EXTENSION_ID}@`));
  say(`installed ${listed ?? '(not listed!)'}`);
  try {
    server = await startCodeServer({ name: 'start', dirs, port, folder: workspace, trusted: true, keepHome: true });
  } catch (error) {
    say(`code-server did not start on 127.0.0.1:${port}: ${error.message.split('\n')[0]}`);
    say(`its log: ${join(root, '.artifacts', 'e2e-logs', 'start.log')}`);
    await stop(1);
    return;
  }
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
  console.log('');
  say(`VS Code (code-server) is ready: ${url}`);
  say(`open ${'scaling-playbook.runbook.md'} in the explorer; server log: ${server.logFile}`);
  say(`from another machine, forward the port and browse http://localhost:${port}/ there:`);
  say(`  ssh -L ${port}:127.0.0.1:${port} user@this-host`);
  say('  (notebook outputs render in webviews, which need localhost or HTTPS)');
  say('Ctrl-C stops code-server and the sandbox');
  const how = await server.exited;
  if (!stopping) {
    say(`code-server ${how}`);
    await stop(1);
  }
}

main().catch(async (error) => {
  console.error(`start: ${error.stack ?? error}`);
  process.exit(1);
});
