// kubectl config current-context|get-contexts|get-clusters|get-users|view|
// use-context|set-context. Reading needs no cluster; use-context and
// set-context change the kubeconfig file, so they are state-changing steps.

import { flagBool, flagString, type ParsedArgs } from '../args';
import { unknownSubcommandMessage } from '../commandNames';
import { structJson } from '../jsonText';
import { defaultFile, editFile, loadKubeconfig, viewObject, type MergedKubeconfig } from '../kubeconfigFiles';
import { registerKubeconfigUsers } from '../secrets';
import { printJsonPath } from '../printers/jsonpath';
import { printYaml } from '../printers/objects';
import { tableWriter } from '../printers/tabwriter';
import { KubectlError, type KubectlRun } from '../session';
import { templatePrinter } from '../templateOutput';
import type { Verb } from './verb';

const IMPLEMENTED = new Set(['use-context', 'use', 'set-context']);
const READS = ['current-context', 'get-contexts', 'get-clusters', 'get-users', 'view'];
const WRITES = new Set(['use-context', 'use', 'set-context', 'set', 'unset', 'set-cluster', 'set-credentials', 'delete-context', 'delete-cluster', 'delete-user', 'rename-context']);

export const config: Verb = {
  name: 'config',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'no-headers', type: 'bool' },
    { name: 'raw', type: 'bool' },
    { name: 'minify', type: 'bool' },
    { name: 'flatten', type: 'bool' },
    { name: 'merge', type: 'bool' },
    { name: 'current', type: 'bool' },
    { name: 'allow-missing-template-keys', type: 'bool' },
    { name: 'template', type: 'string' },
    { name: 'show-managed-fields', type: 'bool' },
  ],
  subcommands: [...READS, ...WRITES],
  usage: "See 'kubectl config -h' for help and examples",
  effect: (args: ParsedArgs) => (WRITES.has(args.positionals[0] ?? '') ? 'change' : 'read'),
  action: (args: ParsedArgs) => `config ${args.positionals.join(' ')}`.trim(),
  notNative: (args) => {
    const sub = args.positionals[0];
    return sub && WRITES.has(sub) && !IMPLEMENTED.has(sub) ? `kubectl config ${sub}: not run: this subcommand does not run natively yet; run it in a terminal` : undefined;
  },
  run: runConfig,
};

const CONFIG_HELP = `Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".

 The loading order follows these rules:

  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.
  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.
  3.  Otherwise, \${HOME}/.kube/config is used and no merging takes place.

Available Commands:
  current-context   Display the current-context
  delete-cluster    Delete the specified cluster from the kubeconfig
  delete-context    Delete the specified context from the kubeconfig
  delete-user       Delete the specified user from the kubeconfig
  get-clusters      Display clusters defined in the kubeconfig
  get-contexts      Describe one or many contexts
  get-users         Display users defined in the kubeconfig
  rename-context    Rename a context from the kubeconfig file
  set               Set an individual value in a kubeconfig file
  set-cluster       Set a cluster entry in kubeconfig
  set-context       Set a context entry in kubeconfig
  set-credentials   Set a user entry in kubeconfig
  unset             Unset an individual value in a kubeconfig file
  use-context       Set the current-context in a kubeconfig file
  view              Display merged kubeconfig settings or a specified kubeconfig file

Usage:
  kubectl config SUBCOMMAND [options]

Use "kubectl config <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).`;

async function runConfig(run: KubectlRun): Promise<number> {
  const { args } = run;
  const [sub, ...rest] = args.positionals;
  const kubeconfig = loadKubeconfig(run.ctx.env, flagString(args, 'kubeconfig'));
  registerKubeconfigUsers(run.ctx.session.masker, kubeconfig.users.map((u) => u.fields));
  switch (sub) {
    case 'current-context':
      if (!kubeconfig.currentContext) throw new KubectlError('error: current-context is not set');
      run.ctx.stdout.write(`${kubeconfig.currentContext}\n`);
      return 0;
    case 'get-contexts':
      return getContexts(run, kubeconfig, rest);
    case 'get-clusters':
      run.ctx.stdout.write(['NAME', ...kubeconfig.clusters.map((c) => c.name)].map((n) => `${n}\n`).join(''));
      return 0;
    case 'get-users':
      run.ctx.stdout.write(['NAME', ...kubeconfig.users.map((u) => u.name)].map((n) => `${n}\n`).join(''));
      return 0;
    case 'view':
      return view(run, kubeconfig);
    case 'use-context':
    case 'use':
      return useContext(run, kubeconfig, rest);
    case 'set-context':
      return setContext(run, kubeconfig, rest);
    case undefined:
      throw new KubectlError(CONFIG_HELP);
    default:
      throw new KubectlError(unknownSubcommandMessage('kubectl config', args.positionals));
  }
}

function getContexts(run: KubectlRun, kubeconfig: MergedKubeconfig, names: string[]): number {
  const output = flagString(run.args, 'output') ?? '';
  if (output !== '' && output !== 'name') throw new KubectlError(`error: --output ${output} is not available in kubectl config get-contexts; resetting to default output format`);
  const shown = names.length ? kubeconfig.contexts.filter((c) => names.includes(c.name)) : kubeconfig.contexts;
  if (output === 'name') {
    run.ctx.stdout.write(shown.map((c) => `${c.name}\n`).join(''));
  } else {
    const rows = flagBool(run.args, 'no-headers') ? [] : [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']];
    for (const c of shown) {
      rows.push([c.name === kubeconfig.currentContext ? '*' : '', c.name, String(c.fields.cluster ?? ''), String(c.fields.user ?? ''), String(c.fields.namespace ?? '')]);
    }
    run.ctx.stdout.write(tableWriter().formatRows(rows));
  }
  run.ctx.emit({ kind: 'kube-contexts', current: kubeconfig.currentContext, contexts: shown.map((c) => ({ name: c.name, ...c.fields })) });
  const missing = names.filter((n) => !kubeconfig.contexts.some((c) => c.name === n));
  if (missing.length) throw new KubectlError(missing.map((n) => `error: context ${n} not found`).join('\n'));
  return 0;
}

function view(run: KubectlRun, kubeconfig: MergedKubeconfig): number {
  const { args } = run;
  const output = flagString(args, 'output') ?? 'yaml';
  const template = templatePrinter(run);
  let object: Record<string, unknown>;
  try {
    object = viewObject(kubeconfig, { raw: flagBool(args, 'raw') || flagBool(args, 'flatten'), minify: flagBool(args, 'minify'), context: flagString(args, 'context') });
  } catch (error) {
    throw new KubectlError(`error: ${(error as Error).message}`);
  }
  if (template) run.ctx.stdout.write(template.print(object));
  else if (output === 'yaml' || output === '') run.ctx.stdout.write(printYaml(object));
  else if (output === 'json') run.ctx.stdout.write(structJson(object));
  else if (output.startsWith('jsonpath=')) run.ctx.stdout.write(printJsonPath(output.slice('jsonpath='.length), object));
  else throw new KubectlError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`);
  return 0;
}

function useContext(run: KubectlRun, kubeconfig: MergedKubeconfig, rest: string[]): number {
  const name = rest[0];
  if (!name) throw new KubectlError("error: Unexpected args: []\nSee 'kubectl config use-context -h' for help and examples");
  if (!kubeconfig.contexts.some((c) => c.name === name)) throw new KubectlError(`error: no context exists with the name: "${name}"`);
  // The file that already sets a current context, else the one that defines this context, else the default file.
  const file =
    (kubeconfig.explicit ? kubeconfig.files[0] : undefined) ??
    kubeconfig.files.find((f) => loadKubeconfig({}, f).currentContext !== '') ??
    kubeconfig.contexts.find((c) => c.name === name)?.file ??
    defaultFile(kubeconfig, run.ctx.env);
  editFile(file, (doc) => doc.set('current-context', name));
  run.ctx.stdout.write(`Switched to context "${name}".\n`);
  run.ctx.emit({ kind: 'kube-context', context: name, file });
  return 0;
}

function setContext(run: KubectlRun, kubeconfig: MergedKubeconfig, rest: string[]): number {
  const { args } = run;
  const current = flagBool(args, 'current');
  if (current && rest.length) throw new KubectlError('error: you cannot specify both a context name and --current');
  if (!current && !rest[0]) throw new KubectlError('error: you must specify a non-empty context name or --current');
  const name = current ? kubeconfig.currentContext : rest[0];
  if (!name) throw new KubectlError('error: no current context is set');
  const existing = kubeconfig.contexts.find((c) => c.name === name);
  const changes: Record<string, string> = {};
  for (const [flag, field] of [['cluster', 'cluster'], ['user', 'user'], ['namespace', 'namespace']] as const) {
    const value = flagString(args, flag);
    if (value !== undefined) changes[field] = value;
  }
  const file = existing?.file ?? defaultFile(kubeconfig, run.ctx.env);
  editFile(file, (doc) => {
    const contexts = (doc.get('contexts') as { items?: unknown[] } | undefined)?.items ?? [];
    const index = contexts.findIndex((item) => (item as { get?: (k: string) => unknown }).get?.('name') === name);
    if (index < 0) {
      doc.addIn(['contexts'], doc.createNode({ name, context: changes }));
      return;
    }
    for (const [field, value] of Object.entries(changes)) {
      if (value === '') doc.deleteIn(['contexts', index, 'context', field]);
      else doc.setIn(['contexts', index, 'context', field], value);
    }
  });
  run.ctx.stdout.write(`Context "${name}" ${existing ? 'modified' : 'created'}.\n`);
  run.ctx.emit({ kind: 'kube-context-edit', context: name, file, changes });
  return 0;
}
