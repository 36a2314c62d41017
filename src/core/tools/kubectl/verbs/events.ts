// kubectl events: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE, oldest first,
// filtered by --for TYPE/NAME and --types; -w prints events as they come.

import { flagBool, flagList, flagString } from '../args';
import { humanDuration } from '../durations';
import { goSort } from '../goSort';
import { printJsonPath } from '../printers/jsonpath';
import { inFieldOrder, OBJECT_META_FIELDS, structJson } from '../jsonText';
import { printYaml } from '../printers/objects';
import { tableWriter } from '../printers/tabwriter';
import { watchEventReader } from '../watchEvents';
import type { GoTemplatePrinter } from '../printers/goTemplate';
import { KubectlError, type KubectlRun } from '../session';
import { untilCut } from './watch';
import { templatePrinter } from '../templateOutput';
import { reads, type Verb } from './verb';

export const events: Verb = {
  name: 'events',
  aliases: ['event'],
  flags: [
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'for', type: 'string' },
    { name: 'types', type: 'strings' },
    { name: 'no-headers', type: 'bool' },
    { name: 'chunk-size', type: 'int' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'allow-missing-template-keys', type: 'bool' },
    { name: 'template', type: 'string' },
  ],
  usage: "See 'kubectl events -h' for help and examples",
  effect: reads,
  streams: (args) => flagBool(args, 'watch'),
  run: runEvents,
};

export interface KubeEvent {
  metadata?: { namespace?: string; name?: string; managedFields?: unknown };
  involvedObject?: { kind?: string; name?: string };
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string } | null;
  [key: string]: unknown;
}

const time = (t: string | null | undefined): number => (t ? Date.parse(t) : 0);

/** The time kubectl orders events by. */
function eventTime(e: KubeEvent): number {
  if (e.series) return time(e.series.lastObservedTime);
  if (time(e.lastTimestamp)) return time(e.lastTimestamp);
  return time(e.eventTime);
}

const since = (t: string | null | undefined, now: number): string => (time(t) ? humanDuration(now - time(t)) : '<unknown>');

/** `21m (x3 over 27m)` or `43m`. */
export function lastSeen(e: KubeEvent, now = Date.now()): string {
  const first = time(e.eventTime) ? since(e.eventTime, now) : since(e.firstTimestamp, now);
  if (e.series) return `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

/** A cell as kubectl escapes it: cut at the first line break, control characters made visible. */
function cell(text: string | undefined): string {
  let s = text ?? '';
  const cut = s.search(/[\f\n\r]/);
  if (cut >= 0) s = `${s.slice(0, cut)}...`;
  return s.replace(/\x1b/g, '^[');
}

function eventRow(e: KubeEvent, all: boolean, now: number): string[] {
  const row = [lastSeen(e, now), cell(e.type), cell(e.reason), `${cell(e.involvedObject?.kind)}/${cell(e.involvedObject?.name)}`, cell((e.message ?? '').trim())];
  return all ? [e.metadata?.namespace ?? '', ...row] : row;
}

function header(all: boolean): string[] {
  const h = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
  return all ? ['NAMESPACE', ...h] : h;
}

interface EventsPlan {
  /** The go-template printer -o / --template ask for. */
  template?: GoTemplatePrinter;
  path: string;
  fieldSelector?: string;
  types: string[];
  all: boolean;
  namespace: string;
}

async function plan(run: KubectlRun): Promise<EventsPlan> {
  const { args } = run;
  const types = flagList(args, 'types');
  for (const t of types) {
    if (!/^(normal|warning)$/i.test(t)) throw new KubectlError('error: valid --types are Normal or Warning');
  }
  const output = flagString(args, 'output') ?? '';
  const template = templatePrinter(run, false);
  if (output && !template && !['json', 'yaml', 'name'].includes(output) && !output.startsWith('jsonpath=')) {
    throw new KubectlError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`);
  }
  let fieldSelector: string | undefined;
  const target = flagString(args, 'for');
  if (target) {
    if (!target.includes('/')) throw new KubectlError('error: --for must be in resource/name form');
    const parts = target.split('/');
    if (parts.length !== 2) throw new KubectlError('error: arguments in resource/name form may not have more than one slash');
    const type = (await run.catalog()).find(parts[0]);
    if (!type) throw new KubectlError(`the server doesn't have a resource type "${parts[0]}"`);
    fieldSelector = `involvedObject.kind=${type.kind},involvedObject.name=${parts[1]}`;
  }
  const all = run.allNamespaces;
  const namespace = await run.namespace();
  const path = all ? '/api/v1/events' : `/api/v1/namespaces/${encodeURIComponent(namespace)}/events`;
  return { template, path, fieldSelector, types, all, namespace };
}

const wanted = (p: EventsPlan, e: KubeEvent) => p.types.length === 0 || p.types.some((t) => t.toLowerCase() === (e.type ?? '').toLowerCase());

async function runEvents(run: KubectlRun): Promise<number> {
  const { args, ctx } = run;
  const p = await plan(run);
  await run.setTarget();
  if (flagBool(args, 'watch')) return watchEvents(run, p);
  const items: KubeEvent[] = [];
  let next: string | undefined;
  const limit = args.flags.has('chunk-size') ? Number(flagString(args, 'chunk-size')) : 500;
  do {
    const page = await run.json<{ items: KubeEvent[]; metadata?: { continue?: string } }>({ path: p.path, query: { fieldSelector: p.fieldSelector, limit: limit || undefined, continue: next } });
    items.push(...page.items);
    next = page.metadata?.continue || undefined;
  } while (next);
  const shown = items.filter((e) => wanted(p, e)).map((e) => ({ kind: 'Event', apiVersion: 'v1', ...e }));
  if (shown.length === 0) {
    ctx.stderr.write(p.all ? 'No events found.\n' : `No events found in ${p.namespace} namespace.\n`);
    return 0;
  }
  const output = flagString(args, 'output') ?? '';
  const byTime = (a: KubeEvent, b: KubeEvent) => eventTime(a) < eventTime(b);
  goSort(shown, byTime);
  // kubectl's table printer sorts the (already sorted) list once more, which can reorder ties.
  if (!output) goSort(shown, byTime);
  ctx.emit({
    kind: 'events',
    events: shown.map((e) => ({ namespace: e.metadata?.namespace, type: e.type, reason: e.reason, object: `${e.involvedObject?.kind}/${e.involvedObject?.name}`, count: e.series?.count ?? e.count ?? 1, lastSeen: new Date(eventTime(e)).toISOString(), message: e.message })),
  });
  if (output) {
    ctx.stdout.write(printEvents(output, shown, flagBool(args, 'show-managed-fields'), p.template));
    return 0;
  }
  const now = Date.now();
  const rows = shown.map((e) => eventRow(e, p.all, now));
  if (!flagBool(args, 'no-headers')) rows.unshift(header(p.all));
  ctx.stdout.write(tableWriter().formatRows(rows));
  return 0;
}

function printEvents(output: string, shown: KubeEvent[], managedFields: boolean, template: GoTemplatePrinter | undefined): string {
  const items = shown.map((e) => {
    if (managedFields || !e.metadata?.managedFields) return e;
    const { managedFields: _dropped, ...metadata } = e.metadata;
    void _dropped;
    return { ...e, metadata };
  });
  const list = { kind: 'EventList', apiVersion: 'v1', metadata: {}, items };
  // kubectl's name printer writes nothing for its untyped event list.
  if (template) return template.print(list);
  if (output === 'name') return '';
  if (output === 'yaml') return printYaml(list);
  if (output === 'json') return structJson({ ...list, items: items.map((e) => (e.metadata ? { ...e, metadata: inFieldOrder(e.metadata, OBJECT_META_FIELDS) } : e)) });
  return printJsonPath(output.slice('jsonpath='.length), list);
}

/** `kubectl events -w`: every event the server reports (existing ones first), until stopped. */
async function watchEvents(run: KubectlRun, p: EventsPlan): Promise<number> {
  const { ctx } = run;
  const noHeaders = flagBool(run.args, 'no-headers');
  let headerPending = !noHeaders;
  // kubectl's column writer flushes after every event and remembers the widest cell of each column.
  const writer = tableWriter();
  await untilCut(run, run.stream(
    { path: p.path, query: { fieldSelector: p.fieldSelector, watch: 1 }, signal: ctx.signal },
    watchEventReader<KubeEvent>((event) => {
      if (event.type === 'DELETED' || event.type === 'BOOKMARK' || event.type === 'ERROR' || !wanted(p, event.object)) return;
      if (p.template) {
        ctx.stdout.write(p.template.print(event.object));
        return;
      }
      const rows = [eventRow(event.object, p.all, Date.now())];
      if (headerPending) rows.unshift(header(p.all));
      headerPending = false;
      ctx.stdout.write(writer.formatRows(rows));
    }),
  ));
  return 0;
}
