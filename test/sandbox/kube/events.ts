// Recording core/v1 Events the way client-go's event recorder does: one Event per
// (object, type, reason, message), with count and lastTimestamp bumped on repeats.
import { KEYS } from './resources';
import type { Store } from './store';
import { rfc3339, type Json, type KubeObject } from './util';

let sequence = 0;

/** "<object name>.<16 hex digits>", like the recorder's timestamp-based names. */
export function eventName(objectName: string, at = Date.now()): string {
  const nanos = BigInt(at) * 1_000_000n + BigInt(sequence++ % 1_000_000);
  return `${objectName}.${nanos.toString(16).padStart(16, '0')}`;
}

export interface EventSpec {
  type?: 'Normal' | 'Warning';
  reason: string;
  message: string;
  component: string;
  host?: string;
  fieldPath?: string;
  /** When it happened; defaults to now (the seed records past events). */
  at?: number;
  count?: number;
  firstAt?: number;
}

export function recordEvent(store: Store, involved: KubeObject, spec: EventSpec): KubeObject {
  const ns = involved.metadata.namespace || 'default';
  const name = involved.metadata.name ?? '';
  const at = spec.at ?? Date.now();
  const type = spec.type ?? 'Normal';
  const existing = store
    .list(KEYS.events, ns)
    .find(
      (e) =>
        e.involvedObject?.uid === involved.metadata.uid &&
        e.reason === spec.reason &&
        e.message === spec.message &&
        e.type === type &&
        e.source?.component === spec.component,
    );
  if (existing && spec.at === undefined) {
    existing.count = (existing.count ?? 1) + 1;
    existing.lastTimestamp = rfc3339(new Date(at));
    return store.update(KEYS.events, existing);
  }
  const involvedObject: Record<string, Json> = {
    kind: involved.kind,
    namespace: involved.metadata.namespace,
    name,
    uid: involved.metadata.uid,
    apiVersion: involved.apiVersion,
    resourceVersion: involved.metadata.resourceVersion,
  };
  if (!involved.metadata.namespace) delete involvedObject.namespace;
  if (spec.fieldPath) involvedObject.fieldPath = spec.fieldPath;
  const source: Record<string, string> = { component: spec.component };
  if (spec.host) source.host = spec.host;
  return store.create(KEYS.events, {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: eventName(name, at), namespace: ns, creationTimestamp: rfc3339(new Date(at)) },
    involvedObject,
    reason: spec.reason,
    message: spec.message,
    source,
    firstTimestamp: rfc3339(new Date(spec.firstAt ?? at)),
    lastTimestamp: rfc3339(new Date(at)),
    count: spec.count ?? 1,
    type,
    eventTime: null,
    reportingComponent: spec.component,
    reportingInstance: spec.host ?? '',
  });
}
