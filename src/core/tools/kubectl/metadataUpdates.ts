// What kubectl label and annotate share: `TYPE NAME key=value key-` split
// into objects and changes, the change applied to an object's map, and a
// merge patch of exactly that change.

import { flagBool, flagString } from './args';
import type { KubeObject } from './printers/objects';
import { KubectlError, type KubectlRun } from './session';
import { twoWayPatch, type Json } from './strategicMerge';
import { checkOutput, dryRun, dryRunQuery, mustRead, patchObject, printResult, selectObjects } from './writes';

export interface MapChanges {
  set: [string, string][];
  remove: string[];
}

export interface MetadataVerb {
  /** `label` or `annotation`, in messages. */
  pair: 'label' | 'annotation';
  field: 'labels' | 'annotations';
  validate?(key: string, value: string, spec: string): void;
  checkOverwrite(current: Record<string, string>, changes: MapChanges): void;
  /** Printed before the change for a key to remove that is not there. */
  missingNotice?(key: string): string;
  operation(before: string, after: string, overwrite: boolean): string;
}

/** kubectl's GetResourcesAndPairs: objects first, then changes. */
export function splitPairs(words: readonly string[], pair: string): { resources: string[]; changes: MapChanges; specs: string[] } {
  const resources: string[] = [];
  const specs: string[] = [];
  for (const word of words) {
    const isPair = (word.includes('=') && !word.startsWith('=')) || (word.endsWith('-') && word !== '-');
    if (isPair) specs.push(word);
    else if (specs.length) throw new KubectlError(`error: all resources must be specified before ${pair} changes: ${word}`);
    else resources.push(word);
  }
  const changes: MapChanges = { set: [], remove: [] };
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq > 0) changes.set.push([spec.slice(0, eq), spec.slice(eq + 1)]);
    else changes.remove.push(spec.slice(0, -1));
  }
  return { resources, changes, specs };
}

export async function runMetadataUpdate(run: KubectlRun, verb: MetadataVerb): Promise<number> {
  const { args, ctx } = run;
  const { resources, changes, specs } = splitPairs(args.positionals, verb.pair);
  if (specs.length === 0) throw new KubectlError(`error: at least one ${verb.pair} update is required`);
  checkOutput(args);
  for (const [key, value] of changes.set) verb.validate?.(key, value, `${key}=${value}`);
  if (resources.length === 0) throw new KubectlError('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
  const overwrite = flagBool(args, 'overwrite');
  const mode = dryRun(args);
  await run.setTarget();
  const namespace = await run.namespace();
  const refs = await selectObjects(run, resources, namespace);
  for (const ref of refs) {
    const object = await mustRead(run, ref, namespace);
    const current = ((object.metadata?.[verb.field] as Record<string, string> | undefined) ?? {}) as Record<string, string>;
    if (!overwrite) verb.checkOverwrite(current, changes);
    const next = { ...current };
    for (const [key, value] of changes.set) next[key] = value;
    for (const key of changes.remove) delete next[key];
    const updated: KubeObject = { ...object, metadata: { ...object.metadata, [verb.field]: next } };
    const resourceVersion = flagString(args, 'resource-version');
    if (resourceVersion) updated.metadata = { ...updated.metadata, resourceVersion };
    const operation = verb.operation(JSON.stringify(object), JSON.stringify(updated), overwrite);
    let result: KubeObject = updated;
    if (mode !== 'client') {
      if (verb.missingNotice) for (const key of changes.remove) if (!(key in current)) ctx.stdout.write(verb.missingNotice(key));
      const patch = twoWayPatch(object as { [key: string]: Json }, updated as { [key: string]: Json }, object.kind, false);
      const fieldManager = flagString(args, 'field-manager') ?? `kubectl-${verb.pair === 'label' ? 'label' : 'annotate'}`;
      result = Object.keys(patch).length ? await patchObject(run, ref, namespace, patch, 'application/merge-patch+json', { ...dryRunQuery(mode), fieldManager }) : object;
    }
    printResult(run, ref, result, operation, mode);
    ctx.emit({ kind: verb.field, object: `${ref.type.resource}/${ref.name}`, set: Object.fromEntries(changes.set), removed: changes.remove });
  }
  return 0;
}
