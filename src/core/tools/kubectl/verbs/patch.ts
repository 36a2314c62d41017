// kubectl patch: the patch as given (JSON as is, YAML converted), sent with
// the content type of --type; `patched`, or `patched (no change)` when the
// server's object is the same as before.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { flagString, type ParsedArgs } from '../args';
import { resourcePath } from '../discovery';
import type { KubeObject } from '../printers/objects';
import { parseYamlDocuments } from '../manifests';
import { KubectlError, type KubectlRun } from '../session';
import { jsonEqual } from '../strategicMerge';
import {
  checkOutput,
  describeAction,
  dryRun,
  dryRunQuery,
  changesUnlessDryRun,
  printResult,
  mustRead,
  selectObjects,
  SELECT_FLAGS,
  WRITE_OUTPUT_FLAGS,
  writeError,
} from '../writes';
import type { Verb } from './verb';

const CONTENT_TYPES: Record<string, string> = {
  strategic: 'application/strategic-merge-patch+json',
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
};

export const patch: Verb = {
  name: 'patch',
  flags: [
    ...WRITE_OUTPUT_FLAGS,
    ...SELECT_FLAGS,
    { name: 'patch', short: 'p', type: 'string' },
    { name: 'patch-file', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'local', type: 'bool' },
    { name: 'subresource', type: 'string' },
  ],
  usage: 'kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE]',
  effect: changesUnlessDryRun,
  action: (args) => describeAction('patch', args),
  validate: validatePatch,
  run: runPatch,
};

/** The patch as kubectl sends it: text that looks like JSON unchanged, YAML converted to JSON. */
export function patchBody(text: string): string {
  if (/^\s*[{]/.test(text)) return text;
  try {
    return JSON.stringify(parseYamlDocuments(text)[0] ?? null);
  } catch (error) {
    throw new KubectlError(`error: unable to parse "${text}": error converting YAML to JSON: yaml: ${(error as Error).message.split('\n')[0]}`);
  }
}

function validatePatch(args: ParsedArgs): void {
  if ((flagString(args, 'patch') === undefined) === (flagString(args, 'patch-file') === undefined)) throw new KubectlError('error: must specify --patch or --patch-file containing the contents of the patch');
  const type = flagString(args, 'type') ?? 'strategic';
  if (!(type in CONTENT_TYPES)) throw new KubectlError(`error: --type must be one of [json merge strategic], not "${type}"`);
  checkOutput(args);
}

async function runPatch(run: KubectlRun): Promise<number> {
  const { args, ctx } = run;
  const inline = flagString(args, 'patch');
  const file = flagString(args, 'patch-file');
  const type = flagString(args, 'type') ?? 'strategic';
  const mode = dryRun(args);
  let text = inline ?? '';
  if (file !== undefined) {
    try {
      text = readFileSync(resolve(ctx.cwd, file), 'utf8');
    } catch {
      throw new KubectlError(`error: unable to read patch file: open ${file}: no such file or directory`);
    }
  }
  const body = patchBody(text);
  await run.setTarget();
  const namespace = await run.namespace();
  const refs = await selectObjects(run, args.positionals, namespace);
  if (refs.length === 0) throw new KubectlError('error: no objects passed to patch');
  const subresource = flagString(args, 'subresource');
  for (const ref of refs) {
    const before = await mustRead(run, ref, namespace);
    const response = await run.request({
      method: 'PATCH',
      path: resourcePath(ref.type, namespace, ref.name, subresource),
      body,
      contentType: CONTENT_TYPES[type],
      // A client-side dry run is worked out by the server without saving anything.
      query: { ...dryRunQuery(mode === 'client' ? 'server' : mode), fieldManager: flagString(args, 'field-manager') ?? 'kubectl-patch' },
    });
    if (response.status >= 400) throw writeError(response);
    const after = JSON.parse(response.text) as KubeObject;
    const changed = !jsonEqual(before, after);
    printResult(run, ref, after, changed ? 'patched' : 'patched (no change)', 'none');
    ctx.emit({ kind: 'patched', object: `${ref.type.resource}/${ref.name}`, changed, patchType: type, dryRun: mode === 'none' ? undefined : mode });
  }
  return 0;
}
