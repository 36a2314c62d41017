// A pod's READY, STATUS and RESTARTS as `kubectl get pods` shows them, so the
// health view's pods are judged by the same findings as a cell's table.

import type { KubeItem } from './transform';

export const POD_COLUMNS = ['Name', 'Ready', 'Status', 'Restarts'];

export function podRow(pod: KubeItem, now: Date): [string, string, string, string] {
  const statuses: any[] = pod.status?.containerStatuses ?? [];
  const containers = (pod.spec?.containers as unknown[] | undefined)?.length ?? statuses.length;
  const ready = statuses.filter((s) => s.ready).length;
  let restarts = 0;
  let lastRestart: number | undefined;
  for (const s of statuses) {
    restarts += s.restartCount ?? 0;
    const finished = Date.parse(s.lastState?.terminated?.finishedAt ?? '');
    if (Number.isFinite(finished) && (lastRestart === undefined || finished > lastRestart)) lastRestart = finished;
  }
  const restartText = restarts > 0 && lastRestart !== undefined ? `${restarts} (${human(now.getTime() - lastRestart)} ago)` : String(restarts);
  return [pod.metadata.name, `${ready}/${containers}`, podStatus(pod, statuses), restartText];
}

function podStatus(pod: KubeItem, statuses: any[]): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  let reason: string = pod.status?.reason ?? pod.status?.phase ?? 'Unknown';
  for (const s of statuses) {
    const waiting = s.state?.waiting?.reason;
    const terminated = s.state?.terminated;
    if (waiting) reason = waiting;
    else if (terminated) reason = terminated.reason ?? (terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`);
  }
  return reason;
}

/** kubectl's short human durations: `45s`, `5m`, `3h`, `2d`. */
function human(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}
