// What a get-like command names: `pods`, `pods a b`, `pod/a deploy/b`,
// `deploy,svc`, `all`, each resolved against the server's resource types.

import { KubectlError, type KubectlRun } from './session';
import type { ResourceType } from './discovery';

export interface TargetGroup {
  type: ResourceType;
  /** Empty: every object of the type (filtered by selectors). */
  names: string[];
}

export async function resolveTargets(run: KubectlRun, positionals: readonly string[], usage: string): Promise<TargetGroup[]> {
  if (positionals.length === 0) {
    throw new KubectlError(`You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n${usage}`);
  }
  const catalog = await run.catalog();
  const groups: TargetGroup[] = [];
  const add = (type: ResourceType, name?: string) => {
    let group = groups.find((g) => g.type === type);
    if (!group) groups.push((group = { type, names: [] }));
    if (name) group.names.push(name);
  };
  if (positionals.some((p) => p.includes('/'))) {
    for (const arg of positionals) {
      const slash = arg.indexOf('/');
      if (slash < 0) throw new KubectlError(`error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`);
      add(await run.resolveType(arg.slice(0, slash)), arg.slice(slash + 1));
    }
    return groups;
  }
  const [typeList, ...names] = positionals;
  for (const typeName of typeList.split(',').filter(Boolean)) {
    const category = typeName === 'all' ? catalog.category('all') : [];
    if (category.length) category.forEach((type) => add(type));
    else add(await run.resolveType(typeName));
  }
  if (names.length && groups.length > 1) throw new KubectlError('error: you may only specify a single resource type');
  for (const name of names) groups[0].names.push(name);
  return groups;
}
