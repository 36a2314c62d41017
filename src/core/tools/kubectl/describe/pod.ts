// kubectl describe pod: identity, node, status, IPs, owner, containers with
// their states, conditions, volumes, QoS class, scheduling constraints and
// the pod's events.

import type { DescribeContext } from './context';
import { describeContainers, describeResources, describeTopologySpread } from './containers';
import { describeEvents, eventsOf } from './events';
import { controllerOf, DescribeWriter, printAnnotations, printLabels, printTolerations, type Json } from './format';
import { Quantity } from '../../../units';
import { describeVolumes } from './volumes';

const MIRROR_POD = 'kubernetes.io/config.mirror';

export async function describePod(pod: Json, ctx: DescribeContext): Promise<string> {
  const meta = pod.metadata ?? {};
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const { clock } = ctx;
  let events: Json[] | undefined;
  if (ctx.showEvents) {
    // Kubelet events name the pod without a kind; a mirror pod's events carry the static pod's UID.
    const uid = meta.annotations?.[MIRROR_POD] ?? meta.uid;
    events = await eventsOf(ctx, { metadata: { ...meta, uid } }, undefined);
  }
  const w = new DescribeWriter();
  w.write(0, `Name:\t${meta.name ?? ''}\n`);
  w.write(0, `Namespace:\t${meta.namespace ?? ''}\n`);
  if (spec.priority !== undefined && spec.priority !== null) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status.startTime) w.write(0, `Start Time:\t${clock.rfc1123z(status.startTime)}\n`);
  printLabels(w, 'Labels', meta.labels);
  printAnnotations(w, 'Annotations', meta.annotations);
  if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${clock.since(meta.deletionTimestamp)})\n`);
    w.write(0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else w.write(0, `Status:\t${status.phase ?? ''}\n`);
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(0, `Message:\t${status.message}\n`);
  const seccomp = spec.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(0, `SeccompProfile:\t${seccomp.type ?? ''}\n`);
    if (seccomp.type === 'Localhost') w.write(0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
  w.write(0, `IP:\t${status.podIP ?? ''}\n`);
  if (!status.podIPs?.length) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of status.podIPs as Json[]) w.write(1, `IP:\t${ip.ip ?? ''}\n`);
  }
  const controller = controllerOf(pod);
  if (controller) w.write(0, `Controlled By:\t${controller}\n`);
  if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if (spec.resources) {
    w.write(0, 'Resources:\n');
    describeResources(spec.resources, w, 1);
  }
  if (spec.initContainers?.length) describeContainers('Init Containers', spec.initContainers, status.initContainerStatuses, pod, w, '', clock);
  describeContainers('Containers', spec.containers, status.containerStatuses, pod, w, '', clock);
  if (spec.ephemeralContainers?.length) describeContainers('Ephemeral Containers', spec.ephemeralContainers, status.ephemeralContainerStatuses, pod, w, '', clock);
  const conditions = (status.conditions ?? []) as Json[];
  if (spec.readinessGates?.length) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const gate of spec.readinessGates as Json[]) {
      const found = conditions.find((c) => c.type === gate.conditionType);
      w.write(1, `${gate.conditionType ?? ''} \t${found ? (found.status ?? '') : '<none>'} \n`);
    }
  }
  if (conditions.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conditions) w.write(1, `${c.type ?? ''} \t${c.status ?? ''} \n`);
  }
  describeVolumes(spec.volumes, w, '', clock);
  w.write(0, `QoS Class:\t${status.qosClass || qosClass(spec)}\n`);
  printLabels(w, 'Node-Selectors', spec.nodeSelector);
  printTolerations(w, 'Tolerations', spec.tolerations);
  describeTopologySpread(spec.topologySpreadConstraints, w, '');
  describeEvents(events, w, clock);
  return w.toString();
}

/** Guaranteed, Burstable or BestEffort from the containers' cpu and memory requests and limits. */
export function qosClass(spec: Json): string {
  const containers = [...((spec.containers ?? []) as Json[]), ...((spec.initContainers ?? []) as Json[])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    for (const name of ['cpu', 'memory']) {
      const request = requests[name] ?? limits[name];
      if (requests[name] !== undefined && Quantity.of(requests[name]).compare(Quantity.ZERO) !== 0) any = true;
      if (limits[name] !== undefined && Quantity.of(limits[name]).compare(Quantity.ZERO) !== 0) any = true;
      if (limits[name] === undefined || Quantity.of(request).compare(Quantity.of(limits[name])) !== 0) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
