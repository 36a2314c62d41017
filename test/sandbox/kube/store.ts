// Object storage for the simulated cluster: one global resourceVersion counter
// (like etcd's revision), a bounded history of changes for watch replay, and
// synchronous fan-out of every change to subscribers.
import { clone, deepEqual, newUid, rfc3339, type KubeObject } from './util';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: EventType;
  /** Resource key, "<group>/<plural>". */
  key: string;
  object: KubeObject;
  /** The previous state, for MODIFIED and DELETED. */
  old?: KubeObject;
  rv: number;
}

export type Listener = (event: StoreEvent) => void;

export class ConflictError extends Error {}
export class ExistsError extends Error {}
export class MissingError extends Error {}

const HISTORY_LIMIT = 20_000;

function objectKey(ns: string | undefined, name: string): string {
  return `${ns ?? ''}/${name}`;
}

function withoutVersion(obj: KubeObject): KubeObject {
  const c = clone(obj);
  delete c.metadata.resourceVersion;
  return c;
}

export class Store {
  private readonly data = new Map<string, Map<string, KubeObject>>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<Listener>();
  private rv = 1000;

  constructor(private readonly tracksGeneration: (key: string) => boolean = () => false) {}

  currentRv(): number {
    return this.rv;
  }

  private bucket(key: string): Map<string, KubeObject> {
    let b = this.data.get(key);
    if (!b) {
      b = new Map();
      this.data.set(key, b);
    }
    return b;
  }

  get(key: string, ns: string | undefined, name: string): KubeObject | undefined {
    return clone(this.data.get(key)?.get(objectKey(ns, name)));
  }

  /** Objects of a kind, optionally in one namespace, in etcd key order. */
  list(key: string, ns?: string): KubeObject[] {
    const b = this.data.get(key);
    if (!b) return [];
    return [...b.entries()]
      .filter(([, o]) => ns === undefined || o.metadata.namespace === ns)
      .sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0))
      .map(([, o]) => clone(o));
  }

  keys(): string[] {
    return [...this.data.keys()];
  }

  create(key: string, input: KubeObject): KubeObject {
    const obj = clone(input);
    const name = obj.metadata.name ?? '';
    const id = objectKey(obj.metadata.namespace, name);
    const b = this.bucket(key);
    if (b.has(id)) throw new ExistsError(name);
    obj.metadata.uid ??= newUid();
    obj.metadata.creationTimestamp ??= rfc3339();
    if (this.tracksGeneration(key)) obj.metadata.generation ??= 1;
    obj.metadata.resourceVersion = String(++this.rv);
    b.set(id, obj);
    this.emit({ type: 'ADDED', key, object: clone(obj), rv: this.rv });
    return clone(obj);
  }

  /**
   * Replaces an object. A set resourceVersion must match (optimistic concurrency);
   * an update that changes nothing keeps the old resourceVersion and emits nothing.
   */
  update(key: string, input: KubeObject): KubeObject {
    const obj = clone(input);
    const name = obj.metadata.name ?? '';
    const id = objectKey(obj.metadata.namespace, name);
    const b = this.bucket(key);
    const old = b.get(id);
    if (!old) throw new MissingError(name);
    const rv = obj.metadata.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw new ConflictError(name);
    obj.metadata.uid = old.metadata.uid;
    obj.metadata.creationTimestamp = old.metadata.creationTimestamp;
    if (this.tracksGeneration(key)) {
      const gen = old.metadata.generation ?? 1;
      obj.metadata.generation = deepEqual(old.spec, obj.spec) ? gen : gen + 1;
    }
    obj.metadata.resourceVersion = old.metadata.resourceVersion;
    if (deepEqual(withoutVersion(old), withoutVersion(obj))) return clone(old);
    obj.metadata.resourceVersion = String(++this.rv);
    b.set(id, obj);
    this.emit({ type: 'MODIFIED', key, object: clone(obj), old: clone(old), rv: this.rv });
    return clone(obj);
  }

  delete(key: string, ns: string | undefined, name: string): KubeObject {
    const b = this.bucket(key);
    const id = objectKey(ns, name);
    const old = b.get(id);
    if (!old) throw new MissingError(name);
    b.delete(id);
    const gone = clone(old);
    gone.metadata.resourceVersion = String(++this.rv);
    this.emit({ type: 'DELETED', key, object: clone(gone), old: clone(old), rv: this.rv });
    return gone;
  }

  /** Changes after `rv`, or undefined when that version is older than the kept history. */
  since(rv: number): StoreEvent[] | undefined {
    const oldest = this.history.length ? this.history[0].rv : this.rv + 1;
    if (rv < oldest - 1 && rv < this.rv) return undefined;
    return this.history.filter((e) => e.rv > rv);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: StoreEvent): void {
    this.history.push(event);
    if (this.history.length > HISTORY_LIMIT) this.history.splice(0, this.history.length - HISTORY_LIMIT);
    for (const l of [...this.listeners]) l(event);
  }
}
