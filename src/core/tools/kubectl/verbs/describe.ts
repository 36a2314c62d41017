// kubectl describe: TYPE NAME..., TYPE/NAME, TYPE (every object, or those
// matching -l), -f manifests, -A, --show-events, and kubectl's name-prefix fallback
// (`describe pods web` describes every pod whose name starts with "web" when
// no pod is called "web"). Each object goes to the describer of its kind.

import { flagInt, flagList, flagString } from '../args';
import { listAll, type DescribeContext } from '../describe/context';
import type { Json } from '../describe/format';
import { describerFor } from '../describe';
import { Clock } from '../describe/time';
import { qualifiedKind, resourcePath, type ResourceType } from '../discovery';
import { manifestNamespace, manifestType, readManifests } from '../manifests';
import { KubectlError, serverError, type KubectlRun } from '../session';
import { resolveTargets } from '../targets';
import { reads, type Verb } from './verb';

const USAGE = 'Use "kubectl describe --help" for more information about this command.';

export const describe: Verb = {
  name: 'describe',
  flags: [
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'show-events', type: 'bool' },
    { name: 'chunk-size', type: 'int' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'kustomize', short: 'k', type: 'string' },
  ],
  usage: USAGE,
  effect: reads,
  run: runDescribe,
};

interface Found {
  type: ResourceType;
  object: Json;
}

/** A failed lookup, remembered so `TYPE NAME` can fall back to name prefixes. */
class LookupError extends KubectlError {
  constructor(
    message: string,
    readonly notFound: boolean,
  ) {
    super(message);
  }
}

async function runDescribe(run: KubectlRun): Promise<number> {
  const { args, ctx } = run;
  const positionals = args.positionals;
  const files = flagList(args, 'filename');
  if (args.flags.has('kustomize')) throw new KubectlError('error: kubectl describe -k does not run natively yet; run it in a terminal', 127);
  if (files.length && positionals.length) throw new KubectlError('error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
  if (!files.length && positionals.length === 0) {
    throw new KubectlError('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
  }
  const namespace = await run.namespace();
  const settings: DescribeContext = {
    run,
    clock: new Clock(ctx.env),
    showEvents: args.flags.get('show-events') !== false,
    chunkSize: flagInt(args, 'chunk-size') ?? 500,
  };
  const { found, errors } = files.length ? await fromFiles(settings, namespace) : await fromArguments(settings, positionals, namespace);
  await run.setTarget();

  if (errors.length === 1 && errors[0].notFound && positionals.length === 2) {
    return describeByPrefix(settings, namespace, positionals[0], positionals[1], errors[0]);
  }
  const failures = new Set<string>();
  let first = true;
  for (const { type, object } of found) {
    let text: string;
    try {
      text = await describerFor(type)(object, settings);
    } catch (error) {
      if (ctx.signal.aborted || !(error instanceof KubectlError)) throw error;
      if (!failures.has(error.message)) errors.push(new LookupError(error.message, false));
      failures.add(error.message);
      continue;
    }
    ctx.stdout.write(first ? text : `\n\n${text}`);
    first = false;
  }
  if (found.length === 0 && errors.length === 0) {
    ctx.stderr.write(run.allNamespaces ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`);
  }
  for (const error of errors) ctx.stderr.write(error.message + '\n');
  ctx.emit({ kind: 'describe', objects: found.map(({ type, object }) => `${qualifiedKind(type)}/${object.metadata?.name ?? ''}`) });
  return errors.length ? 1 : 0;
}

interface Lookup {
  found: Found[];
  errors: LookupError[];
}

/** The objects that `TYPE [NAME...]`, `TYPE/NAME...` or `TYPE -l SELECTOR` name, in kubectl's order. */
async function fromArguments(settings: DescribeContext, positionals: string[], namespace: string): Promise<Lookup> {
  const { run } = settings;
  if (positionals.some((p) => p.split('/').length > 2)) throw new KubectlError('error: arguments in resource/name form may not have more than one slash');
  const selector = flagString(run.args, 'selector');
  const named = positionals.length > 1 || positionals[0].includes('/');
  if (named && selector) throw new KubectlError('error: name cannot be provided when a selector is specified');
  if (named && run.allNamespaces) throw new KubectlError('error: a resource cannot be retrieved by name across all namespaces');
  const byType = positionals.length > 1 && !positionals.some((p) => p.includes('/'));
  if (byType && positionals[0].split(',').includes('all')) throw new KubectlError('error: you must specify only one resource');
  // `pods,svc NAME` looks NAME up as each type (the shared resolver allows one type with names).
  const several = byType && positionals[0].includes(',');
  const groups = await resolveTargets(run, several ? [positionals[0]] : positionals, USAGE);
  if (several) for (const group of groups) group.names.push(...positionals.slice(1));

  const lookup: Lookup = { found: [], errors: [] };
  for (const { type, names } of groups) {
    if (names.length === 0) {
      try {
        const items = await listAll(settings, resourcePath(type, run.allNamespaces ? undefined : namespace), { labelSelector: selector });
        for (const object of items) lookup.found.push({ type, object: withKind(type, object) });
      } catch (error) {
        lookup.errors.push(asLookupError(error));
      }
      continue;
    }
    for (const name of names) record(lookup, type, await getObject(run, type, namespace, name));
  }
  return lookup;
}

/** The objects named by manifests (`-f FILE|DIR|-`, `-R` for subdirectories). */
async function fromFiles(settings: DescribeContext, namespace: string): Promise<Lookup> {
  const { run } = settings;
  const lookup: Lookup = { found: [], errors: [] };
  const explicit = flagString(run.args, 'namespace') !== undefined;
  const wanted: { type: ResourceType; name: string; namespace: string }[] = [];
  for (const manifest of readManifests(run, 'describe')) {
    try {
      const type = await manifestType(run, manifest);
      wanted.push({ type, name: String(manifest.object.metadata?.name ?? ''), namespace: manifestNamespace(type, manifest.object, namespace, explicit) });
    } catch (error) {
      // Kinds the server does not know are reported (first, without "error:") and the rest described.
      if (!(error instanceof KubectlError)) throw error;
      lookup.errors.push(new LookupError(error.message.replace(/^error: /, ''), false));
    }
  }
  for (const object of wanted) record(lookup, object.type, await getObject(run, object.type, object.namespace, object.name));
  return lookup;
}

function record(lookup: Lookup, type: ResourceType, result: Json | LookupError): void {
  if (result instanceof LookupError) lookup.errors.push(result);
  else lookup.found.push({ type, object: result });
}

/**
 * `kubectl describe TYPE PREFIX` when no object is called PREFIX: every object
 * of the type in the namespace whose name starts with PREFIX, each followed by
 * a blank line; the original not-found error when none does.
 */
async function describeByPrefix(settings: DescribeContext, namespace: string, resource: string, prefix: string, original: LookupError): Promise<number> {
  const { run } = settings;
  let candidates: Found[];
  if (resource.includes(',')) throw new KubectlError('error: you may only specify a single resource type');
  if (resource.includes('/')) {
    const [typeName, name] = resource.split('/');
    const type = await run.resolveType(typeName);
    const object = await getObject(run, type, namespace, name);
    if (object instanceof LookupError) throw object;
    candidates = [{ type, object }];
  } else {
    const type = await run.resolveType(resource);
    const items = await listAll(settings, resourcePath(type, namespace)).catch((error: unknown) => {
      throw asLookupError(error);
    });
    candidates = items.map((object) => ({ type, object: withKind(type, object) }));
  }
  const matches = candidates.filter(({ object }) => String(object.metadata?.name ?? '').startsWith(prefix));
  if (matches.length === 0) throw original;
  for (const { type, object } of matches) run.ctx.stdout.write((await describerFor(type)(object, settings)) + '\n');
  run.ctx.emit({ kind: 'describe', objects: matches.map(({ type, object }) => `${qualifiedKind(type)}/${object.metadata?.name ?? ''}`) });
  return 0;
}

async function getObject(run: KubectlRun, type: ResourceType, namespace: string, name: string): Promise<Json | LookupError> {
  const response = await run.request({ path: resourcePath(type, namespace, name) });
  if (response.status === 404 && type.namespaced && namespace !== 'default') {
    // A missing namespace is reported as such, not as a missing object.
    const ns = await run.request({ path: `/api/v1/namespaces/${encodeURIComponent(namespace)}` });
    if (ns.status === 404) return new LookupError(serverError(ns).message, true);
  }
  if (response.status >= 400) return new LookupError(serverError(response).message, response.status === 404);
  return JSON.parse(response.text) as Json;
}

function asLookupError(error: unknown): LookupError {
  if (error instanceof LookupError) return error;
  if (error instanceof KubectlError) return new LookupError(error.message, error.message.startsWith('Error from server (NotFound)'));
  throw error;
}

/** List items come without kind and apiVersion; the describers need them. */
function withKind(type: ResourceType, object: Json): Json {
  const apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
  return { apiVersion, kind: type.kind, ...object };
}
