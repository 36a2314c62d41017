// kubectl scale: a merge patch of the scale subresource (`{"spec":{"replicas":N}}`),
// or, with --current-replicas/--resource-version, a read-check-update of it.

import { flagInt, flagString, type ParsedArgs } from '../args';
import { commandFailed } from '../commandFailed';
import { resourcePath } from '../discovery';
import type { KubeObject } from '../printers/objects';
import { KubectlError, type KubectlRun } from '../session';
import {
  checkOutput,
  describeAction,
  dryRun,
  dryRunQuery,
  changesUnlessDryRun,
  printResult,
  readObject,
  selectObjects,
  SELECT_FLAGS,
  statusMessage,
  WRITE_OUTPUT_FLAGS,
  writeError,
  type ObjectRef,
} from '../writes';
import type { Effect } from '../../../engine/tool';
import type { Verb } from './verb';

/** Scaling to zero removes all capacity: destructive. A dry run reads. */
function scaleEffect(args: ParsedArgs): Effect {
  const effect = changesUnlessDryRun(args);
  return effect === 'change' && flagInt(args, 'replicas') === 0 ? 'destructive' : effect;
}

interface Scale {
  metadata?: { resourceVersion?: string };
  spec?: { replicas?: number };
  status?: { replicas?: number };
}

export const scale: Verb = {
  name: 'scale',
  flags: [
    ...WRITE_OUTPUT_FLAGS,
    ...SELECT_FLAGS,
    { name: 'replicas', type: 'int' },
    { name: 'current-replicas', type: 'int' },
    { name: 'resource-version', type: 'string' },
    { name: 'timeout', type: 'string' },
  ],
  usage: 'kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)',
  effect: scaleEffect,
  action: (args) => describeAction('scale', args),
  validate: validateScale,
  run: runScale,
};

function validateScale(args: ParsedArgs): void {
  const replicas = flagInt(args, 'replicas');
  if (replicas === undefined) throw commandFailed('required flag(s) "replicas" not set');
  if (replicas < 0) throw new KubectlError('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  checkOutput(args);
}

async function runScale(run: KubectlRun): Promise<number> {
  const { args, ctx } = run;
  const replicas = flagInt(args, 'replicas')!;
  const mode = dryRun(args);
  await run.setTarget();
  const namespace = await run.namespace();
  const refs = await selectObjects(run, args.positionals, namespace);
  const found: { ref: ObjectRef; object: KubeObject }[] = [];
  const missing: string[] = [];
  for (const ref of refs) {
    const { object, response } = await readObject(run, ref, namespace);
    if (object) found.push({ ref, object });
    else missing.push(statusMessage(response));
  }
  if (found.length === 0) {
    if (missing.length) throw new KubectlError(`error: no objects passed to scale ${missing[0]}`);
    throw new KubectlError('error: no objects passed to scale');
  }
  const currentReplicas = flagInt(args, 'current-replicas');
  const resourceVersion = flagString(args, 'resource-version');
  if (resourceVersion && found.length > 1) throw new KubectlError('error: cannot use --resource-version with multiple resources');
  const precondition = (currentReplicas ?? -1) >= 0 || resourceVersion !== undefined;
  let failed = false;
  for (const { ref, object } of found) {
    if (mode !== 'client') {
      const path = resourcePath(ref.type, namespace, ref.name, 'scale');
      if (precondition) {
        const current = await run.json<Scale>({ path });
        if ((currentReplicas ?? -1) >= 0 && (current.spec?.replicas ?? 0) !== currentReplicas) {
          throw new KubectlError(`error: Expected replicas to be ${currentReplicas}, was ${current.spec?.replicas ?? 0}`);
        }
        if (resourceVersion && current.metadata?.resourceVersion !== resourceVersion) {
          throw new KubectlError(`error: Expected resource version to be ${resourceVersion}, was ${current.metadata?.resourceVersion ?? ''}`);
        }
        const body = { ...current, spec: { ...current.spec, replicas } };
        const response = await run.request({ method: 'PUT', path, body, query: dryRunQuery(mode) });
        if (response.status >= 400) {
          ctx.stderr.write(writeError(response).message + '\n');
          failed = true;
          continue;
        }
      } else {
        const response = await run.request({ method: 'PATCH', path, body: { spec: { replicas } }, contentType: 'application/merge-patch+json', query: dryRunQuery(mode) });
        if (response.status >= 400) {
          ctx.stderr.write(writeError(response).message + '\n');
          failed = true;
          continue;
        }
      }
    }
    printResult(run, ref, object, 'scaled', mode);
    ctx.emit({ kind: 'scaled', object: `${ref.type.resource}/${ref.name}`, replicas, dryRun: mode === 'none' ? undefined : mode });
  }
  for (const message of missing) ctx.stderr.write(`Error from server (NotFound): ${message}\n`);
  return failed || missing.length ? 1 : 0;
}
