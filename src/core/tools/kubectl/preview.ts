// What a kubectl change would do, worked out without changing anything:
// a server-side dry run (dryRun=All) of the change, and the diff of each live
// object against the dry run's result, as `kubectl diff` shows it; for a
// delete, the objects that would go.

import { captureContext } from '../../engine/preview';
import type { Preview, PreviewContext } from '../../engine/tool';
import { flagInt, flagString, type ParsedArgs } from './args';
import { resourcePath } from './discovery';
import { maskSecret, objectDiff, objectYaml, type ObjectChange } from './objectDiff';
import type { KubeObject } from './printers/objects';
import { KubectlRun } from './session';
import { isDryRun, selectObjects, writeError } from './writes';
import type { Verb } from './verbs/verb';

/** Verbs whose own server-side dry run prints the object as it would be (`-o json`). */
const DRY_RUN_PRINTS_RESULT = new Set(['apply', 'patch', 'set', 'label', 'annotate']);
const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

type PreviewFn = (ctx: PreviewContext) => Promise<Preview | undefined>;

/** The preview of a kubectl line, or undefined for one that changes nothing or has none (edit: the change is typed later). */
export function kubectlPreview(native: Verb, verb: string, args: ParsedArgs): PreviewFn | undefined {
  if (isDryRun(args)) return undefined;
  if (verb === 'delete') return (ctx) => deletePreview(native, args, ctx);
  if (DRY_RUN_PRINTS_RESULT.has(verb)) return (ctx) => ownDryRunPreview(native, verb, args, ctx);
  if (verb === 'scale') {
    const replicas = flagInt(args, 'replicas');
    return (ctx) => patchPreview(args, args.positionals, { spec: { replicas } }, ctx);
  }
  if (verb === 'rollout') {
    const [sub, ...objects] = args.positionals;
    if (sub === 'undo') return (ctx) => ownDryRunPreview(native, verb, args, ctx);
    if (sub === 'restart') return (ctx) => patchPreview(args, objects, { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: new Date().toISOString().replace(/\.\d+Z$/, 'Z') } } } } }, ctx);
    if (sub === 'pause' || sub === 'resume') return (ctx) => patchPreview(args, objects, { spec: { paused: sub === 'pause' } }, ctx);
  }
  return undefined;
}

/** A context that keeps what a command prints, so its dry run can be read; it records nothing. */
/** The same arguments with flags set (or replaced). */
function withFlags(args: ParsedArgs, flags: Record<string, string>): ParsedArgs {
  return { ...args, flags: new Map([...args.flags, ...Object.entries(flags)]) };
}

/** The verb itself, run with --dry-run=server -o json: the objects as the server would store them, then the live ones. */
async function ownDryRunPreview(native: Verb, verb: string, args: ParsedArgs, ctx: PreviewContext): Promise<Preview> {
  const files = args.flags.get('filename');
  if (Array.isArray(files) && files.includes('-') && ctx.stdin === undefined) return { text: 'no preview: the manifests come from the previous stage of the pipe\n' };
  const capture = captureContext(ctx);
  const code = await native.run(new KubectlRun(capture, withFlags(args, { 'dry-run': 'server', output: 'json' }), verb));
  if (code !== 0) return { text: `server dry run failed:\n${capture.err.join('')}` };
  const merged = printedObjects(capture.out.join(''));
  const run = new KubectlRun(capture, args, verb);
  const changes: ObjectChange[] = [];
  for (const object of merged) changes.push({ live: await liveObject(run, object), merged: object });
  return changesPreview(changes);
}

/** The objects `-o json` printed: one document per object (each starts a line with `{`), or a List. */
function printedObjects(text: string): KubeObject[] {
  const objects = text.split(/\n(?=\{)/).filter((doc) => doc.trim()).map((doc) => JSON.parse(doc) as KubeObject & { items?: KubeObject[] });
  return objects.flatMap((o) => (o.kind === 'List' ? (o.items ?? []) : [o]));
}

/** A merge patch of each named object, sent with dryRun=All: what scale and rollout restart would make of it. */
async function patchPreview(args: ParsedArgs, objects: readonly string[], patch: object, ctx: PreviewContext): Promise<Preview> {
  const run = new KubectlRun(captureContext(ctx), args, 'preview');
  const namespace = await run.namespace();
  const changes: ObjectChange[] = [];
  for (const ref of await selectObjects(run, objects, namespace)) {
    const path = resourcePath(ref.type, namespace, ref.name);
    const live = await run.request({ path });
    if (live.status >= 400) throw writeError(live);
    const merged = await run.request({ method: 'PATCH', path, body: patch, contentType: 'application/merge-patch+json', query: { dryRun: 'All' } });
    if (merged.status >= 400) return { text: `server dry run failed:\n${writeError(merged).message}` };
    changes.push({ live: JSON.parse(live.text) as KubeObject, merged: JSON.parse(merged.text) as KubeObject });
  }
  return changesPreview(changes);
}

/** The object the server holds now under the same kind, namespace and name; undefined when there is none. */
async function liveObject(run: KubectlRun, object: KubeObject): Promise<KubeObject | undefined> {
  const catalog = await run.catalog();
  const type = catalog.types.find((t) => t.kind === object.kind && (t.group ? `${t.group}/${t.version}` : t.version) === object.apiVersion);
  if (!type || !object.metadata?.name) return undefined;
  const response = await run.request({ path: resourcePath(type, object.metadata.namespace, object.metadata.name) });
  if (response.status === 404) return undefined;
  if (response.status >= 400) throw writeError(response);
  return JSON.parse(response.text) as KubeObject;
}

/** The summary line and the diffs, with the objects whole before and after for a diff editor. */
function changesPreview(objects: ObjectChange[]): Preview {
  const changes = objects.map(maskSecret);
  const diffs = changes.map(objectDiff);
  const changed = diffs.filter(Boolean).length;
  const created = changes.filter((c) => !c.live).length;
  const summary = `server dry run: ${changes.length} object${changes.length === 1 ? '' : 's'}, ${changed} would change${created ? ` (${created} created)` : ''}\n`;
  const names = changes.map((c) => `${c.merged.kind}/${c.merged.metadata?.name ?? ''}`).join(', ');
  return {
    text: summary + diffs.join(''),
    diff: {
      before: changes.map((c) => objectYaml(c.live)).join('---\n'),
      after: changes.map((c) => objectYaml(c.merged)).join('---\n'),
      title: `${names}: live ↔ after the change (server dry run)`,
    },
  };
}

/** The verb itself, run with --dry-run=server -o name: the objects that would be deleted, counted by type. */
async function deletePreview(native: Verb, args: ParsedArgs, ctx: PreviewContext): Promise<Preview> {
  const capture = captureContext(ctx);
  const code = await native.run(new KubectlRun(capture, withFlags(args, { 'dry-run': 'server', output: 'name' }), 'delete'));
  const names = capture.out.join('').split('\n').filter(Boolean);
  const byType = new Map<string, number>();
  for (const name of names) {
    const type = name.slice(0, name.indexOf('/'));
    byType.set(type, (byType.get(type) ?? 0) + 1);
  }
  const selector = flagString(args, 'selector');
  const counts = [...byType].map(([type, n]) => `${n} ${type}`).join(', ');
  const head = `server dry run: would delete ${names.length} object${names.length === 1 ? '' : 's'}${counts ? ` (${counts})` : ''}${selector ? ` matching -l ${selector}` : ''}\n`;
  const failed = code !== 0 ? capture.err.join('') : '';
  return { text: head + names.map((n) => `  ${n}\n`).join('') + failed };
}
