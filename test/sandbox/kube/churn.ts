// A stream of pod changes at a set rate, as a busy cluster shows them: a running
// pod's container restarts (restartCount up, the pod not Ready), then becomes
// Ready again after the simulator's readiness delay. Pods are picked spread over
// the whole cluster by stepping through the pods in key order with a stride.
import type { SimContext } from './context';
import { isReady } from './controllers/replicaset';
import { isRunning } from './metrics';
import { KEYS } from './resources';
import { rfc3339, type Json, type KubeObject } from './util';

const TICK_MS = 100;
/** A prime stride through the pods in key order, so that successive picks land far apart. */
const STRIDE = 7_919;

function setReady(pod: KubeObject, ready: boolean, at: string): void {
  const names = (pod.spec?.containers ?? []).map((c: Json) => c.name).join(' ');
  for (const c of pod.status.conditions ?? []) {
    if (c.type !== 'Ready' && c.type !== 'ContainersReady') continue;
    c.status = ready ? 'True' : 'False';
    c.lastTransitionTime = at;
    if (ready) {
      delete c.reason;
      delete c.message;
    } else {
      c.reason = 'ContainersNotReady';
      c.message = `containers with unready status: [${names}]`;
    }
  }
  for (const cs of pod.status.containerStatuses ?? []) cs.ready = ready;
}

/** The first container crashed and runs again, not yet ready. */
function restarted(pod: KubeObject, at: string): void {
  const cs = pod.status.containerStatuses?.[0];
  if (cs) {
    cs.lastState = { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: cs.state?.running?.startedAt ?? at, finishedAt: at } };
    cs.state = { running: { startedAt: at } };
    cs.restartCount = (cs.restartCount ?? 0) + 1;
  }
  setReady(pod, false, at);
}

/** Starts restarting `perSecond` pods a second; stops with the simulator's timers. */
export function startChurn(ctx: SimContext, perSecond: number): void {
  if (!(perSecond > 0)) return;
  const started = Date.now();
  let done = 0;
  let cursor = 0;
  ctx.timers.every(TICK_MS, () => {
    const due = Math.floor(((Date.now() - started) / 1000) * perSecond);
    const count = ctx.store.count(KEYS.pods);
    const budget = Math.min(count, 4 * (due - done) + 16);
    for (let tries = 0; done < due && tries < budget; tries++) {
      cursor = (cursor + STRIDE) % count;
      const pod = ctx.store.at(KEYS.pods, cursor);
      if (!pod || !isRunning(pod) || !isReady(pod)) continue;
      restarted(pod, rfc3339());
      ctx.store.update(KEYS.pods, pod);
      done++;
      const { namespace, name, uid } = pod.metadata;
      ctx.timers.after(ctx.readyDelayMs, () => {
        const now = ctx.store.get(KEYS.pods, namespace, name ?? '');
        if (!now || now.metadata.uid !== uid || !isRunning(now)) return;
        setReady(now, true, rfc3339());
        ctx.store.update(KEYS.pods, now);
      });
    }
    if (done < due) done = due; // nothing to restart now: do not catch up later in a burst
  });
}
