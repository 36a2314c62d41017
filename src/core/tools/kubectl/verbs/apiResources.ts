// kubectl api-resources: the server's resource types (fresh from discovery
// unless --cached), NAME SHORTNAMES APIVERSION NAMESPACED KIND, by group then
// name; -o wide adds VERBS and CATEGORIES, -o name prints `resource.group`.

import { flagBool, flagList, flagString } from '../args';
import type { ResourceType } from '../discovery';
import { tableWriter } from '../printers/tabwriter';
import { KubectlError, type KubectlRun } from '../session';
import { reads, type Verb } from './verb';

export const apiResources: Verb = {
  name: 'api-resources',
  flags: [
    { name: 'no-headers', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'api-group', type: 'string' },
    { name: 'namespaced', type: 'bool' },
    { name: 'verbs', type: 'strings' },
    { name: 'sort-by', type: 'string' },
    { name: 'cached', type: 'bool' },
    { name: 'categories', type: 'strings' },
  ],
  usage: "See 'kubectl api-resources -h' for help and examples",
  effect: reads,
  run: runApiResources,
};

const groupVersion = (t: ResourceType) => (t.group ? `${t.group}/${t.version}` : t.version);

async function runApiResources(run: KubectlRun): Promise<number> {
  const { args, ctx } = run;
  const output = flagString(args, 'output') ?? '';
  if (!['', 'wide', 'name'].includes(output)) throw new KubectlError(`error: --output ${output} is not available`);
  const sortBy = flagString(args, 'sort-by') ?? '';
  if (sortBy && sortBy !== 'name' && sortBy !== 'kind') throw new KubectlError('error: --sort-by accepts only name or kind');
  if (args.positionals.length) throw new KubectlError(`error: unexpected arguments: [${args.positionals.join(' ')}]\nSee 'kubectl api-resources -h' for help and examples`);
  await run.setTarget();
  const catalog = flagBool(args, 'cached') ? await run.catalog() : await run.discover();
  const group = args.flags.has('api-group') ? flagString(args, 'api-group') ?? '' : undefined;
  const namespaced = args.flags.has('namespaced') ? flagBool(args, 'namespaced') : undefined;
  const verbs = flagList(args, 'verbs');
  const categories = flagList(args, 'categories');
  const types = catalog.types.filter(
    (t) =>
      t.verbs.length > 0 &&
      (group === undefined || t.group === group) &&
      (namespaced === undefined || t.namespaced === namespaced) &&
      verbs.every((v) => t.verbs.includes(v)) &&
      categories.every((c) => t.categories.includes(c)),
  );
  const key = (t: ResourceType) => (sortBy === 'name' ? t.resource : sortBy === 'kind' ? t.kind : t.group);
  // A stable sort: by group (or name, or kind), then by name.
  types.sort((a, b) => compare(key(a), key(b)) || compare(a.resource, b.resource));

  if (output === 'name') {
    ctx.stdout.write(types.map((t) => `${t.resource}${t.group ? `.${t.group}` : ''}\n`).join(''));
  } else {
    const rows: string[][] = [];
    if (!flagBool(args, 'no-headers')) rows.push(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(output === 'wide' ? ['VERBS', 'CATEGORIES'] : [])]);
    for (const t of types) {
      const row = [t.resource, t.shortNames.join(','), groupVersion(t), String(t.namespaced), t.kind];
      if (output === 'wide') row.push(t.verbs.join(','), t.categories.join(','));
      rows.push(row);
    }
    ctx.stdout.write(tableWriter().formatRows(rows));
  }
  ctx.emit({ kind: 'api-resources', resources: types.map((t) => ({ name: t.resource, apiVersion: groupVersion(t), namespaced: t.namespaced, kind: t.kind })) });
  return 0;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
