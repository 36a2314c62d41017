// kubectl apply (client-side): each object of -f is created when missing,
// with its configuration recorded in the last-applied-configuration
// annotation; otherwise the three-way patch between that record, the new
// configuration and the live object is sent (`configured`), or nothing when
// it is empty (`unchanged`).

import { flagString } from '../args';
import { qualifiedResource, resourcePath, type ResourceType } from '../discovery';
import { planManifests, type Manifest } from '../manifests';
import { sortKeys, type KubeObject } from '../printers/objects';
import { KubectlError, type KubectlRun } from '../session';
import { isBuiltInGroup, threeWayPatch, type Json } from '../strategicMerge';
import {
  apiVersionOf,
  checkOutput,
  describeAction,
  dryRun,
  dryRunQuery,
  changesUnlessDryRun,
  parseStatus,
  printResult,
  SELECT_FLAGS,
  statusMessage,
  WRITE_OUTPUT_FLAGS,
  writeError,
  type DryRun,
} from '../writes';
import type { Verb } from './verb';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const UNSUPPORTED = ['server-side', 'prune', 'kustomize', 'force'];

export const apply: Verb = {
  name: 'apply',
  flags: [
    ...WRITE_OUTPUT_FLAGS,
    ...SELECT_FLAGS,
    { name: 'server-side', type: 'bool' },
    { name: 'prune', type: 'bool' },
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'force', type: 'bool' },
    { name: 'overwrite', type: 'bool' },
    { name: 'force-conflicts', type: 'bool' },
    { name: 'wait', type: 'bool' },
    { name: 'record', type: 'bool' },
  ],
  usage: 'kubectl apply (-f FILENAME | -k DIRECTORY)',
  effect: changesUnlessDryRun,
  action: (args) => describeAction('apply', args),
  notNative: (args) => {
    const unsupported = UNSUPPORTED.find((name) => args.flags.has(name) && args.flags.get(name) !== false);
    return unsupported ? `kubectl apply --${unsupported} does not run natively yet; run it in a terminal` : undefined;
  },
  run: runApply,
};

/** The annotation's value: the configuration as compact JSON with sorted keys, as kubectl encodes it. */
export function lastAppliedText(object: KubeObject): string {
  return goJson(sortKeys(object)) + '\n';
}

export function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The object as it will be sent: namespace filled in, the annotation set to the configuration itself. */
export function withLastApplied(object: KubeObject): KubeObject {
  const annotations = { ...((object.metadata?.annotations as Record<string, string> | undefined) ?? {}) };
  delete annotations[LAST_APPLIED];
  const config = { ...object, metadata: { ...object.metadata, annotations } };
  return { ...config, metadata: { ...config.metadata, annotations: { ...annotations, [LAST_APPLIED]: lastAppliedText(config) } } };
}

async function runApply(run: KubectlRun): Promise<number> {
  const { args, ctx } = run;
  checkOutput(args);
  const mode = dryRun(args);
  const planned = await planManifests(run, 'apply');
  const errors: string[] = [];
  for (const item of planned) {
    try {
      await applyOne(run, item.manifest, item.type, item.namespace, mode);
    } catch (error) {
      if (!(error instanceof KubectlError)) throw error;
      errors.push(error.message);
    }
  }
  for (const message of errors) ctx.stderr.write(message + '\n');
  return errors.length ? 1 : 0;
}

async function applyOne(run: KubectlRun, manifest: Manifest, type: ResourceType, namespace: string, mode: DryRun): Promise<void> {
  const { ctx, args } = run;
  const name = manifest.object.metadata?.name ?? '';
  if (!name) throw new KubectlError(`error: error when retrieving current configuration of:\nResource: "${gvr(type)}", GroupVersionKind: "${gvk(type)}"\nName: "", Namespace: "${namespace}"\nfrom server for: "${manifest.source}": resource name may not be empty`);
  const config: KubeObject = type.namespaced ? { ...manifest.object, metadata: { ...manifest.object.metadata, namespace } } : manifest.object;
  const modified = withLastApplied(config);
  const ref = { type, name };
  const query = { ...dryRunQuery(mode), fieldManager: flagString(args, 'field-manager') ?? 'kubectl-client-side-apply', fieldValidation: 'Strict' };
  const path = resourcePath(type, namespace, name);
  let got = await run.request({ path });
  if (got.status === 404) {
    let created: KubeObject = modified;
    if (mode !== 'client') {
      const response = await run.request({ method: 'POST', path: resourcePath(type, namespace), body: modified, query });
      if (response.status >= 400) throw sourced(response, 'creating', manifest.source);
      created = JSON.parse(response.text) as KubeObject;
    }
    printResult(run, ref, created, 'created', mode);
    ctx.emit({ kind: 'applied', object: `${type.resource}/${name}`, operation: 'created' });
    return;
  }
  if (got.status >= 400) throw writeError(got);
  const strategic = isBuiltInGroup(type.group);
  for (let attempt = 1; ; attempt++) {
    const current = JSON.parse(got.text) as KubeObject;
    const recorded = (current.metadata?.annotations as Record<string, string> | undefined)?.[LAST_APPLIED];
    if (recorded === undefined && attempt === 1) {
      ctx.stderr.write(
        `Warning: resource ${qualifiedResource(type)}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
      );
    }
    const original = parseRecorded(recorded);
    const patch = threeWayPatch(original, modified as { [key: string]: Json }, current as { [key: string]: Json }, type.kind, strategic);
    if (Object.keys(patch).length === 0) {
      printResult(run, ref, current, 'unchanged', mode);
      ctx.emit({ kind: 'applied', object: `${type.resource}/${name}`, operation: 'unchanged' });
      return;
    }
    if (mode === 'client') {
      printResult(run, ref, current, 'configured', mode);
      return;
    }
    const body = goJson(sortKeys(patch));
    const contentType = strategic ? 'application/strategic-merge-patch+json' : 'application/merge-patch+json';
    const response = await run.request({ method: 'PATCH', path, body, contentType, query });
    if (response.status === 409 && attempt < 5) {
      got = await run.request({ path });
      if (got.status >= 400) throw writeError(got);
      continue;
    }
    if (response.status >= 400) throw patchError(response, body, type, name, namespace, manifest.source);
    printResult(run, ref, JSON.parse(response.text) as KubeObject, 'configured', mode);
    ctx.emit({ kind: 'applied', object: `${type.resource}/${name}`, operation: 'configured', patch: body });
    return;
  }
}

function parseRecorded(text: string | undefined): { [key: string]: Json } {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as Json;
    return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

function gvr(type: ResourceType): string {
  return `${apiVersionOf(type).includes('/') ? apiVersionOf(type) : `/${type.version}`}, Resource=${type.resource}`;
}

function gvk(type: ResourceType): string {
  return `${apiVersionOf(type).includes('/') ? apiVersionOf(type) : `/${type.version}`}, Kind=${type.kind}`;
}

/** `Error from server (AlreadyExists): error when creating "file.yaml": ...`. */
export function sourced(response: Parameters<typeof writeError>[0], verb: string, source: string): KubectlError {
  const status = parseStatus(response.text);
  if (status?.reason === 'Invalid') return writeError(response);
  const reason = status?.reason ? ` (${status.reason})` : '';
  return new KubectlError(`Error from server${reason}: error when ${verb} "${source}": ${statusMessage(response)}`);
}

function patchError(response: Parameters<typeof writeError>[0], patch: string, type: ResourceType, name: string, namespace: string, source: string): KubectlError {
  const status = parseStatus(response.text);
  if (status?.reason === 'Invalid') return writeError(response);
  const reason = status?.reason ? ` (${status.reason})` : '';
  return new KubectlError(
    `Error from server${reason}: error when applying patch:\n${patch}\nto:\nResource: "${gvr(type)}", GroupVersionKind: "${gvk(type)}"\nName: "${name}", Namespace: "${namespace}"\nfor: "${source}": error when patching "${source}": ${statusMessage(response)}`,
  );
}

