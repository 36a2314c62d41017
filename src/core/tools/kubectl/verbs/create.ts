// kubectl create -f: each object of the files is created as written
// (`created`); one that already exists is an error, the others still go.

import { flagBool, flagString, type ParsedArgs } from '../args';
import { resourcePath } from '../discovery';
import { planManifests } from '../manifests';
import type { KubeObject } from '../printers/objects';
import { KubectlError, type KubectlRun } from '../session';
import { checkOutput, describeAction, dryRun, dryRunQuery, changesUnlessDryRun, printResult, SELECT_FLAGS, WRITE_OUTPUT_FLAGS } from '../writes';
import { sourced, withLastApplied } from './apply';
import type { Verb } from './verb';

/** `kubectl create deployment ...`: the generators kubectl has, with their aliases (they run in a terminal). */
const GENERATORS = [
  'clusterrole', 'clusterrolebinding', 'configmap', 'cm', 'cronjob', 'cj', 'deployment', 'deploy', 'ingress', 'ing', 'job',
  'namespace', 'ns', 'poddisruptionbudget', 'pdb', 'priorityclass', 'pc', 'quota', 'resourcequota', 'role', 'rolebinding',
  'secret', 'service', 'svc', 'serviceaccount', 'sa', 'token',
];

/** Any other word is an argument `create -f` does not take. */
const unexpected = (args: ParsedArgs): boolean => args.positionals.length > 0 && !GENERATORS.includes(args.positionals[0]);

export const create: Verb = {
  name: 'create',
  flags: [...WRITE_OUTPUT_FLAGS, ...SELECT_FLAGS, { name: 'save-config', type: 'bool' }, { name: 'edit', type: 'bool' }, { name: 'raw', type: 'string' }],
  usage: 'kubectl create -f FILENAME',
  effect: (args) => (unexpected(args) ? 'read' : changesUnlessDryRun(args)),
  action: (args) => describeAction('create', args),
  notNative: (args) => {
    const [sub] = args.positionals;
    if (sub && !unexpected(args)) return `kubectl create ${sub} does not run natively yet; run it in a terminal, or create the object from a file with kubectl create -f`;
    if (flagBool(args, 'edit') || flagString(args, 'raw')) return 'kubectl create --edit/--raw does not run natively yet; run it in a terminal';
    return undefined;
  },
  run: runCreate,
};

async function runCreate(run: KubectlRun): Promise<number> {
  const { args, ctx } = run;
  if (unexpected(args)) throw new KubectlError(`error: Unexpected args: [${args.positionals.join(' ')}]\nSee 'kubectl create -h' for help and examples`);
  checkOutput(args);
  const mode = dryRun(args);
  const planned = await planManifests(run, 'create');
  const errors: string[] = [];
  for (const { manifest, type, namespace: ns } of planned) {
    const object = flagBool(args, 'save-config') ? withLastApplied(manifest.object) : manifest.object;
    const ref = { type, name: object.metadata?.name ?? '' };
    let created: KubeObject = object;
    if (mode !== 'client') {
      const response = await run.request({
        method: 'POST',
        path: resourcePath(type, ns),
        body: object,
        query: { ...dryRunQuery(mode), fieldManager: flagString(args, 'field-manager') ?? 'kubectl-create', fieldValidation: 'Strict' },
      });
      if (response.status >= 400) {
        errors.push(sourced(response, 'creating', manifest.source).message);
        continue;
      }
      created = JSON.parse(response.text) as KubeObject;
    }
    printResult(run, ref, created, 'created', mode);
    ctx.emit({ kind: 'created', object: `${type.resource}/${ref.name}` });
  }
  for (const message of errors) ctx.stderr.write(message + '\n');
  return errors.length ? 1 : 0;
}
