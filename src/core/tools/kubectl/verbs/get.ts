// kubectl get: tables from the server's Table format, -o json|yaml|name|
// jsonpath|custom-columns|go-template, selectors, -A, and -w streaming until stopped.

import { flagBool, flagList, flagString, type ParsedArgs } from '../args';
import { TABLE_ACCEPT } from '../../../connections/kubeConnection';
import { qualifiedKind, resourcePath } from '../discovery';
import { printCustomColumns, parseCustomColumns } from '../printers/customColumns';
import { JsonPathError, printJsonPath } from '../printers/jsonpath';
import { sortByField } from '../printers/sortBy';
import type { GoTemplatePrinter } from '../printers/goTemplate';
import { asPrintable, printJson, printName, printYaml, type KubeObject } from '../printers/objects';
import { tableCells, tableData, type Table } from '../printers/table';
import { tableWriter } from '../printers/tabwriter';
import { listError } from '../listError';
import { KubectlError, serverError, type KubectlRun } from '../session';
import { resolveTargets, type TargetGroup } from '../targets';
import { templatePrinter } from '../templateOutput';
import { watchObjects, watchTable } from './watch';
import { OUTPUT_FLAGS, reads, type Verb } from './verb';

const USAGE = [
  'error: Required resource not specified.',
  'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).',
  "See 'kubectl get -h' for help and examples",
].join('\n');

export const get: Verb = {
  name: 'get',
  flags: [...OUTPUT_FLAGS, { name: 'watch', short: 'w', type: 'bool' }, { name: 'watch-only', type: 'bool' }, { name: 'output-watch-events', type: 'bool' }],
  usage: USAGE,
  effect: reads,
  streams: (args) => flagBool(args, 'watch') || flagBool(args, 'watch-only'),
  run: runGet,
};

type OutputMode =
  | { kind: 'table'; wide: boolean }
  | { kind: 'json' | 'yaml' | 'name' }
  | { kind: 'jsonpath'; template: string }
  | { kind: 'custom-columns'; spec: string }
  | { kind: 'go-template'; printer: GoTemplatePrinter };

export function outputMode(run: KubectlRun): OutputMode {
  const { args } = run;
  const printer = templatePrinter(run);
  if (printer) return { kind: 'go-template', printer };
  const output = flagString(args, 'output') ?? '';
  if (output === '' || output === 'wide') return { kind: 'table', wide: output === 'wide' };
  if (output === 'json' || output === 'yaml' || output === 'name') return { kind: output };
  const eq = output.indexOf('=');
  const format = eq < 0 ? output : output.slice(0, eq);
  const value = eq < 0 ? '' : output.slice(eq + 1);
  if (format === 'jsonpath' || format === 'jsonpath-as-json') return { kind: 'jsonpath', template: value };
  if (format === 'custom-columns') return { kind: 'custom-columns', spec: value };
  throw new KubectlError(
    `error: unable to match a printer suitable for the output format "${output}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`,
  );
}

async function runGet(run: KubectlRun): Promise<number> {
  const { args, ctx } = run;
  const mode = outputMode(run);
  const groups = await resolveTargets(run, args.positionals, USAGE);
  await run.setTarget();
  const namespace = await run.namespace();
  const all = run.allNamespaces;
  const query = {
    labelSelector: flagString(args, 'selector'),
    fieldSelector: flagString(args, 'field-selector'),
  };
  if (groups.some((g) => g.type.resource === 'events') && /(^|,)reason=Scaling(,|$)/.test(query.fieldSelector ?? '')) {
    ctx.note('No Kubernetes controller records events with reason "Scaling": the HorizontalPodAutoscaler records "SuccessfulRescale" and the deployment controller "ScalingReplicaSet". Try --field-selector reason=SuccessfulRescale.');
  }
  const watching = flagBool(args, 'watch') || flagBool(args, 'watch-only');
  if (watching && groups.length > 1) throw new KubectlError('error: watch is only supported on individual resources and resource collections, but 2 resources were found.');

  if (mode.kind === 'table') {
    const writer = tableWriter();
    let printedAny = false;
    let missing = 0;
    for (const group of groups) {
      const multiple = groups.length > 1 || flagBool(args, 'show-kind');
      const table = flagBool(args, 'watch-only') ? undefined : await fetchTable(run, group, namespace, all, query, () => missing++);
      const options = {
        wide: mode.wide,
        noHeaders: flagBool(args, 'no-headers'),
        showLabels: flagBool(args, 'show-labels'),
        withNamespace: all && group.type.namespaced,
        kindPrefix: multiple ? qualifiedKind(group.type) : undefined,
        labelColumns: flagList(args, 'label-columns'),
      };
      if (table && table.rows.length) {
        const separated = printedAny && groups.length > 1;
        if (separated) ctx.stdout.write('\n');
        // Each type gets its own columns; watch rows keep the widths seen so far.
        const text = (groups.length > 1 ? tableWriter() : writer).formatRows(tableCells(table, options));
        ctx.stdout.write(text);
        printedAny = true;
        ctx.emit({ kind: 'table', resource: group.type.resource, ...tableData(table, mode.wide), headerLines: Number(separated) + Number(!options.noHeaders) });
      }
      if (watching) {
        return watchTable(run, group, namespace, all, query, table?.metadata?.resourceVersion, writer, { ...options, noHeaders: options.noHeaders || printedAny });
      }
    }
    if (!printedAny && missing === 0 && groups.every((g) => g.names.length === 0)) noResources(run, namespace, all, groups);
    return missing > 0 ? 1 : 0;
  }

  const printOne = watching ? watchPrinter(mode, args) : undefined;
  if (printOne) {
    // kubectl prints each object on its own, then each object the server reports.
    let count = 0;
    const print = (object: KubeObject) => {
      if (!flagBool(args, 'show-managed-fields') && object.metadata) delete object.metadata.managedFields;
      ctx.stdout.write(printOne(object, count++));
    };
    return watchObjects(run, groups[0], namespace, all, query, { listFirst: !flagBool(args, 'watch-only'), print });
  }

  const objects: KubeObject[] = [];
  let missing = 0;
  for (const group of groups) objects.push(...(await fetchObjects(run, group, namespace, all, query, () => missing++)));
  const single = groups.length === 1 && groups[0].names.length === 1;
  // kubectl says "No resources found" only for -o name; the other printers print an empty list.
  if (objects.length === 0 && missing === 0 && mode.kind === 'name') {
    noResources(run, namespace, all, groups);
    return 0;
  }
  const sortBy = flagString(args, 'sort-by');
  const sorted = sortBy ? sortByField(objects, sortBy, (o) => o) : objects;
  objects.splice(0, objects.length, ...sorted);
  const printable = asPrintable(objects, single);
  try {
    printObjects(run, mode, printable, objects);
  } catch (error) {
    if (!(error instanceof JsonPathError)) throw error;
    ctx.stdout.write(error.stdout);
    ctx.stderr.write(error.stderr);
    return 1;
  }
  ctx.emit({ kind: 'objects', objects: objects.length });
  return missing > 0 ? 1 : 0;
}

/** How `get -w` prints one object (the `index`-th so far) in this output mode; undefined for the modes that print rows. */
function watchPrinter(mode: OutputMode, args: ParsedArgs): ((object: KubeObject, index: number) => string) | undefined {
  switch (mode.kind) {
    case 'go-template':
      return (object) => mode.printer.print(object);
    case 'json':
      return (object) => printJson(object);
    case 'yaml':
      // YAML documents after the first are separated, as kubectl separates them.
      return (object, index) => `${index > 0 ? '---\n' : ''}${printYaml(object)}`;
    case 'name':
      return (object) => printName(object);
    case 'jsonpath':
      return (object) => printJsonPath(mode.template, object, { allowMissingKeys: args.flags.get('allow-missing-template-keys') !== false });
    default:
      return undefined;
  }
}

function printObjects(run: KubectlRun, mode: OutputMode, printable: KubeObject, objects: KubeObject[]): void {
  const { ctx, args } = run;
  switch (mode.kind) {
    case 'json':
      ctx.stdout.write(printJson(printable));
      break;
    case 'yaml':
      ctx.stdout.write(printYaml(printable));
      break;
    case 'name':
      for (const object of objects) ctx.stdout.write(printName(object));
      break;
    case 'jsonpath':
      ctx.stdout.write(printJsonPath(mode.template, printable, { allowMissingKeys: args.flags.get('allow-missing-template-keys') !== false }));
      break;
    case 'go-template':
      // One run over the object, or over the List of all of them.
      ctx.stdout.write(mode.printer.print(printable));
      break;
    case 'custom-columns':
      ctx.stdout.write(printCustomColumns(parseCustomColumns(mode.spec), objects, { noHeaders: flagBool(args, 'no-headers') }));
      break;
    case 'table':
      break;
  }
}

function noResources(run: KubectlRun, namespace: string, all: boolean, groups: TargetGroup[]): void {
  const namespaced = groups.some((g) => g.type.namespaced);
  run.ctx.stderr.write(all || !namespaced ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`);
}

type Query = { labelSelector?: string; fieldSelector?: string };

async function fetchTable(run: KubectlRun, group: TargetGroup, namespace: string, all: boolean, query: Query, onMissing: () => void): Promise<Table | undefined> {
  const ns = all ? undefined : namespace;
  if (group.names.length === 0) {
    const tables: Table[] = [];
    let next: string | undefined;
    do {
      const sortBy = flagString(run.args, 'sort-by');
      const page = await listJson<Table>(run, group, query, { path: resourcePath(group.type, ns), accept: TABLE_ACCEPT, query: { ...query, limit: 500, continue: next, includeObject: sortBy ? 'Object' : undefined } });
      tables.push(page);
      next = page.metadata?.continue || undefined;
    } while (next);
    const rows = tables.flatMap((t) => t.rows);
    const sortBy = flagString(run.args, 'sort-by');
    return { ...tables[0], rows: sortBy ? sortByField(rows, sortBy, (r) => r.object) : rows };
  }
  let merged: Table | undefined;
  for (const table of await fetchNamed<Table>(run, group, namespace, TABLE_ACCEPT, onMissing)) {
    merged = merged ? { ...merged, rows: [...merged.rows, ...table.rows] } : table;
  }
  return merged;
}

/** A list's JSON body; a refused list fails as kubectl reports it. */
async function listJson<T>(run: KubectlRun, group: TargetGroup, query: Query, request: Parameters<KubectlRun['request']>[0]): Promise<T> {
  const response = await run.request(request);
  if (response.status >= 400) throw listError(response, group.type, query);
  return JSON.parse(response.text) as T;
}

/** Each named object; a missing one is reported as kubectl reports it (or skipped with --ignore-not-found). */
async function fetchNamed<T>(run: KubectlRun, group: TargetGroup, namespace: string, accept: string | undefined, onMissing: () => void): Promise<T[]> {
  const found: T[] = [];
  for (const name of group.names) {
    const response = await run.request({ path: resourcePath(group.type, namespace, name), accept });
    if (response.status === 404) {
      if (flagBool(run.args, 'ignore-not-found')) continue;
      run.ctx.stderr.write(serverError(response).message + '\n');
      onMissing();
      continue;
    }
    if (response.status >= 400) throw serverError(response);
    found.push(JSON.parse(response.text) as T);
  }
  return found;
}

async function fetchObjects(run: KubectlRun, group: TargetGroup, namespace: string, all: boolean, query: Query, onMissing: () => void): Promise<KubeObject[]> {
  const withoutManagedFields = (o: KubeObject) => {
    if (!flagBool(run.args, 'show-managed-fields') && o.metadata) delete o.metadata.managedFields;
    return o;
  };
  if (group.names.length === 0) {
    const list = await listJson<{ items: KubeObject[] }>(run, group, query, { path: resourcePath(group.type, all ? undefined : namespace), query });
    const apiVersion = group.type.group ? `${group.type.group}/${group.type.version}` : group.type.version;
    // List items come without kind and apiVersion; kubectl fills them in.
    return list.items.map((item) => withoutManagedFields({ apiVersion, kind: group.type.kind, ...item }));
  }
  return (await fetchNamed<KubeObject>(run, group, namespace, undefined, onMissing)).map(withoutManagedFields);
}
