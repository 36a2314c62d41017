// kubectl describe namespace: status, conditions, and the namespace's
// resource quotas and limit ranges (left out when the server has neither).

import { serverError } from '../session';
import type { DescribeContext } from './context';
import { byteOrder, DescribeWriter, printAnnotations, printLabels, sortedKeys, type Json } from './format';
import { Quantity } from '../../../units';

export async function describeNamespace(ns: Json, ctx: DescribeContext): Promise<string> {
  const meta = ns.metadata ?? {};
  const quotas = await optionalList(ctx, `/api/v1/namespaces/${encodeURIComponent(meta.name ?? '')}/resourcequotas`);
  const limits = await optionalList(ctx, `/api/v1/namespaces/${encodeURIComponent(meta.name ?? '')}/limitranges`);
  const w = new DescribeWriter();
  w.write(0, `Name:\t${meta.name ?? ''}\n`);
  printLabels(w, 'Labels', meta.labels);
  printAnnotations(w, 'Annotations', meta.annotations);
  w.write(0, `Status:\t${ns.status?.phase ?? ''}\n`);
  const conditions = (ns.status?.conditions ?? []) as Json[];
  if (conditions.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conditions) w.write(1, `${c.type ?? ''}\t${c.status ?? ''}\t${ctx.clock.rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  if (quotas) {
    w.write(0, '\n');
    describeQuotas(quotas, w);
  }
  if (limits) {
    w.write(0, '\n');
    describeLimitRanges(limits, w);
  }
  return w.toString();
}

/** A list the server may not serve at all (404: left out). */
async function optionalList(ctx: DescribeContext, path: string): Promise<Json[] | undefined> {
  const response = await ctx.run.request({ path, query: { limit: ctx.chunkSize > 0 ? ctx.chunkSize : undefined } });
  if (response.status === 404) return undefined;
  if (response.status >= 400) throw serverError(response);
  return ((JSON.parse(response.text) as Json).items ?? []) as Json[];
}

function describeQuotas(quotas: Json[], w: DescribeWriter): void {
  if (!quotas.length) return w.write(0, 'No resource quota.\n');
  w.write(0, 'Resource Quotas\n');
  for (const q of [...quotas].sort((a, b) => byteOrder(a.metadata?.name ?? '', b.metadata?.name ?? ''))) {
    w.write(1, `Name:\t${q.metadata?.name ?? ''}\n`);
    const scopes = [...((q.spec?.scopes ?? []) as string[])].sort(byteOrder);
    if (scopes.length) w.write(1, `Scopes:\t${scopes.join(', ')}\n`);
    for (const scope of scopes) {
      const help = SCOPE_HELP[scope];
      if (help) w.write(1, `* ${help}\n`);
    }
    w.write(1, 'Resource\tUsed\tHard\n');
    w.write(1, '--------\t---\t---\n');
    for (const name of sortedKeys(q.status?.hard)) w.write(1, `${name}\t${Quantity.canonical(q.status?.used?.[name] ?? '0')}\t${Quantity.canonical(q.status.hard[name])}\n`);
  }
}

function describeLimitRanges(ranges: Json[], w: DescribeWriter): void {
  if (!ranges.length) return w.write(0, 'No LimitRange resource.\n');
  w.write(0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  for (const range of ranges) {
    for (const item of (range.spec?.limits ?? []) as Json[]) {
      const lists = [item.min, item.max, item.defaultRequest, item.default, item.maxLimitRequestRatio] as (Json | undefined)[];
      const names = [...new Set(lists.flatMap((l) => Object.keys(l ?? {})))].sort(byteOrder);
      for (const name of names) {
        const cells = lists.map((l) => (l?.[name] !== undefined ? Quantity.canonical(l[name]) : '-'));
        w.write(0, ` ${item.type ?? ''}\t${name}\t${cells.join('\t')}\n`);
      }
    }
  }
}

const SCOPE_HELP: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};
