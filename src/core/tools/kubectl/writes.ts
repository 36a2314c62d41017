// What the state-changing verbs share: --dry-run, naming the objects a
// command acts on (`TYPE NAME`, `TYPE/NAME`, `-l`), reading them, printing
// the `deployment.apps/x scaled` lines, and kubectl's words for write errors.

import type { Effect } from '../../engine/tool';
import { flagBool, flagString, type FlagSpec, type ParsedArgs } from './args';
import type { KubeResponse } from '../../connections/kubeConnection';
import { qualifiedKind, qualifiedResource, resourcePath, type ResourceType } from './discovery';
import { printJson, printName, printYaml, type KubeObject } from './printers/objects';
import { KubectlError, serverError, type KubeStatus, type KubectlRun } from './session';
import { resolveTargets } from './targets';
import { checkTemplate, templatePrinter } from './templateOutput';

export type DryRun = 'none' | 'client' | 'server';

export const DRY_RUN_FLAG: FlagSpec = { name: 'dry-run', type: 'string' };
export const WRITE_OUTPUT_FLAGS: readonly FlagSpec[] = [
  DRY_RUN_FLAG,
  { name: 'output', short: 'o', type: 'string' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'field-manager', type: 'string' },
  { name: 'validate', type: 'string' },
  { name: 'template', type: 'string' },
  { name: 'allow-missing-template-keys', type: 'bool' },
];

/** The formats kubectl's write commands accept for -o, as it lists them. */
export const WRITE_FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

export const SELECT_FLAGS: readonly FlagSpec[] = [
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'recursive', short: 'R', type: 'bool' },
];

export function dryRun(args: ParsedArgs): DryRun {
  const value = flagString(args, 'dry-run');
  if (value === undefined || value === 'none') return 'none';
  if (value === 'client' || value === 'server') return value;
  throw new KubectlError(`error: Invalid dry-run value (${value}). Must be "none", "server", or "client".`);
}

/** Whether --dry-run=client or =server is given: the command then changes nothing. */
export function isDryRun(args: ParsedArgs): boolean {
  const value = flagString(args, 'dry-run');
  return value === 'client' || value === 'server';
}

/** A dry run changes nothing, so it reads (and needs no confirmation). */
export function changesUnlessDryRun(args: ParsedArgs): Effect {
  return isDryRun(args) ? 'read' : 'change';
}

/** kubectl delete: destroys what it names, unless it is a dry run. */
export function destroysUnlessDryRun(args: ParsedArgs): Effect {
  return isDryRun(args) ? 'read' : 'destructive';
}

export function dryRunSuffix(mode: DryRun): string {
  return mode === 'server' ? ' (server dry run)' : mode === 'client' ? ' (dry run)' : '';
}

export function dryRunQuery(mode: DryRun): { dryRun?: string } {
  return mode === 'server' ? { dryRun: 'All' } : {};
}

/** `scale deployment/tiktok-toe`: the verb and the objects it names. */
export function describeAction(verb: string, args: ParsedArgs, skip = 0): string {
  const words = args.positionals.slice(skip);
  const files = args.flags.get('filename');
  const selector = flagString(args, 'selector');
  let objects: string[];
  if (words.length >= 2 && !words[0].includes('/')) objects = words.slice(1).filter((w) => !w.includes('=') && !w.endsWith('-')).map((n) => `${words[0]}/${n}`);
  else objects = words.filter((w) => w.includes('/') && !w.includes('='));
  if (Array.isArray(files) && files.length) objects.push(`-f ${files.join(',')}`);
  if (selector) objects.push(`${words[0] ?? ''} -l ${selector}`.trim());
  return `${verb} ${objects.join(' ')}`.trim();
}

export interface ObjectRef {
  type: ResourceType;
  name: string;
}

export function apiVersionOf(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

export const NO_RESOURCES = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

/** The objects `TYPE NAME...`, `TYPE/NAME...` or `TYPE -l SELECTOR` name, in order. */
export async function selectObjects(run: KubectlRun, positionals: readonly string[], namespace: string): Promise<ObjectRef[]> {
  if (positionals.length === 0) throw new KubectlError(NO_RESOURCES);
  const groups = await resolveTargets(run, positionals, '');
  const selector = flagString(run.args, 'selector');
  const everything = flagBool(run.args, 'all');
  const refs: ObjectRef[] = [];
  for (const group of groups) {
    if (group.names.length) {
      refs.push(...group.names.map((name) => ({ type: group.type, name })));
      continue;
    }
    if (selector === undefined && !everything) throw new KubectlError('error: resource(s) were provided, but no name was specified');
    const list = await run.json<{ items: KubeObject[] }>({ path: resourcePath(group.type, namespace), query: { labelSelector: selector } });
    refs.push(...list.items.map((item) => ({ type: group.type, name: item.metadata?.name ?? '' })));
  }
  return refs;
}

/** GET one object; undefined when it does not exist (with the server's response for the message). */
export async function readObject(run: KubectlRun, ref: ObjectRef, namespace: string): Promise<{ object?: KubeObject; response: KubeResponse }> {
  const response = await run.request({ path: resourcePath(ref.type, namespace, ref.name) });
  if (response.status === 404) return { response };
  if (response.status >= 400) throw writeError(response);
  return { object: JSON.parse(response.text) as KubeObject, response };
}

/** GET an object that must exist; kubectl's error when it does not. */
export async function mustRead(run: KubectlRun, ref: ObjectRef, namespace: string): Promise<KubeObject> {
  const { object, response } = await readObject(run, ref, namespace);
  if (!object) throw writeError(response);
  return object;
}

/** PATCH one object: the server's object back, or kubectl's error. */
export async function patchObject(run: KubectlRun, ref: ObjectRef, namespace: string, body: unknown, contentType: string, query: Record<string, string | undefined>): Promise<KubeObject> {
  const response = await run.request({ method: 'PATCH', path: resourcePath(ref.type, namespace, ref.name), body, contentType, query });
  if (response.status >= 400) throw writeError(response);
  return JSON.parse(response.text) as KubeObject;
}

/** `deployment.apps/tiktok-toe`. */
export function refName(ref: ObjectRef): string {
  return `${qualifiedKind(ref.type)}/${ref.name}`;
}

/** `deployments.apps "x"`, as kubectl names an object in errors. */
export function quotedResource(ref: ObjectRef): string {
  return `${qualifiedResource(ref.type)} "${ref.name}"`;
}

/** Prints an object the way `-o` asks, or `kind/name operation` (kubectl's name printer). */
export function printResult(run: KubectlRun, ref: ObjectRef, object: KubeObject | undefined, operation: string, mode: DryRun): void {
  const output = flagString(run.args, 'output') ?? '';
  const shown = object && !flagBool(run.args, 'show-managed-fields') ? withoutManagedFields(object) : object;
  const template = templatePrinter(run);
  if (template && shown) run.ctx.stdout.write(template.print(shown));
  else if (output === 'name') run.ctx.stdout.write(shown ? printName(shown) : `${refName(ref)}\n`);
  else if (output === 'json' && shown) run.ctx.stdout.write(printJson(shown));
  else if (output === 'yaml' && shown) run.ctx.stdout.write(printYaml(shown));
  else run.ctx.stdout.write(`${refName(ref)} ${operation}${dryRunSuffix(mode)}\n`);
}

/** Fails as kubectl does, before anything is read or changed, for a format it has no printer for or a template it cannot parse. */
export function checkOutput(args: ParsedArgs): void {
  if (checkTemplate(args)) return;
  const output = flagString(args, 'output');
  if (output === undefined || ['', 'name', 'json', 'yaml'].includes(output)) return;
  throw new KubectlError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${WRITE_FORMATS}`);
}

export function withoutManagedFields(object: KubeObject): KubeObject {
  if (!object.metadata?.managedFields) return object;
  const metadata = { ...object.metadata };
  delete metadata.managedFields;
  return { ...object, metadata };
}

/** kubectl's text for a failed write: `The Deployment "x" is invalid: ...` for 422, else `Error from server (...)`. */
export function writeError(response: KubeResponse): KubectlError {
  const status = parseStatus(response.text);
  if (status?.reason === 'Invalid' || (response.status === 422 && status)) return new KubectlError(invalidMessage(status));
  return serverError(response);
}

export function parseStatus(text: string): KubeStatus | undefined {
  try {
    const body = JSON.parse(text) as KubeStatus;
    return body && body.kind === 'Status' ? body : undefined;
  } catch {
    return undefined;
  }
}

export function invalidMessage(status: KubeStatus): string {
  const details = status.details;
  const causes = details?.causes ?? [];
  let head = 'The request is invalid';
  if (details?.kind || details?.name) head = `The ${details.kind ?? ''} "${details.name ?? ''}" is invalid`;
  else if (details?.group) head = `The ${details.group} "${details.name ?? ''}" is invalid`;
  else if (causes.length === 0 && status.message) return `${head}: ${status.message}`;
  if (causes.length === 0) return head;
  const lines = causes.map((c) => (c.field ? `${c.field}: ${c.message ?? ''}` : c.message ?? ''));
  return lines.length === 1 ? `${head}: ${lines[0]}` : `${head}: \n${lines.map((l) => `* ${l}`).join('\n')}`;
}

/** The message of a Status without kubectl's `Error from server` prefix. */
export function statusMessage(response: KubeResponse): string {
  return parseStatus(response.text)?.message ?? (response.text.trim() || `the server responded with the status code ${response.status}`);
}

/** Writes the error of one object and keeps going, as kubectl does for several. */
export function reportError(run: KubectlRun, error: unknown): void {
  if (error instanceof KubectlError) run.ctx.stderr.write(error.message + '\n');
  else throw error;
}
