// kubectl rollout status|history|undo|restart|pause|resume for Deployments,
// StatefulSets and DaemonSets. status and history only read; the others
// patch the workload as kubectl does.

import type { RolloutActionData } from '../../../results/toolData';
import { flagInt, flagString, type FlagSpec, type ParsedArgs } from '../args';
import type { Json } from '../describe/format';
import { qualifiedResource, resourcePath } from '../discovery';
import { findRevision, historyTable, rolloutHistory, templateText, workloadKind } from '../rolloutHistory';
import { watchRollout } from '../rolloutStatus';
import { undoRollout } from '../rolloutUndo';
import { KubectlError, type KubectlRun } from '../session';
import { resolveTargets } from '../targets';
import { describeAction, dryRun, dryRunSuffix, patchObject, refName, writeError, DRY_RUN_FLAG, type ObjectRef } from '../writes';
import type { Verb } from './verb';

const COMMON: readonly FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
];
const SUBCOMMAND_FLAGS: Record<string, readonly FlagSpec[]> = {
  status: [{ name: 'watch', short: 'w', type: 'bool' }, { name: 'revision', type: 'int' }, { name: 'timeout', type: 'string' }],
  history: [{ name: 'revision', type: 'int' }, { name: 'output', short: 'o', type: 'string' }, { name: 'show-managed-fields', type: 'bool' }],
  undo: [{ name: 'to-revision', type: 'int' }, DRY_RUN_FLAG, { name: 'output', short: 'o', type: 'string' }],
  restart: [{ name: 'output', short: 'o', type: 'string' }, { name: 'field-manager', type: 'string' }],
  pause: [{ name: 'output', short: 'o', type: 'string' }, { name: 'field-manager', type: 'string' }],
  resume: [{ name: 'output', short: 'o', type: 'string' }, { name: 'field-manager', type: 'string' }],
};
const ALL_FLAGS = [...COMMON, ...new Map(Object.values(SUBCOMMAND_FLAGS).flat().map((f) => [f.name, f])).values()];
const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

export const rollout: Verb = {
  name: 'rollout',
  flags: ALL_FLAGS,
  subcommands: Object.keys(SUBCOMMAND_FLAGS),
  usage: 'kubectl rollout SUBCOMMAND [options]',
  effect: (args) => {
    const sub = args.positionals[0];
    if (sub === undefined || sub === 'status' || sub === 'history') return 'read';
    return sub === 'undo' && ['client', 'server'].includes(flagString(args, 'dry-run') ?? '') ? 'read' : 'change';
  },
  ownTimeout: (args) => args.positionals[0] === 'status' && flagString(args, 'timeout') !== undefined,
  action: (args) => `rollout ${describeAction(args.positionals[0] ?? '', { ...args, positionals: args.positionals.slice(1) })}`.trim(),
  run: runRollout,
};

/** `2026-11-28T04:31:50Z` or `...+02:00`: Go's RFC 3339 in the local zone, as restartedAt is written. */
function rfc3339Now(): string {
  const now = new Date();
  const offset = -now.getTimezoneOffset();
  const local = new Date(now.getTime() + offset * 60_000).toISOString().slice(0, 19);
  if (offset === 0) return `${local}Z`;
  const abs = Math.abs(offset);
  return `${local}${offset > 0 ? '+' : '-'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function checkFlags(args: ParsedArgs, sub: string): void {
  const allowed = new Set([...COMMON, ...SUBCOMMAND_FLAGS[sub]].map((f) => f.name));
  for (const name of args.flags.keys()) {
    if (!allowed.has(name) && ALL_FLAGS.some((f) => f.name === name)) throw new KubectlError(`Error: unknown flag: --${name}\nSee 'kubectl rollout ${sub} --help' for usage.`);
  }
}

async function runRollout(run: KubectlRun): Promise<number> {
  const { args, ctx } = run;
  const [sub, ...words] = args.positionals;
  if (!sub) throw new KubectlError('Manage the rollout of one or many resources.\n\nUsage:\n  kubectl rollout SUBCOMMAND [options]\n\nUse "kubectl rollout <command> --help" for more information about a given command.');
  checkFlags(args, sub);
  if (words.length === 0 && !args.flags.has('filename')) throw new KubectlError('error: required resource not specified');
  if (args.flags.has('filename')) throw new KubectlError(`kubectl rollout ${sub} -f does not run natively yet; name the resource instead (TYPE/NAME)`, 127);
  if (sub === 'history' && args.flags.has('output')) throw new KubectlError('kubectl rollout history -o does not run natively yet; run it in a terminal', 127);
  const revision = flagInt(args, 'revision');
  if (sub === 'history' && revision !== undefined && revision < 0) throw new KubectlError(`error: revision must be a positive integer: ${revision}`);
  const mode = sub === 'undo' ? dryRun(args) : 'none';
  await run.setTarget();
  const namespace = await run.namespace();
  const refs = await rolloutTargets(run, words, namespace);
  const errors: string[] = [];
  for (const ref of refs) {
    try {
      if (sub === 'status') {
        await watchRollout(run, ref.type, ref.name, namespace);
        continue;
      }
      const response = await run.request({ path: resourcePath(ref.type, namespace, ref.name) });
      if (response.status >= 400) throw writeError(response);
      const workload = JSON.parse(response.text) as Json;
      const operation = await subcommand(run, sub, ref, workload, namespace, mode);
      ctx.stdout.write(`${refName(ref)} ${operation}${sub === 'undo' ? dryRunSuffix(mode) : ''}\n`);
      ctx.emit({ kind: `rollout-${sub}` as RolloutActionData['kind'], object: `${ref.type.resource}/${ref.name}`, result: operation.split('\n')[0] });
    } catch (error) {
      if (!(error instanceof KubectlError) || error.exitCode !== 1) throw error;
      if (refs.length === 1 || sub === 'status') throw prefixed(error.message);
      errors.push(error.message);
    }
  }
  if (errors.length === 1) throw prefixed(errors[0]);
  if (errors.length) throw new KubectlError(errors.map((e) => e.replace(/^error: /, '')).join('\n'));
  return 0;
}

function prefixed(message: string): KubectlError {
  return new KubectlError(/^(error: |Error from server|Error: )/.test(message) ? message : `error: ${message}`);
}

/** `TYPE NAME...`, `TYPE/NAME...`, or every object of TYPE (filtered by -l). */
async function rolloutTargets(run: KubectlRun, words: readonly string[], namespace: string): Promise<ObjectRef[]> {
  const refs: ObjectRef[] = [];
  for (const group of await resolveTargets(run, words, '')) {
    if (group.names.length) refs.push(...group.names.map((name) => ({ type: group.type, name })));
    else {
      const list = await run.json<{ items: Json[] }>({ path: resourcePath(group.type, namespace), query: { labelSelector: flagString(run.args, 'selector') } });
      refs.push(...list.items.map((item) => ({ type: group.type, name: item.metadata?.name ?? '' })));
    }
  }
  return refs;
}

async function subcommand(run: KubectlRun, sub: string, ref: ObjectRef, workload: Json, namespace: string, mode: ReturnType<typeof dryRun>): Promise<string> {
  const kind = workloadKind(ref.type);
  const named = `${qualifiedResource(ref.type)} "${ref.name}"`;
  const groupKind = `{${ref.type.group} ${ref.type.kind}}`;
  if (sub === 'history') {
    if (!kind) throw new KubectlError(`error: error retrieving history for "${ref.type.kind}", no visitor method exists for ${groupKind}`);
    const revisions = await rolloutHistory(run, ref.type, workload, namespace);
    const revision = flagInt(run.args, 'revision') ?? 0;
    if (revision <= 0) return historyTable(revisions);
    const found = findRevision(revisions, revision);
    return `with revision #${revision}\n${templateText(found.template, kind === 'Deployment' ? found.changeCause : undefined, run.ctx.env)}`;
  }
  if (sub === 'undo') {
    if (!kind) throw new KubectlError(`error: error retrieving rollbacker for "${ref.type.kind}", no visitor method exists for ${groupKind}`);
    return undoRollout(run, ref.type, workload, namespace, flagInt(run.args, 'to-revision') ?? 0, mode);
  }
  const fieldManager = flagString(run.args, 'field-manager') ?? 'kubectl-rollout';
  let patch: Json;
  let operation: string;
  if (sub === 'restart') {
    if (!kind) throw new KubectlError(`${named} restarting is not supported`);
    if (kind === 'Deployment' && workload.spec?.paused) throw new KubectlError(`${named} can't restart paused deployment (run rollout resume first)`);
    const at = rfc3339Now();
    if (workload.spec?.template?.metadata?.annotations?.[RESTARTED_AT] === at) {
      throw new KubectlError(`failed to create patch for ${ref.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`);
    }
    patch = { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: at } } } } };
    operation = 'restarted';
  } else {
    const pausing = sub === 'pause';
    if (kind !== 'Deployment') throw new KubectlError(`${named} ${pausing ? 'pausing' : 'resuming'} is not supported`);
    if (pausing && workload.spec?.paused) throw new KubectlError(`${named} is already paused`);
    if (!pausing && !workload.spec?.paused) throw new KubectlError(`${named} is not paused`);
    patch = { spec: { paused: pausing ? true : null } };
    operation = pausing ? 'paused' : 'resumed';
  }
  await patchObject(run, ref, namespace, patch, 'application/strategic-merge-patch+json', { fieldManager });
  return operation;
}
