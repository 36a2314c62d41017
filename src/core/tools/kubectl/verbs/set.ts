// kubectl set image: new images for named containers (`*` for all) of a
// workload's pod template, sent as a strategic merge patch; `image updated`.
// The other `set` subcommands run in a terminal.

import { flagString } from '../args';
import type { KubeObject } from '../printers/objects';
import { KubectlError, type KubectlRun } from '../session';
import { twoWayPatch, type Json } from '../strategicMerge';
import { checkOutput, describeAction, dryRun, dryRunQuery, mustRead, changesUnlessDryRun, patchObject, printResult, selectObjects, SELECT_FLAGS, WRITE_OUTPUT_FLAGS } from '../writes';
import type { Verb } from './verb';

type Container = { name?: string; image?: string };

export const set: Verb = {
  name: 'set',
  flags: [...WRITE_OUTPUT_FLAGS, ...SELECT_FLAGS, { name: 'local', type: 'bool' }],
  subcommands: ['env', 'image', 'resources', 'selector', 'serviceaccount', 'sa', 'subject'],
  usage: 'kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N',
  effect: changesUnlessDryRun,
  action: (args) => `set ${describeAction(args.positionals[0] ?? '', { ...args, positionals: args.positionals.slice(1).filter((w) => !w.includes('=')) })}`,
  notNative: (args) => {
    const sub = args.positionals[0];
    return sub && sub !== 'image' ? `kubectl set ${sub} does not run natively yet; run it in a terminal` : undefined;
  },
  run: runSet,
};

/** The pod spec inside a workload (`spec.template.spec`, a CronJob's job template, a Pod's own spec). */
function podSpecOf(object: KubeObject): { containers?: Container[]; initContainers?: Container[] } | undefined {
  const spec = object.spec as Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (!spec) return undefined;
  if (object.kind === 'Pod') return spec;
  if (object.kind === 'CronJob') return spec.jobTemplate?.spec?.template?.spec;
  return spec.template?.spec;
}

async function runSet(run: KubectlRun): Promise<number> {
  const { args, ctx } = run;
  const [sub, ...words] = args.positionals;
  if (sub !== 'image') {
    throw new KubectlError('error: Unexpected args: []\nSee \'kubectl set -h\' for help and examples');
  }
  const resources = words.filter((w) => !w.includes('='));
  const pairs = words.filter((w) => w.includes('=')).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)] as const);
  if (pairs.length === 0) throw new KubectlError('error: at least one image update is required');
  checkOutput(args);
  const mode = dryRun(args);
  await run.setTarget();
  const namespace = await run.namespace();
  const refs = await selectObjects(run, resources, namespace);
  for (const ref of refs) {
    const object = await mustRead(run, ref, namespace);
    const updated = JSON.parse(JSON.stringify(object)) as KubeObject;
    const spec = podSpecOf(updated);
    if (!spec) throw new KubectlError(`error: ${ref.type.resource}/${ref.name} has no pod template`);
    for (const [name, image] of pairs) {
      const matched = [...(spec.initContainers ?? []), ...(spec.containers ?? [])].filter((c) => name === '*' || c.name === name);
      if (matched.length === 0) throw new KubectlError(`error: unable to find container named "${name}"`);
      for (const container of matched) container.image = image;
    }
    const patch = twoWayPatch(object as { [key: string]: Json }, updated as { [key: string]: Json }, object.kind, true);
    if (Object.keys(patch).length === 0) continue;
    const query = { ...dryRunQuery(mode), fieldManager: flagString(args, 'field-manager') ?? 'kubectl-set' };
    const result = mode === 'client' ? updated : await patchObject(run, ref, namespace, patch, 'application/strategic-merge-patch+json', query);
    printResult(run, ref, result, 'image updated', mode);
    ctx.emit({ kind: 'image-updated', object: `${ref.type.resource}/${ref.name}`, images: Object.fromEntries(pairs) });
  }
  return 0;
}
