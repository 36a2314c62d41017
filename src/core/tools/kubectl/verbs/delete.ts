// kubectl delete: by name, by -f or by -l; `deployment.apps "x" deleted`,
// then (as kubectl's --wait) until the objects are gone from the server.

import { flagBool, flagInt, flagString } from '../args';
import { qualifiedKind, resourcePath } from '../discovery';
import { durationFlag } from '../durations';
import { planManifests } from '../manifests';
import { KubectlError, type KubectlRun } from '../session';
import {
  describeAction,
  dryRun,
  dryRunSuffix,
  destroysUnlessDryRun,
  refName,
  selectObjects,
  SELECT_FLAGS,
  statusMessage,
  writeError,
  DRY_RUN_FLAG,
  type ObjectRef,
} from '../writes';
import type { Verb } from './verb';

export const del: Verb = {
  name: 'delete',
  flags: [
    DRY_RUN_FLAG,
    ...SELECT_FLAGS,
    { name: 'output', short: 'o', type: 'string' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'wait', type: 'bool' },
    { name: 'grace-period', type: 'int' },
    { name: 'now', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'cascade', type: 'string' },
    { name: 'timeout', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'interactive', short: 'i', type: 'bool' },
  ],
  usage: 'kubectl delete ([-f FILENAME] | TYPE [(NAME | -l label | --all)])',
  effect: destroysUnlessDryRun,
  action: (args) => describeAction('delete', args),
  run: runDelete,
};

interface Target extends ObjectRef {
  namespace: string;
  source?: string;
}

async function runDelete(run: KubectlRun): Promise<number> {
  const { args, ctx } = run;
  if (flagBool(args, 'interactive')) throw new KubectlError('kubectl delete --interactive asks in a terminal; run it there', 127);
  const mode = dryRun(args);
  const output = flagString(args, 'output');
  if (output !== undefined && output !== 'name') throw new KubectlError(`error: unexpected -o output mode: ${output}, the flag 'output' must be one of yaml|json|name`);
  const timeoutMs = durationFlag(flagString(args, 'timeout'), 'timeout', 'kubectl delete') || 5 * 60_000;
  await run.setTarget();
  const namespace = await run.namespace();
  const targets: Target[] = [];
  if (args.flags.has('filename')) {
    if (args.positionals.length) throw new KubectlError('error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
    for (const { manifest, type, namespace: ns } of await planManifests(run, 'delete')) {
      targets.push({ type, name: manifest.object.metadata?.name ?? '', namespace: ns, source: manifest.source });
    }
  } else {
    for (const ref of await selectObjects(run, args.positionals, namespace)) targets.push({ ...ref, namespace });
  }
  if (targets.length === 0) {
    if (!flagBool(args, 'ignore-not-found')) ctx.stdout.write('No resources found\n');
    return 0;
  }
  const body: Record<string, unknown> = { propagationPolicy: cascade(flagString(args, 'cascade')) };
  const grace = flagBool(args, 'now') ? 1 : flagBool(args, 'force') ? 0 : flagInt(args, 'grace-period');
  if (grace !== undefined && grace >= 0) body.gracePeriodSeconds = grace;
  if (mode === 'server') body.dryRun = ['All'];
  if (flagBool(args, 'force')) ctx.stderr.write('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  const errors: string[] = [];
  const deleted: { target: Target; uid?: string }[] = [];
  for (const target of targets) {
    if (mode !== 'client') {
      const response = await run.request({ method: 'DELETE', path: resourcePath(target.type, target.namespace, target.name), body, query: mode === 'server' ? { dryRun: 'All' } : {} });
      if (response.status === 404 && flagBool(args, 'ignore-not-found')) continue;
      if (response.status >= 400) {
        if (response.status !== 404 || !target.source) errors.push(writeError(response).message);
        else errors.push(`Error from server (NotFound): error when deleting "${target.source}": ${statusMessage(response)}`);
        continue;
      }
      const gone = JSON.parse(response.text) as { kind?: string; metadata?: { uid?: string } };
      deleted.push({ target, uid: gone.kind === 'Status' ? undefined : gone.metadata?.uid });
    }
    ctx.stdout.write(output === 'name' ? `${refName(target)}\n` : `${qualifiedKind(target.type)} "${target.name}" deleted${dryRunSuffix(mode)}\n`);
    ctx.emit({ kind: 'deleted', object: `${target.type.resource}/${target.name}`, dryRun: mode === 'none' ? undefined : mode });
  }
  if (mode === 'none' && args.flags.get('wait') !== false) {
    for (const { target, uid } of deleted) await waitUntilGone(run, target, uid, timeoutMs);
  }
  for (const message of errors) ctx.stderr.write(message + '\n');
  return errors.length ? 1 : 0;
}

function cascade(value: string | undefined): string {
  if (value === undefined || value === 'true' || value === 'background') return 'Background';
  if (value === 'foreground') return 'Foreground';
  if (value === 'orphan' || value === 'false') return 'Orphan';
  throw new KubectlError(`error: invalid cascade value (${value}). Must be "background", "foreground", or "orphan".`);
}

/** Polls until the object is gone (or replaced by a new one of the same name). */
async function waitUntilGone(run: KubectlRun, target: Target, uid: string | undefined, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await run.request({ path: resourcePath(target.type, target.namespace, target.name) });
    if (response.status === 404) return;
    if (response.status >= 400) throw writeError(response);
    const current = JSON.parse(response.text) as { metadata?: { uid?: string } };
    if (uid && current.metadata?.uid !== uid) return;
    if (Date.now() > deadline) throw new KubectlError(`error: timed out waiting for the condition on ${target.type.resource}/${target.name}`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 200);
      run.ctx.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
    if (run.ctx.signal.aborted) return;
  }
}
