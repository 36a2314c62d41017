// Pod status as a kubelet reports it: Pending with ContainerCreating, then
// Running with every container ready. Shared by the kubelet controller and the seed.
import { parseQuantity } from './quantity';
import type { Json, KubeObject } from './util';

export function qosClass(pod: KubeObject): string {
  const cs: Json[] = pod.spec?.containers ?? [];
  const any = cs.some((c) => Object.keys(c.resources?.requests ?? {}).length || Object.keys(c.resources?.limits ?? {}).length);
  if (!any) return 'BestEffort';
  const guaranteed = cs.every((c) =>
    ['cpu', 'memory'].every((r) => {
      const lim = c.resources?.limits?.[r];
      const req = c.resources?.requests?.[r] ?? lim;
      return lim !== undefined && parseQuantity(lim) === parseQuantity(req);
    }),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function condition(type: string, status: string, at: string, extra: Json = {}): Json {
  return { type, status, lastProbeTime: null, lastTransitionTime: at, ...extra };
}

const names = (pod: KubeObject) => (pod.spec?.containers ?? []).map((c: Json) => c.name);

export function pendingStatus(pod: KubeObject, hostIP: string, at: string): Json {
  const unready = { reason: 'ContainersNotReady', message: `containers with unready status: [${names(pod).join(' ')}]` };
  return {
    phase: 'Pending',
    conditions: [
      condition('PodReadyToStartContainers', 'False', at),
      condition('Initialized', 'True', at),
      condition('Ready', 'False', at, unready),
      condition('ContainersReady', 'False', at, unready),
      condition('PodScheduled', 'True', at),
    ],
    hostIP,
    hostIPs: [{ ip: hostIP }],
    startTime: at,
    containerStatuses: (pod.spec?.containers ?? []).map((c: Json) => ({
      name: c.name,
      state: { waiting: { reason: 'ContainerCreating' } },
      lastState: {},
      ready: false,
      restartCount: 0,
      image: c.image,
      imageID: '',
      started: false,
    })),
    qosClass: qosClass(pod),
  };
}

export interface RunningOptions {
  at: string;
  startTime?: string;
  ip: string;
  hostIP: string;
  /** A previous run of the first container that ended in a crash. */
  lastTermination?: { startedAt: string; finishedAt: string; reason: string; exitCode: number };
}

function digest(seed: string, length: number): string {
  let out = '';
  let h = 0x811c9dc5;
  while (out.length < length) {
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

export function runningStatus(pod: KubeObject, o: RunningOptions): Json {
  return {
    phase: 'Running',
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((t) => condition(t, 'True', o.at)),
    hostIP: o.hostIP,
    hostIPs: [{ ip: o.hostIP }],
    podIP: o.ip,
    podIPs: [{ ip: o.ip }],
    startTime: o.startTime ?? o.at,
    containerStatuses: (pod.spec?.containers ?? []).map((c: Json, i: number) => {
      const last = i === 0 ? o.lastTermination : undefined;
      return {
        name: c.name,
        state: { running: { startedAt: o.at } },
        lastState: last ? { terminated: { ...last, containerID: `containerd://${digest(`${pod.metadata.name}/prev`, 64)}` } } : {},
        ready: true,
        restartCount: last ? 1 : 0,
        image: c.image,
        imageID: `${String(c.image).replace(/:[^/:]+$/, '')}@sha256:${digest(String(c.image), 64)}`,
        containerID: `containerd://${digest(`${pod.metadata.name}/${c.name}/${o.at}`, 64)}`,
        started: true,
      };
    }),
    qosClass: qosClass(pod),
  };
}
