// kubectl describe service: selector, type, IPs, load balancer ingress, each
// port with its target, node port and ready endpoints (from the service's
// EndpointSlices), traffic policies and events.

import type { DescribeContext } from './context';
import { describeEvents, eventsOf } from './events';
import { DescribeWriter, formatLabels, printAnnotations, printLabels, type Json } from './format';

export async function describeService(svc: Json, ctx: DescribeContext): Promise<string> {
  const meta = svc.metadata ?? {};
  const spec = svc.spec ?? {};
  const slices = await endpointSlices(ctx, meta.namespace ?? '', meta.name ?? '');
  const events = ctx.showEvents ? await eventsOf(ctx, svc, 'Service') : undefined;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${meta.name ?? ''}\n`);
  w.write(0, `Namespace:\t${meta.namespace ?? ''}\n`);
  printLabels(w, 'Labels', meta.labels);
  printAnnotations(w, 'Annotations', meta.annotations);
  w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`);
  if (spec.externalIPs?.length) w.write(0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  const ingress = (svc.status?.loadBalancer?.ingress ?? []) as Json[];
  if (ingress.length) {
    const list = ingress.map((i) => (i.ip ? `${i.ip}${i.ipMode ? ` (${i.ipMode})` : ''}` : (i.hostname ?? ''))).join(', ');
    w.write(0, `LoadBalancer Ingress:\t${list}\n`);
  }
  for (const port of (spec.ports ?? []) as Json[]) {
    const name = port.name || '<unset>';
    const protocol = port.protocol ?? '';
    w.write(0, `Port:\t${name}\t${port.port ?? 0}/${protocol}\n`);
    w.write(0, `TargetPort:\t${port.targetPort ?? 0}/${protocol}\n`);
    if (port.nodePort) w.write(0, `NodePort:\t${name}\t${port.nodePort}/${protocol}\n`);
    w.write(0, `Endpoints:\t${formatEndpointSlices(slices, port.name ?? '')}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy !== undefined && spec.internalTrafficPolicy !== null) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if (spec.loadBalancerSourceRanges?.length) w.write(0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
  if (spec.trafficDistribution) w.write(0, `Traffic Distribution:\t${spec.trafficDistribution}\n`);
  describeEvents(events, w, ctx.clock);
  return w.toString();
}

/** The service's EndpointSlices; none when the server has no discovery.k8s.io. */
async function endpointSlices(ctx: DescribeContext, namespace: string, name: string): Promise<Json[]> {
  const response = await ctx.run.request({
    path: `/apis/discovery.k8s.io/v1/namespaces/${encodeURIComponent(namespace)}/endpointslices`,
    query: { labelSelector: `kubernetes.io/service-name=${name}` },
  });
  if (response.status >= 400) return [];
  try {
    return ((JSON.parse(response.text) as Json).items ?? []) as Json[];
  } catch {
    return [];
  }
}

/** Up to three ready `address:port` of the named port, then `+ N more...`. */
export function formatEndpointSlices(slices: Json[], portName: string): string {
  if (!slices.length) return '<none>';
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  const visit = (endpoint: Json, text: () => string) => {
    if (list.length === max) more = true;
    const ready = endpoint.conditions?.ready;
    if (ready === false) return;
    if (!more) list.push(text());
    count++;
  };
  for (const slice of slices) {
    const endpoints = (slice.endpoints ?? []) as Json[];
    if (!slice.ports?.length) {
      for (const e of endpoints) visit(e, () => e.addresses?.[0] ?? '');
      continue;
    }
    for (const port of slice.ports as Json[]) {
      if ((port.name ?? '') !== portName) continue;
      for (const e of endpoints) {
        const address = String(e.addresses?.[0] ?? '');
        visit(e, () => `${address.includes(':') ? `[${address}]` : address}:${port.port ?? 0}`);
      }
    }
  }
  const text = list.join(',');
  return more ? `${text} + ${count - max} more...` : text;
}
