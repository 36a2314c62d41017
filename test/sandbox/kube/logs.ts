// GET .../pods/<name>/log: container choice, previous, sinceSeconds/sinceTime,
// tailLines, limitBytes, timestamps, and follow (streams until the client closes
// or the pod goes away).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimContext } from './context';
import { badRequest } from './errors';
import { containerStatusOf, LINE_INTERVAL_MS, linesOf, steadyLine, type ContainerRun, type LogLine } from './loglines';
import { KEYS } from './resources';
import type { Json, KubeObject } from './util';

function pickContainer(pod: KubeObject, requested: string | null): string {
  const names: string[] = (pod.spec?.containers ?? []).map((c: Json) => c.name);
  const name = pod.metadata.name ?? '';
  if (!requested) {
    const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
    if (annotated && names.includes(annotated)) return annotated;
    if (names.length === 1) return names[0];
    throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`);
  }
  if (!names.includes(requested)) throw badRequest(`container ${requested} is not valid for pod ${name}`);
  return requested;
}

function runOf(pod: KubeObject, container: string, previous: boolean, now: number): ContainerRun {
  const name = pod.metadata.name ?? '';
  const status = containerStatusOf(pod, container);
  if (previous) {
    const last = status?.lastState?.terminated;
    if (!last) throw badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
    return { start: Date.parse(last.startedAt), end: Date.parse(last.finishedAt), seed: `${name}/${container}/previous`, crashed: true };
  }
  const running = status?.state?.running;
  if (!running) {
    const reason = status?.state?.waiting?.reason ?? 'ContainerCreating';
    throw badRequest(`container "${container}" in pod "${name}" is waiting to start: ${reason}`);
  }
  return { start: Date.parse(running.startedAt), end: now, seed: `${name}/${container}`, crashed: false };
}

function render(line: LogLine, timestamps: boolean): string {
  if (!timestamps) return `${line.text}\n`;
  const iso = new Date(line.at).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
  return `${iso} ${line.text}\n`;
}

export function serveLogs(ctx: SimContext, req: IncomingMessage, res: ServerResponse, pod: KubeObject, q: URLSearchParams): void {
  const container = pickContainer(pod, q.get('container'));
  const previous = q.get('previous') === 'true';
  const follow = q.get('follow') === 'true' && !previous;
  const timestamps = q.get('timestamps') === 'true';
  const now = ctx.logClock();
  const run = runOf(pod, container, previous, now);
  let lines = linesOf(pod, run, ctx.scenario);
  const sinceSeconds = Number(q.get('sinceSeconds') ?? NaN);
  const sinceTime = q.get('sinceTime');
  const since = Number.isFinite(sinceSeconds) ? now - sinceSeconds * 1000 : sinceTime ? Date.parse(sinceTime) : undefined;
  if (since !== undefined) lines = lines.filter((l) => l.at >= since);
  const tail = Number(q.get('tailLines') ?? NaN);
  if (Number.isFinite(tail) && tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail);
  let budget = Number(q.get('limitBytes') ?? NaN);
  const limited = Number.isFinite(budget) && budget > 0;

  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' });
  const emit = (line: LogLine): boolean => {
    let chunk = render(line, timestamps);
    if (limited) {
      if (budget <= 0) return false;
      chunk = Buffer.from(chunk).subarray(0, budget).toString();
      budget -= Buffer.byteLength(chunk);
    }
    res.write(chunk);
    return true;
  };
  for (const l of lines) if (!emit(l)) break;
  if (!follow || (limited && budget <= 0)) {
    res.end();
    return;
  }

  ctx.streams.add(res);
  let next = Math.max(0, Math.floor((now - run.start - 1000) / LINE_INTERVAL_MS) + 1);
  let closed = false;
  const cleanup = () => {
    if (closed) return;
    closed = true;
    stopTicks();
    unsubscribe();
    ctx.streams.delete(res);
    if (!res.writableEnded) res.end();
  };
  const stopTicks = ctx.timers.every(250, () => {
    const due = Math.floor((ctx.logClock() - run.start - 1000) / LINE_INTERVAL_MS) + 1;
    for (; next < due; next++) {
      if (!emit(steadyLine(pod, run.seed, ctx.scenario, run.start, next))) return cleanup();
    }
  });
  const unsubscribe = ctx.store.subscribe((e) => {
    if (e.key !== KEYS.pods || e.object.metadata.uid !== pod.metadata.uid) return;
    if (e.type === 'DELETED') cleanup();
  });
  req.on('close', cleanup);
  res.on('close', cleanup);
}
