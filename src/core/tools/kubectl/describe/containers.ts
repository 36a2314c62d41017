// Containers as describe prints them, for pods (with their statuses) and for
// pod templates of deployments, replica sets and stateful sets: image, ports,
// state, resources, probes, environment and mounts; and the Pod Template
// section itself.

import { byteOrder, DescribeWriter, goList, printAnnotations, printBool, printLabels, printTolerations, formatLabelSelector, sortedKeys, type Json } from './format';
import { Quantity } from '../../../units';
import type { Clock } from './time';
import { describeVolumes } from './volumes';

export function describeContainers(label: string, containers: Json[] | undefined, statuses: Json[] | undefined, pod: Json | undefined, w: DescribeWriter, space: string, clock: Clock): void {
  const byName = new Map(((statuses ?? []) as Json[]).map((s) => [s.name, s]));
  w.write(0, `${space}${label}:${containers?.length ? '' : ' <none>'}\n`);
  for (const c of containers ?? []) {
    const status = byName.get(c.name);
    w.write(1, `${space ? ' ' : ''}${c.name}:\n`);
    if (status) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image ?? ''}\n`);
    if (status) w.write(2, `Image ID:\t${status.imageID ?? ''}\n`);
    const ports = ((c.ports ?? []) as Json[]).map((p) => `${p.containerPort ?? 0}/${p.protocol ?? ''}`).join(', ');
    const hostPorts = ((c.ports ?? []) as Json[]).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? ''}`).join(', ');
    w.write(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
    w.write(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
    const seccomp = c.securityContext?.seccompProfile;
    if (seccomp) {
      w.write(2, `SeccompProfile:\t${seccomp.type ?? ''}\n`);
      if (seccomp.type === 'Localhost') w.write(3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
    }
    for (const [title, words] of [['Command', c.command], ['Args', c.args]] as const) {
      if (!words?.length) continue;
      w.write(2, `${title}:\n`);
      for (const word of words as string[]) for (const part of String(word).split('\n')) w.write(3, `${part}\n`);
    }
    if (status) {
      describeState('State', status.state, w, clock);
      if (status.lastState?.terminated) describeState('Last State', status.lastState, w, clock);
      w.write(2, `Ready:\t${printBool(status.ready)}\n`);
      w.write(2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    describeResources(c.resources, w, 2);
    for (const [title, probe] of [['Liveness', c.livenessProbe], ['Readiness', c.readinessProbe], ['Startup', c.startupProbe]] as const) {
      if (probe) w.write(2, `${title}:\t${describeProbe(probe)}\n`);
    }
    if (c.envFrom?.length) describeEnvFrom(c.envFrom, w);
    describeEnv(c, pod, w);
    describeMounts(c, w);
  }
}

export function describeResources(resources: Json | undefined, w: DescribeWriter, level: number): void {
  for (const [title, list] of [['Limits', resources?.limits], ['Requests', resources?.requests]] as const) {
    const names = sortedKeys(list);
    if (names.length) w.write(level, `${title}:\n`);
    for (const name of names) w.write(level + 1, `${name}:\t${Quantity.canonical(list[name])}\n`);
  }
}

function describeState(title: string, state: Json | undefined, w: DescribeWriter, clock: Clock): void {
  if (state?.running) {
    w.write(2, `${title}:\tRunning\n`);
    w.write(3, `Started:\t${clock.rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(2, `${title}:\tWaiting\n`);
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${title}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${clock.rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${clock.rfc1123z(t.finishedAt)}\n`);
  } else w.write(2, `${title}:\tWaiting\n`);
}

export function describeProbe(probe: Json): string {
  const attrs = `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 0}s period=${probe.periodSeconds ?? 0}s #success=${probe.successThreshold ?? 0} #failure=${probe.failureThreshold ?? 0}`;
  if (probe.exec) return `exec ${goList(probe.exec.command)} ${attrs}`;
  if (probe.httpGet) {
    const h = probe.httpGet;
    const port = h.port === undefined || h.port === null ? '' : String(h.port);
    const host = h.host ?? '';
    const hostPort = port ? `${host.includes(':') ? `[${host}]` : host}:${port}` : host;
    const scheme = String(h.scheme ?? '').toLowerCase();
    let path = h.path ?? '';
    if (path && !path.startsWith('/') && hostPort) path = '/' + path;
    const slashes = (scheme || hostPort) && (hostPort || path) ? '//' : '';
    return `http-get ${scheme ? scheme + ':' : ''}${slashes}${hostPort}${path} ${attrs}`;
  }
  if (probe.tcpSocket) return `tcp-socket ${probe.tcpSocket.host ?? ''}:${probe.tcpSocket.port ?? ''} ${attrs}`;
  if (probe.grpc) return `grpc <pod>:${probe.grpc.port ?? 0} ${probe.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeEnvFrom(envFrom: Json[], w: DescribeWriter): void {
  w.write(2, 'Environment Variables from:\n');
  for (const e of envFrom) {
    const ref = e.configMapRef ?? e.secretRef;
    const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
    const optional = ref?.optional === true;
    w.write(3, e.prefix ? `${ref?.name ?? ''}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n` : `${ref?.name ?? ''}\t${from}\tOptional: ${optional}\n`);
  }
}

function describeEnv(c: Json, pod: Json | undefined, w: DescribeWriter): void {
  w.write(2, `Environment:${c.env?.length ? '' : '\t<none>'}\n`);
  for (const e of (c.env ?? []) as Json[]) {
    const from = e.valueFrom;
    if (!from) {
      String(e.value ?? '')
        .split('\n')
        .forEach((part, i) => w.write(3, i === 0 ? `${e.name}:\t${part}\n` : `\t${part}\n`));
    } else if (from.fieldRef) {
      const resolved = pod ? fieldValue(pod, from.fieldRef.fieldPath ?? '') : '';
      w.write(3, `${e.name}:\t${resolved} (${from.fieldRef.apiVersion ?? ''}:${from.fieldRef.fieldPath ?? ''})\n`);
    } else if (from.resourceFieldRef) {
      let resolved = resourceValue(from.resourceFieldRef, c);
      const resource = from.resourceFieldRef.resource ?? '';
      if (resolved === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) resolved = 'node allocatable';
      w.write(3, `${e.name}:\t${resolved} (${resource})\n`);
    } else if (from.secretKeyRef) {
      w.write(3, `${e.name}:\t<set to the key '${from.secretKeyRef.key ?? ''}' in secret '${from.secretKeyRef.name ?? ''}'>\tOptional: ${from.secretKeyRef.optional === true}\n`);
    } else if (from.configMapKeyRef) {
      w.write(3, `${e.name}:\t<set to the key '${from.configMapKeyRef.key ?? ''}' of config map '${from.configMapKeyRef.name ?? ''}'>\tOptional: ${from.configMapKeyRef.optional === true}\n`);
    }
  }
}

/**
 * The value kubectl shows for a downward-API field: only the pod's name and
 * namespace resolve (other paths show empty), as in kubectl itself.
 */
function fieldValue(pod: Json, path: string): string {
  if (path === 'metadata.name') return String(pod.metadata?.name ?? '');
  if (path === 'metadata.namespace') return String(pod.metadata?.namespace ?? '');
  return '';
}

function resourceValue(ref: Json, c: Json): string {
  const divisor = Quantity.parse(ref.divisor);
  const [kind, name] = String(ref.resource ?? '').split('.');
  const list = kind === 'limits' ? c.resources?.limits : kind === 'requests' ? c.resources?.requests : undefined;
  if (!list || !['cpu', 'memory', 'ephemeral-storage'].includes(name)) return '';
  const amount = Quantity.of(list[name]);
  if (name === 'cpu') return String(Math.ceil(amount.milliValue() / (divisor && !divisor.isZero() ? divisor : Quantity.of('1')).milliValue()));
  return String(Math.ceil(amount.value() / (divisor && !divisor.isZero() ? divisor : Quantity.of('1')).value()));
}

function describeMounts(c: Json, w: DescribeWriter): void {
  const none = c.volumeMounts?.length ? '' : '\t<none>';
  w.write(2, `Mounts:${none}\n`);
  const mounts = [...((c.volumeMounts ?? []) as Json[])].sort((a, b) => byteOrder(a.mountPath ?? '', b.mountPath ?? ''));
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
  if (c.volumeDevices?.length) {
    w.write(2, `Devices:${none}\n`);
    const devices = [...(c.volumeDevices as Json[])].sort((a, b) => byteOrder(a.devicePath ?? '', b.devicePath ?? ''));
    for (const d of devices) w.write(3, `${d.devicePath} from ${d.name}\n`);
  }
}

export function describeTopologySpread(constraints: Json[] | undefined, w: DescribeWriter, space: string): void {
  if (!constraints?.length) return;
  const sorted = [...constraints].sort((a, b) => byteOrder(a.topologyKey ?? '', b.topologyKey ?? ''));
  w.write(0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((t, i) => {
    if (i) w.write(0, `${space}\t`);
    let text = `${t.topologyKey ?? ''}:${t.whenUnsatisfiable ?? ''} when max skew ${t.maxSkew ?? 0} is exceeded`;
    if (t.labelSelector) text += ` for selector ${formatLabelSelector(t.labelSelector)}`;
    w.write(0, text + '\n');
  });
}

/** The `Pod Template:` section of workload controllers. */
export function describePodTemplate(template: Json | undefined, w: DescribeWriter, clock: Clock): void {
  w.write(0, 'Pod Template:\n');
  if (!template) return w.write(1, '<unset>');
  const spec = template.spec ?? {};
  printLabels(w, '  Labels', template.metadata?.labels);
  if (sortedKeys(template.metadata?.annotations).length) printAnnotations(w, '  Annotations', template.metadata.annotations);
  if (spec.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers?.length) describeContainers('Init Containers', spec.initContainers, undefined, undefined, w, '  ', clock);
  describeContainers('Containers', spec.containers, undefined, undefined, w, '  ', clock);
  describeVolumes(spec.volumes, w, '  ', clock);
  describeTopologySpread(spec.topologySpreadConstraints, w, '  ');
  if (spec.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabels(w, '  Node-Selectors', spec.nodeSelector);
  printTolerations(w, '  Tolerations', spec.tolerations);
}
