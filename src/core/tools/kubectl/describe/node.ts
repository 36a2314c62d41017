// kubectl describe node: roles, labels, taints, lease, conditions, addresses,
// capacity, system info, the pods running there with their share of the
// node, and the node's events.

import type { KubeResponse } from '../../../connections/kubeConnection';
import { listAll, type DescribeContext } from './context';
import { describeEvents, searchEvents } from './events';
import { DescribeWriter, printAnnotations, printLabels, printTaints, sortedKeys, type Json } from './format';
import { describeNodeResources } from './noderesources';
import { Quantity } from '../../../units';

const ROLE_PREFIX = 'node-role.kubernetes.io/';

export async function describeNode(node: Json, ctx: DescribeContext): Promise<string> {
  const meta = node.metadata ?? {};
  const name = String(meta.name ?? '');
  const { clock, run } = ctx;
  let pods: Json[] | undefined;
  try {
    pods = await listAll(ctx, '/api/v1/pods', { fieldSelector: `spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed` });
  } catch (error) {
    if (run.ctx.signal.aborted || !(error as Error).message.startsWith('Error from server (Forbidden)')) throw error;
  }
  let events: Json[] | undefined;
  if (ctx.showEvents) {
    // Controllers name a node by its UID, the kubelet by its name.
    const ref = { name, namespace: '', kind: 'Node' };
    const quiet = (uid: string) => searchEvents(ctx, { ...ref, uid }).catch((error: unknown) => (run.ctx.signal.aborted ? Promise.reject(error) : []));
    events = [...(await quiet(meta.uid ?? '')), ...(await quiet(name))];
  }
  const lease = await run.request({ path: `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${encodeURIComponent(name)}` });

  const spec = node.spec ?? {};
  const status = node.status ?? {};
  const w = new DescribeWriter();
  w.write(0, `Name:\t${name}\n`);
  const roles = nodeRoles(meta.labels ?? {});
  w.write(0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
  printLabels(w, 'Labels', meta.labels);
  printAnnotations(w, 'Annotations', meta.annotations);
  w.write(0, `CreationTimestamp:\t${clock.rfc1123z(meta.creationTimestamp)}\n`);
  printTaints(w, 'Taints', spec.taints);
  w.write(0, `Unschedulable:\t${spec.unschedulable === true}\n`);
  if (lease.status < 400) {
    const leaseSpec = (JSON.parse(lease.text) as Json).spec ?? {};
    w.write(0, 'Lease:\n');
    w.write(1, `HolderIdentity:\t${leaseSpec.holderIdentity ?? '<unset>'}\n`);
    w.write(1, `AcquireTime:\t${leaseSpec.acquireTime ? clock.rfc1123z(leaseSpec.acquireTime) : '<unset>'}\n`);
    w.write(1, `RenewTime:\t${leaseSpec.renewTime ? clock.rfc1123z(leaseSpec.renewTime) : '<unset>'}\n`);
  } else w.write(0, `Lease:\tFailed to get lease: ${clientError(lease, `get leases.coordination.k8s.io ${name}`)}\n`);
  const conditions = (status.conditions ?? []) as Json[];
  if (conditions.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(1, `${c.type ?? ''} \t${c.status ?? ''} \t${clock.rfc1123z(c.lastHeartbeatTime)} \t${clock.rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(0, 'Addresses:\n');
  for (const a of (status.addresses ?? []) as Json[]) w.write(1, `${a.type ?? ''}:\t${a.address ?? ''}\n`);
  for (const [title, list] of [['Capacity', status.capacity], ['Allocatable', status.allocatable]] as const) {
    const names = sortedKeys(list);
    if (!names.length) continue;
    w.write(0, `${title}:\n`);
    for (const resource of names) w.write(0, `  ${resource}:\t${Quantity.canonical(list[resource])}\n`);
  }
  const info = status.nodeInfo ?? {};
  w.write(0, 'System Info:\n');
  const system: [string, string][] = [
    ['Machine ID', 'machineID'],
    ['System UUID', 'systemUUID'],
    ['Boot ID', 'bootID'],
    ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'],
    ['Operating System', 'operatingSystem'],
    ['Architecture', 'architecture'],
    ['Container Runtime Version', 'containerRuntimeVersion'],
    ['Kubelet Version', 'kubeletVersion'],
    ['Kube-Proxy Version', 'kubeProxyVersion'],
  ];
  for (const [label, key] of system) w.write(0, `  ${label}:\t${info[key] ?? ''}\n`);
  if (spec.podCIDR) w.write(0, `PodCIDR:\t${spec.podCIDR}\n`);
  if (spec.podCIDRs?.length) w.write(0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
  if (spec.providerID) w.write(0, `ProviderID:\t${spec.providerID}\n`);
  if (pods) describeNodeResources(pods, node, w, clock);
  else w.write(0, 'Pods:\tnot authorized\n');
  describeEvents(events, w, clock);
  return w.toString();
}

function nodeRoles(labels: Json): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(labels)) {
    if (key.startsWith(ROLE_PREFIX) && key.length > ROLE_PREFIX.length) roles.add(key.slice(ROLE_PREFIX.length));
    else if (key === 'kubernetes.io/role' && value) roles.add(String(value));
  }
  return [...roles].sort();
}

/** The text client-go gives a failed request: the Status message, or a generic one for the code. */
function clientError(response: KubeResponse, action: string): string {
  try {
    const status = JSON.parse(response.text) as Json;
    if (status.kind === 'Status' && status.message) return String(status.message);
  } catch {
    // Not a Status body.
  }
  const generic: Record<number, string> = {
    401: 'Unauthorized',
    403: 'the server does not allow access to the requested resource',
    404: 'the server could not find the requested resource',
    503: 'the server is currently unable to handle the request',
  };
  const message = generic[response.status] ?? `an error on the server (${JSON.stringify(response.text.trim())}) has prevented the request from succeeding`;
  return `${message} (${action})`;
}
