// kubectl version: the client version (the kubectl release whose behaviour
// and output this tool reproduces), and the server's /version.
//
// This is not the kubectl binary, so the client side is honest rather than
// copied: `Client Version: v1.32.4` with no Kustomize line (kustomize is not
// bundled), and in -o json|yaml the build fields a Go binary would fill
// (gitCommit, buildDate, goVersion, compiler) are empty.

import { flagBool, flagString } from '../args';
import { structJson } from '../jsonText';
import { printYaml } from '../printers/objects';
import { KubectlError, serverError, type KubectlRun } from '../session';
import { reads, type Verb } from './verb';

/** The kubectl release this tool emulates. */
export const EMULATED_KUBECTL = { major: '1', minor: '32', gitVersion: 'v1.32.4' };

const VERSION_FIELDS = ['major', 'minor', 'gitVersion', 'gitCommit', 'gitTreeState', 'buildDate', 'goVersion', 'compiler', 'platform'] as const;

type VersionInfo = Record<(typeof VERSION_FIELDS)[number], string>;

export const version: Verb = {
  name: 'version',
  flags: [
    { name: 'client', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  usage: "See 'kubectl version -h' for help and examples",
  effect: reads,
  run: runVersion,
};

function clientVersion(): VersionInfo {
  const arch = ({ x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm' } as Record<string, string>)[process.arch] ?? process.arch;
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  return { ...EMULATED_KUBECTL, gitCommit: '', gitTreeState: '', buildDate: '', goVersion: '', compiler: '', platform: `${os}/${arch}` };
}

/** The server's answer with kubectl's fields, in kubectl's order. */
function serverVersion(raw: Record<string, unknown>): VersionInfo {
  const out = {} as VersionInfo;
  for (const field of VERSION_FIELDS) out[field] = typeof raw[field] === 'string' ? (raw[field] as string) : '';
  return out;
}

async function runVersion(run: KubectlRun): Promise<number> {
  const { args, ctx } = run;
  const output = flagString(args, 'output') ?? '';
  if (args.positionals.length) throw new KubectlError(`error: extra arguments: [${args.positionals.join(' ')}]`);
  if (output !== '' && output !== 'json' && output !== 'yaml') throw new KubectlError("error: --output must be 'yaml' or 'json'");
  const client = clientVersion();
  let server: VersionInfo | undefined;
  let failure: unknown;
  if (!flagBool(args, 'client')) {
    try {
      await run.setTarget();
      const response = await run.request({ path: '/version' });
      if (response.status >= 400) throw serverError(response);
      server = serverVersion(JSON.parse(response.text) as Record<string, unknown>);
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      failure = error;
    }
  }
  const info: Record<string, VersionInfo> = { clientVersion: client };
  if (server) info.serverVersion = server;
  if (output === 'json') ctx.stdout.write(structJson(info, '  '));
  else if (output === 'yaml') ctx.stdout.write(printYaml(info));
  else ctx.stdout.write(`Client Version: ${client.gitVersion}\n${server ? `Server Version: ${server.gitVersion}\n` : ''}`);
  if (server) {
    const skew = Math.abs(Number(server.minor.replace(/\D+$/, '')) - Number(client.minor));
    if (server.major === client.major && Number.isFinite(skew) && skew > 1) {
      ctx.stderr.write(`WARNING: version difference between client (${client.major}.${client.minor}) and server (${server.major}.${server.minor.replace(/\D+$/, '')}) exceeds the supported minor version skew of +/-1\n`);
    }
  }
  ctx.emit({ kind: 'version', client: client.gitVersion, server: server?.gitVersion });
  if (failure) throw failure;
  return 0;
}
