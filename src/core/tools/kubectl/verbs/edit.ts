// kubectl edit: the object as YAML (or JSON) under kubectl's header comment,
// edited in VS Code or $KUBE_EDITOR/$EDITOR, then the difference sent as a
// strategic merge patch that carries the resourceVersion the user saw: if
// the object changed meanwhile the server refuses (409) and nothing is
// overwritten. Syntax and validation errors reopen the editor with the
// reasons in the header, as kubectl does.

import { flagBool, flagString } from '../args';
import { resourcePath } from '../discovery';
import { editorFor, preserveCopy } from '../editor';
import { unifiedDiff } from '../lineDiff';
import { parseYamlDocuments, YamlSyntaxError } from '../manifests';
import { printJson, printYaml, type KubeObject } from '../printers/objects';
import { KubectlError, type KubectlRun } from '../session';
import { isBuiltInGroup, jsonEqual, twoWayPatch, type Json } from '../strategicMerge';
import { describeAction, parseStatus, quotedResource, readObject, refName, selectObjects, statusMessage, writeError, type ObjectRef } from '../writes';
import type { Verb } from './verb';

export const EDIT_HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

export const edit: Verb = {
  name: 'edit',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'field-manager', type: 'string' },
    { name: 'validate', type: 'string' },
    { name: 'save-config', type: 'bool' },
    { name: 'windows-line-endings', type: 'bool' },
    { name: 'subresource', type: 'string' },
    { name: 'output-patch', type: 'bool' },
  ],
  usage: 'kubectl edit (RESOURCE/NAME | -f FILENAME)',
  effect: () => 'change',
  action: (args) => describeAction('edit', args),
  run: runEdit,
};

/** The edited text without comment lines, parsed; null for an empty file. */
function parseEdited(text: string, json: boolean): Json {
  const kept = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#') || line.trimStart().startsWith('#!'))
    .join('\n');
  if (json && kept.trim()) {
    try {
      return JSON.parse(kept) as Json;
    } catch (error) {
      throw new YamlSyntaxError((error as Error).message);
    }
  }
  const docs = parseYamlDocuments(kept).filter((d) => d !== null && d !== undefined);
  return (docs[0] ?? null) as Json;
}

async function runEdit(run: KubectlRun): Promise<number> {
  const { args, ctx } = run;
  if (args.flags.has('filename')) throw new KubectlError('kubectl edit -f does not run natively yet; name the object instead (TYPE/NAME)', 127);
  const output = flagString(args, 'output') ?? 'yaml';
  if (output !== 'yaml' && output !== 'json') throw new KubectlError(`error: the edit mode must be one of: yaml, json`);
  const json = output === 'json';
  await run.setTarget();
  const namespace = await run.namespace();
  const refs = await selectObjects(run, args.positionals, namespace);
  if (refs.length !== 1) throw new KubectlError(refs.length ? 'kubectl edit of several objects at once does not run natively yet; edit them one at a time' : 'error: no objects passed to edit', refs.length ? 127 : 1);
  const ref = refs[0];
  const { object: fetched, response } = await readObject(run, ref, namespace);
  if (!fetched) throw writeError(response);
  const original = flagBool(args, 'show-managed-fields') ? fetched : stripManagedFields(fetched);
  const rendered = json ? printJson(original) : printYaml(original);
  const editor = editorFor(ctx);
  const config = run.config();
  const title = `${refName(ref)} (${config.context}/${namespace})`;
  const language = json ? 'json' : 'yaml';
  let header = EDIT_HEADER;
  let body = rendered;
  let previous: Json | undefined;
  for (;;) {
    const edited = await editor({ title, text: header + body, language });
    if (edited === undefined) {
      if (previous === undefined) {
        ctx.stderr.write('Edit cancelled, no changes made.\n');
        return 0;
      }
      throw new KubectlError('error: Edit cancelled, no valid changes were saved.');
    }
    let value: Json;
    try {
      value = parseEdited(edited, json);
    } catch (error) {
      if (!(error instanceof YamlSyntaxError)) throw error;
      if (previous !== undefined && body === stripComments(edited)) return giveUp(run, edited, language);
      header = `${EDIT_HEADER}# The edited file had a syntax error: ${error.message}\n#\n`;
      body = stripComments(edited);
      previous = null;
      continue;
    }
    if (previous !== undefined && jsonEqual(value, previous)) return giveUp(run, edited, language);
    if (jsonEqual(value, original)) {
      ctx.stderr.write('Edit cancelled, no changes made.\n');
      return 0;
    }
    if (value === null || (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)) {
      ctx.stderr.write('Edit cancelled, saved file was empty.\n');
      return 0;
    }
    const changed = value as { [key: string]: Json };
    const meta = (changed.metadata ?? {}) as { [key: string]: Json };
    if (changed.apiVersion !== original.apiVersion || changed.kind !== original.kind || meta.name !== original.metadata?.name) {
      ctx.stderr.write(`A copy of your changes has been stored to "${preserveCopy(edited, language)}"\n`);
      throw new KubectlError('error: At least one of apiVersion, kind and name was changed');
    }
    const result = await save(run, ref, namespace, original, changed, edited, language);
    if (result.kind === 'invalid') {
      header = `${EDIT_HEADER}# ${quotedResource(ref)} was not valid:\n${result.reasons.map((r) => `# * ${r}\n`).join('')}#\n`;
      body = stripComments(edited);
      previous = value;
      continue;
    }
    const after = json ? JSON.stringify(value, null, 4) + '\n' : printYaml(value);
    ctx.stdout.write(`${refName(ref)} ${result.kind === 'skipped' ? 'skipped' : 'edited'}\n`);
    ctx.emit({ kind: 'edit', object: refName(ref), diff: unifiedDiff(rendered, after, `${refName(ref)} (before)`, `${refName(ref)} (after)`) });
    return 0;
  }
}

function stripManagedFields(object: KubeObject): KubeObject {
  if (!object.metadata?.managedFields) return object;
  const metadata = { ...object.metadata };
  delete metadata.managedFields;
  return { ...object, metadata };
}

function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#') || line.trimStart().startsWith('#!'))
    .join('\n');
}

function giveUp(run: KubectlRun, edited: string, language: string): number {
  run.ctx.stderr.write(`A copy of your changes has been stored to "${preserveCopy(edited, language)}"\n`);
  throw new KubectlError('error: Edit cancelled, no valid changes were saved.');
}

type SaveResult = { kind: 'edited' | 'skipped' } | { kind: 'invalid'; reasons: string[] };

async function save(run: KubectlRun, ref: ObjectRef, namespace: string, original: KubeObject, changed: { [key: string]: Json }, edited: string, language: string): Promise<SaveResult> {
  const strategic = isBuiltInGroup(ref.type.group);
  const patch = twoWayPatch(original as { [key: string]: Json }, changed, original.kind, strategic);
  if (Object.keys(patch).length === 0) return { kind: 'skipped' };
  // The version the user saw: a change made meanwhile makes the server refuse the patch.
  const metadata = (patch.metadata ?? {}) as { [key: string]: Json };
  if (!('resourceVersion' in metadata)) patch.metadata = { ...metadata, resourceVersion: original.metadata?.resourceVersion as string };
  const response = await run.request({
    method: 'PATCH',
    path: resourcePath(ref.type, namespace, ref.name),
    body: patch,
    contentType: strategic ? 'application/strategic-merge-patch+json' : 'application/merge-patch+json',
    query: { fieldManager: flagString(run.args, 'field-manager') ?? 'kubectl-edit', fieldValidation: 'Strict' },
  });
  if (response.status < 400) return { kind: 'edited' };
  const status = parseStatus(response.text);
  if (response.status === 422 || status?.reason === 'Invalid') {
    const causes = status?.details?.causes ?? [];
    return { kind: 'invalid', reasons: causes.length ? causes.map((c) => (c.field ? `${c.field}: ${c.message ?? ''}` : c.message ?? '')) : [statusMessage(response)] };
  }
  const copy = preserveCopy(edited, language);
  if (response.status === 404) {
    throw new KubectlError(`error: ${quotedResource(ref)} could not be found on the server\nThe edits you made on deleted resources have been saved to "${copy}"`);
  }
  if (response.status === 409) {
    throw new KubectlError(
      `error: ${quotedResource(ref)} could not be patched: ${statusMessage(response)}\nA copy of your changes has been stored to "${copy}"\nNothing was changed: the object was modified on the server while you were editing it. Run the edit again to start from its current version.`,
    );
  }
  throw new KubectlError(`error: ${quotedResource(ref)} could not be patched: ${statusMessage(response)}\nYou can run \`kubectl replace -f ${copy}\` to try this update again.`);
}
