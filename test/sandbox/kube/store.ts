// Object storage for the simulated cluster: one global resourceVersion counter
// (like etcd's revision), a bounded history of changes for watch replay, and
// synchronous fan-out of every change to subscribers.
//
// Objects are indexed by kind, by namespace within a kind (both kept in etcd key
// order, "<namespace>/<name>") and by owner uid, so that a read touches only what
// it asks for and only what it returns is cloned. Stored objects are never
// changed in place: a write stores a new object. Events carry the stored objects
// themselves, so listeners must treat them as read-only.
import { clone, deepEqual, newUid, rfc3339, type KubeObject } from './util';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: EventType;
  /** Resource key, "<group>/<plural>". */
  key: string;
  /** The stored object (read-only). */
  object: KubeObject;
  /** The previous state, for MODIFIED and DELETED (read-only). */
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

/** Index of the first element of a sorted array greater than `id`. */
function firstAfter(sorted: string[], id: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(sorted: string[], id: string): void {
  sorted.splice(firstAfter(sorted, id), 0, id);
}

function removeSorted(sorted: string[], id: string): void {
  const i = firstAfter(sorted, id) - 1;
  if (i >= 0 && sorted[i] === id) sorted.splice(i, 1);
}

const ownerUids = (o: KubeObject | undefined): string[] => (o?.metadata.ownerReferences ?? []).map((r) => r.uid).filter(Boolean);

/** One kind's objects: by id, all ids in key order, and each namespace's ids in key order. */
class KindIndex {
  readonly objects = new Map<string, KubeObject>();
  readonly order: string[] = [];
  readonly byNamespace = new Map<string, string[]>();

  ids(ns: string | undefined): string[] {
    return ns === undefined ? this.order : (this.byNamespace.get(ns) ?? []);
  }

  add(id: string, ns: string): void {
    insertSorted(this.order, id);
    let list = this.byNamespace.get(ns);
    if (!list) this.byNamespace.set(ns, (list = []));
    insertSorted(list, id);
  }

  remove(id: string, ns: string): void {
    removeSorted(this.order, id);
    const list = this.byNamespace.get(ns);
    if (!list) return;
    removeSorted(list, id);
    if (!list.length) this.byNamespace.delete(ns);
  }
}

export interface PageQuery {
  match: (o: KubeObject) => boolean;
  /** Start after this "<namespace>/<name>". */
  after?: string;
  /** At most this many items (0 or absent: all). */
  limit?: number;
  /** Objects as they were at this resourceVersion (a continued list); it must be within the kept history. */
  at?: number;
}

export interface Page {
  /** The stored objects themselves (read-only): a list only serialises them. */
  items: readonly KubeObject[];
  /** The id of the last item when more matching objects follow. */
  nextAfter?: string;
  /** Objects of the kind (matching or not) after the page. */
  remaining: number;
}

export class Store {
  private readonly kinds = new Map<string, KindIndex>();
  /** Owner uid -> "<key>\0<namespace>/<name>" of its dependents. */
  private readonly owners = new Map<string, Set<string>>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<Listener>();
  private rv = 1000;

  constructor(private readonly tracksGeneration: (key: string) => boolean = () => false) {}

  currentRv(): number {
    return this.rv;
  }

  private kind(key: string): KindIndex {
    let k = this.kinds.get(key);
    if (!k) {
      k = new KindIndex();
      this.kinds.set(key, k);
    }
    return k;
  }

  get(key: string, ns: string | undefined, name: string): KubeObject | undefined {
    return clone(this.kinds.get(key)?.objects.get(objectKey(ns, name)));
  }

  /** Objects of a kind, optionally in one namespace, in etcd key order. */
  list(key: string, ns?: string): KubeObject[] {
    const k = this.kinds.get(key);
    if (!k) return [];
    return k.ids(ns).map((id) => clone(k.objects.get(id)!));
  }

  /** Calls `fn` with each stored object (read-only) of a kind, optionally in one namespace, in key order. */
  scan(key: string, ns: string | undefined, fn: (o: KubeObject) => void): void {
    const k = this.kinds.get(key);
    if (!k) return;
    for (const id of k.ids(ns)) fn(k.objects.get(id)!);
  }

  /** How many objects of a kind there are, optionally in one namespace. */
  count(key: string, ns?: string): number {
    return this.kinds.get(key)?.ids(ns).length ?? 0;
  }

  /** The `index`-th object of a kind in key order (a clone), for picking objects without listing them. */
  at(key: string, index: number): KubeObject | undefined {
    const k = this.kinds.get(key);
    const id = k?.order[index];
    return id === undefined ? undefined : clone(k!.objects.get(id));
  }

  /** One page of matching objects in key order, without copying them (they are read-only). */
  page(key: string, ns: string | undefined, q: PageQuery): Page {
    const k = this.kinds.get(key);
    if (!k) return { items: [], remaining: 0 };
    const past = q.at === undefined ? new Map<string, KubeObject | undefined>() : this.statesAt(key, ns, q.at);
    const gone = [...past.keys()].filter((id) => !k.objects.has(id));
    const ids = gone.length ? [...k.ids(ns), ...gone].sort() : k.ids(ns);
    const limit = q.limit && q.limit > 0 ? q.limit : Infinity;
    const items: KubeObject[] = [];
    let i = q.after === undefined ? 0 : firstAfter(ids, q.after);
    let lastIndex = i - 1;
    for (; i < ids.length; i++) {
      const o = past.has(ids[i]) ? past.get(ids[i]) : k.objects.get(ids[i]);
      if (!o || !q.match(o)) continue;
      if (items.length === limit) return { items, nextAfter: ids[lastIndex], remaining: ids.length - lastIndex - 1 };
      items.push(o);
      lastIndex = i;
    }
    return { items, remaining: 0 };
  }

  /**
   * The objects of a kind (in a namespace) that changed after `rv`, each with its
   * state at `rv`: undefined when it did not exist yet. Read from the history.
   */
  private statesAt(key: string, ns: string | undefined, rv: number): Map<string, KubeObject | undefined> {
    const states = new Map<string, KubeObject | undefined>();
    for (const e of this.since(rv) ?? []) {
      const { namespace, name } = e.object.metadata;
      if (e.key !== key || (ns !== undefined && (namespace ?? '') !== ns)) continue;
      const id = objectKey(namespace, name ?? '');
      if (!states.has(id)) states.set(id, e.type === 'ADDED' ? undefined : e.old);
    }
    return states;
  }

  /** Objects of a kind that name `ownerUid` among their ownerReferences. */
  owned(key: string, ownerUid: string | undefined): KubeObject[] {
    return this.ownedReadOnly(key, ownerUid).map((o) => clone(o));
  }

  /** Like owned(), without copies: the stored objects (read-only), for reading only. */
  ownedReadOnly(key: string, ownerUid: string | undefined): readonly KubeObject[] {
    if (!ownerUid) return [];
    const k = this.kinds.get(key);
    const prefix = `${key}\0`;
    const out: KubeObject[] = [];
    for (const ref of [...(this.owners.get(ownerUid) ?? [])].sort()) {
      const o = ref.startsWith(prefix) ? k?.objects.get(ref.slice(prefix.length)) : undefined;
      if (o) out.push(o);
    }
    return out;
  }

  /** Every object of any kind that names `ownerUid` among its ownerReferences. */
  dependents(ownerUid: string): { key: string; object: KubeObject }[] {
    return [...(this.owners.get(ownerUid) ?? [])].sort().flatMap((ref) => {
      const [key, id] = ref.split('\0');
      const o = this.kinds.get(key)?.objects.get(id);
      return o ? [{ key, object: clone(o) }] : [];
    });
  }

  keys(): string[] {
    return [...this.kinds.keys()];
  }

  private index(key: string, id: string, before: KubeObject | undefined, after: KubeObject | undefined): void {
    const ref = `${key}\0${id}`;
    const was = ownerUids(before);
    const now = ownerUids(after);
    for (const uid of was) {
      if (now.includes(uid)) continue;
      const set = this.owners.get(uid);
      set?.delete(ref);
      if (set && !set.size) this.owners.delete(uid);
    }
    for (const uid of now) {
      if (was.includes(uid)) continue;
      let set = this.owners.get(uid);
      if (!set) this.owners.set(uid, (set = new Set()));
      set.add(ref);
    }
  }

  create(key: string, input: KubeObject): KubeObject {
    const obj = clone(input);
    const name = obj.metadata.name ?? '';
    const id = objectKey(obj.metadata.namespace, name);
    const k = this.kind(key);
    if (k.objects.has(id)) throw new ExistsError(name);
    obj.metadata.uid ??= newUid();
    obj.metadata.creationTimestamp ??= rfc3339();
    if (this.tracksGeneration(key)) obj.metadata.generation ??= 1;
    obj.metadata.resourceVersion = String(++this.rv);
    k.objects.set(id, obj);
    k.add(id, obj.metadata.namespace ?? '');
    this.index(key, id, undefined, obj);
    this.emit({ type: 'ADDED', key, object: obj, rv: this.rv });
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
    const k = this.kind(key);
    const old = k.objects.get(id);
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
    k.objects.set(id, obj);
    this.index(key, id, old, obj);
    this.emit({ type: 'MODIFIED', key, object: obj, old, rv: this.rv });
    return clone(obj);
  }

  delete(key: string, ns: string | undefined, name: string): KubeObject {
    const k = this.kind(key);
    const id = objectKey(ns, name);
    const old = k.objects.get(id);
    if (!old) throw new MissingError(name);
    k.objects.delete(id);
    k.remove(id, old.metadata.namespace ?? '');
    this.index(key, id, old, undefined);
    const gone = clone(old);
    gone.metadata.resourceVersion = String(++this.rv);
    this.emit({ type: 'DELETED', key, object: gone, old, rv: this.rv });
    return clone(gone);
  }

  /** The oldest resourceVersion a watch can start from (older ones are compacted away). */
  oldestRv(): number {
    return this.history.length ? this.history[0].rv - 1 : this.rv;
  }

  /** Changes after `rv`, or undefined when that version is older than the kept history. */
  since(rv: number): StoreEvent[] | undefined {
    if (rv < this.oldestRv() && rv < this.rv) return undefined;
    let lo = 0;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.history[mid].rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    return this.history.slice(lo);
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
