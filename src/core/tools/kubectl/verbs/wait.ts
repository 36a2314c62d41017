// kubectl wait --for=delete|condition=NAME[=VALUE]|jsonpath=EXPR[=VALUE]
// TYPE/NAME... | TYPE -l SELECTOR | TYPE --all, with one --timeout for all
// of them: each object is read, and watched until its condition holds.

import type { WaitData } from '../../../results/toolData';
import { flagBool, flagString } from '../args';
import { resourcePath, qualifiedKind, type ResourceType } from '../discovery';
import { durationFlag } from '../durations';
import { printJson, printYaml, type KubeObject } from '../printers/objects';
import { KubectlError, serverError, type KubectlRun } from '../session';
import { resolveTargets } from '../targets';
import { templatePrinter } from '../templateOutput';
import { WRITE_FORMATS } from '../writes';
import { parseCondition, type WaitCondition, type WaitObject } from '../waitConditions';
import { watchEventReader } from '../watchEvents';
import { reads, type Verb } from './verb';

const NO_RESOURCES = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

export const wait: Verb = {
  name: 'wait',
  flags: [
    { name: 'for', type: 'string' },
    { name: 'timeout', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'local', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'template', type: 'string' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'allow-missing-template-keys', type: 'bool' },
  ],
  usage: "See 'kubectl wait -h' for help and examples",
  effect: reads,
  ownTimeout: (args) => flagString(args, 'timeout') !== undefined,
  run: runWait,
};

interface Visit {
  type: ResourceType;
  namespace: string;
  name: string;
  object: KubeObject;
}

async function runWait(run: KubectlRun): Promise<number> {
  const { args, ctx } = run;
  const output = flagString(args, 'output') ?? '';
  const template = templatePrinter(run);
  if (output && !template && !['json', 'yaml', 'name'].includes(output)) {
    throw new KubectlError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${WRITE_FORMATS}`);
  }
  const condition = parseCondition(flagString(args, 'for') ?? '');
  let timeout = durationFlag(flagString(args, 'timeout'), '--timeout', 'kubectl wait') ?? 30_000;
  if (timeout < 0) timeout = 168 * 3_600_000;
  if (filenames(args).length) throw new KubectlError('error: kubectl wait -f reads manifests; run it in a terminal');
  if (args.positionals.length === 0) throw new KubectlError(NO_RESOURCES);
  await run.setTarget();
  const deadline = Date.now() + timeout;
  const groups = await resolveTargets(run, args.positionals, NO_RESOURCES);
  const namespace = await run.namespace();
  const selector = flagString(args, 'selector') || undefined;
  const fieldSelector = flagString(args, 'field-selector') || undefined;
  let visited = 0;
  const met: WaitData['met'] = [];
  for (const group of groups) {
    if (group.names.length === 0 && !selector && !fieldSelector && !flagBool(args, 'all')) throw new KubectlError('error: resource(s) were provided, but no name was specified');
    for await (const visit of objectsOf(run, group.type, group.names, namespace, { labelSelector: selector, fieldSelector }, condition.kind === 'delete')) {
      visited++;
      const final = await waitFor(run, visit, condition, timeout === 0 ? undefined : deadline);
      const name = `${qualifiedKind(visit.type)}/${visit.name}`;
      if (template) ctx.stdout.write(template.print(final));
      else ctx.stdout.write(output === 'name' ? `${name}\n` : output === 'json' ? printJson(final) : output === 'yaml' ? printYaml(final) : `${name} condition met\n`);
      met.push({ object: name, namespace: visit.namespace });
    }
  }
  if (visited === 0 && condition.kind !== 'delete') throw new KubectlError('error: no matching resources found');
  ctx.emit({ kind: 'wait', for: flagString(args, 'for') ?? '', met });
  return 0;
}

function filenames(args: KubectlRun['args']): string[] {
  const v = args.flags.get('filename');
  return Array.isArray(v) ? v : [];
}

/** The objects named, or selected, one at a time (as kubectl visits them). Missing ones are skipped when waiting for deletion. */
async function* objectsOf(run: KubectlRun, type: ResourceType, names: string[], namespace: string, query: { labelSelector?: string; fieldSelector?: string }, forDelete: boolean): AsyncGenerator<Visit> {
  if (names.length === 0) {
    const ns = run.allNamespaces ? undefined : namespace;
    const list = await run.json<{ items: KubeObject[] }>({ path: resourcePath(type, ns), query });
    for (const object of list.items) yield { type, namespace: object.metadata?.namespace ?? namespace, name: object.metadata?.name ?? '', object };
    return;
  }
  for (const name of names) {
    const response = await run.request({ path: resourcePath(type, namespace, name) });
    if (response.status === 404 && forDelete) continue;
    if (response.status >= 400) throw serverError(response);
    yield { type, namespace, name, object: JSON.parse(response.text) as KubeObject };
  }
}

/** Waits until the condition holds for one object; kubectl's error when time runs out. */
async function waitFor(run: KubectlRun, visit: Visit, condition: WaitCondition, deadline: number | undefined): Promise<KubeObject> {
  const label = `${visit.type.resource}/${visit.name}`;
  const path = resourcePath(visit.type, visit.type.namespaced ? visit.namespace : undefined);
  const holds = (o: KubeObject) => condition.kind !== 'delete' && condition.check(o as WaitObject);
  if (deadline === undefined) {
    const response = await run.request({ path: resourcePath(visit.type, visit.namespace, visit.name) });
    if (condition.kind === 'delete') {
      if (response.status === 404) return visit.object;
      if (response.status >= 400) throw serverError(response);
      throw new KubectlError(`error: condition not met for ${label}`);
    }
    if (response.status >= 400) throw serverError(response);
    const object = JSON.parse(response.text) as KubeObject;
    if (!holds(object)) throw new KubectlError(`error: condition not met for ${label}`);
    return object;
  }
  const fieldSelector = `metadata.name=${visit.name}`;
  for (;;) {
    if (Date.now() >= deadline) throw new KubectlError(`error: timed out waiting for the condition on ${label}`);
    const list = await run.json<{ items: KubeObject[]; metadata?: { resourceVersion?: string } }>({ path, query: { fieldSelector } });
    // List items come without kind and apiVersion; kubectl prints them with both.
    const apiVersion = visit.type.group ? `${visit.type.group}/${visit.type.version}` : visit.type.version;
    const current = list.items[0] && { apiVersion, kind: visit.type.kind, ...list.items[0] };
    if (!current) {
      if (condition.kind === 'delete') return visit.object;
      throw new KubectlError(`Error from server (NotFound): ${visit.type.group ? `${visit.type.resource}.${visit.type.group}` : visit.type.resource} "${visit.name}" not found`);
    }
    if (holds(current)) return current;
    const seen = await watchUntil(run, path, fieldSelector, list.metadata?.resourceVersion, deadline, (type, object) => (condition.kind === 'delete' ? type === 'DELETED' : type !== 'DELETED' && holds(object)));
    if (seen) return condition.kind === 'delete' ? current : seen;
  }
}

/** Watches from `resourceVersion` until `done` says so (its object), or the watch ends (undefined). */
async function watchUntil(run: KubectlRun, path: string, fieldSelector: string, resourceVersion: string | undefined, deadline: number, done: (type: string, object: KubeObject) => boolean): Promise<KubeObject | undefined> {
  const connection = await run.connection();
  const stop = new AbortController();
  const signal = AbortSignal.any([run.ctx.signal, stop.signal, AbortSignal.timeout(Math.max(1, deadline - Date.now()))]);
  let found: KubeObject | undefined;
  let failure: unknown;
  try {
    const query = { fieldSelector, resourceVersion, watch: 1, allowWatchBookmarks: true };
    const result = await connection.stream(
      { path, query, signal },
      watchEventReader<KubeObject>((event) => {
        if (found || event.type === 'BOOKMARK' || event.type === 'ERROR') return;
        try {
          if (done(event.type, event.object)) found = event.object;
        } catch (error) {
          failure = error;
          found = event.object;
        }
        if (found) stop.abort();
      }),
    );
    if (result.status >= 400) throw serverError({ status: result.status, headers: {}, text: result.text ?? '' });
  } catch (error) {
    if (!signal.aborted || run.ctx.signal.aborted) throw error;
  }
  if (failure) throw failure;
  return found;
}
