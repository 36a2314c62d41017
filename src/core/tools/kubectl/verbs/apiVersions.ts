// kubectl api-versions: every group/version the server serves, sorted.

import { KubectlError, serverError, type KubectlRun } from '../session';
import { reads, type Verb } from './verb';

export const apiVersions: Verb = {
  name: 'api-versions',
  flags: [],
  usage: "See 'kubectl api-versions -h' for help and examples",
  effect: reads,
  run: runApiVersions,
};

interface CoreVersions {
  versions?: string[];
}

interface GroupList {
  groups?: { versions?: { groupVersion: string }[] }[];
}

async function runApiVersions(run: KubectlRun): Promise<number> {
  const { args, ctx } = run;
  if (args.positionals.length) throw new KubectlError(`error: unexpected arguments: [${args.positionals.join(' ')}]\nSee 'kubectl api-versions -h' for help and examples`);
  await run.setTarget();
  // The legacy (non-aggregated) documents list every version, not only the preferred one.
  const [core, groups] = await Promise.all([run.request({ path: '/api' }), run.request({ path: '/apis' })]);
  if (core.status >= 400) throw serverError(core);
  const versions = [...((JSON.parse(core.text) as CoreVersions).versions ?? [])];
  if (groups.status < 400) {
    for (const group of (JSON.parse(groups.text) as GroupList).groups ?? []) versions.push(...(group.versions ?? []).map((v) => v.groupVersion));
  } else if (groups.status !== 404) {
    throw serverError(groups);
  }
  versions.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  ctx.stdout.write(versions.map((v) => `${v}\n`).join(''));
  ctx.emit({ kind: 'api-versions', versions });
  return 0;
}
