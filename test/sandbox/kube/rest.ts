// The generic REST verbs over the store: get, list (selectors, limit/continue),
// create, update, delete; every write defaulted, validated and honouring dryRun.
import type { SimContext } from './context';
import { allocateService, applyDefaults } from './defaults';
import * as errors from './errors';
import { KEYS, resourceKey, type ResourceType } from './resources';
import {
  checkFieldSelector,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from './selectors';
import { ConflictError, ExistsError, MissingError } from './store';
import { clone, deepEqual, isPlainObject, newUid, randomSuffix, rfc3339, type Json, type KubeObject } from './util';
import { validate } from './validation';

export interface WriteOptions {
  dryRun: boolean;
  subresource?: 'status';
}

export interface ListQuery {
  labelSelector?: string | null;
  fieldSelector?: string | null;
  limit?: number;
  continueToken?: string | null;
}

export interface ListResult {
  /** The stored objects (read-only). */
  items: readonly KubeObject[];
  resourceVersion: string;
  continueToken?: string;
  remaining?: number;
}

const CONTINUE_TOO_OLD =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.';

function decodeContinue(token: string): { rv: number; start: string } {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString());
    if (typeof t.start === 'string' && Number.isInteger(t.rv)) return { rv: t.rv, start: t.start };
  } catch {
    // reported below
  }
  throw errors.badRequest('continue key is not valid: illegal base64 data at input byte 0');
}

export const gr = (rt: ResourceType) => ({ group: rt.group, resource: rt.plural });
export const gk = (rt: ResourceType) => ({ group: rt.group, kind: rt.kind });

export class Rest {
  constructor(private readonly ctx: SimContext) {}

  get(rt: ResourceType, ns: string | undefined, name: string): KubeObject {
    const obj = this.ctx.store.get(resourceKey(rt), ns, name);
    if (!obj) throw errors.notFound(gr(rt), name);
    return obj;
  }

  /** A filter for list and watch: label and field selectors of one kind. */
  matcher(rt: ResourceType, q: ListQuery): (o: KubeObject) => boolean {
    const labels = parseLabelSelector(q.labelSelector);
    const fields = parseFieldSelector(q.fieldSelector);
    checkFieldSelector(resourceKey(rt), fields, Boolean(rt.custom));
    return (o) => matchesLabels(labels, o.metadata.labels) && matchesFields(resourceKey(rt), fields, o);
  }

  /**
   * One page of a list in key order. A continue token carries the list's
   * resourceVersion: every page reports that version and shows the objects as
   * they were then, and a token older than the kept history is 410 Gone, as on a
   * compacted API server.
   */
  list(rt: ResourceType, ns: string | undefined, q: ListQuery): ListResult {
    const match = this.matcher(rt, q);
    let rv = this.ctx.store.currentRv();
    let after: string | undefined;
    if (q.continueToken) {
      const token = decodeContinue(q.continueToken);
      if (token.rv < this.ctx.store.oldestRv()) throw errors.expired(CONTINUE_TOO_OLD);
      after = token.start;
      rv = token.rv;
    }
    const limit = q.limit && q.limit > 0 ? q.limit : undefined;
    const at = q.continueToken ? rv : undefined;
    const page = this.ctx.store.page(resourceKey(rt), ns, { match, after, limit, at });
    if (page.nextAfter === undefined) return { items: page.items, resourceVersion: String(rv) };
    const token = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: page.nextAfter })).toString('base64url');
    const filtered = Boolean(q.labelSelector || q.fieldSelector);
    return { items: page.items, resourceVersion: String(rv), continueToken: token, remaining: filtered ? undefined : page.remaining };
  }

  create(rt: ResourceType, ns: string | undefined, body: Json, opts: WriteOptions): KubeObject {
    if (!isPlainObject(body)) throw errors.badRequest('Object \'Kind\' is missing in \'null\'');
    const obj = clone(body) as KubeObject;
    this.checkTypeMeta(rt, obj);
    obj.metadata = isPlainObject(obj.metadata) ? obj.metadata : {};
    if (rt.namespaced) {
      if (obj.metadata.namespace && obj.metadata.namespace !== ns) {
        throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      obj.metadata.namespace = ns;
      if (!this.ctx.store.get(KEYS.namespaces, undefined, ns ?? '')) throw errors.notFound({ group: '', resource: 'namespaces' }, ns ?? '');
    } else delete obj.metadata.namespace;
    if (obj.metadata.resourceVersion) throw errors.internalError('resourceVersion should not be set on objects to be created');
    if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = `${obj.metadata.generateName}${randomSuffix(5)}`;
    for (const k of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'managedFields']) delete obj.metadata[k];
    if (rt.subresources.includes('status')) delete obj.status;
    if (resourceKey(rt) === KEYS.crds) establishCrd(obj);
    applyDefaults(resourceKey(rt), obj);
    if (resourceKey(rt) === KEYS.services) allocateService(obj, this.ctx.store.list(KEYS.services));
    this.check(rt, obj);
    if (opts.dryRun) {
      if (this.ctx.store.get(resourceKey(rt), ns, obj.metadata.name ?? '')) throw errors.alreadyExists(gr(rt), obj.metadata.name ?? '');
      return { ...obj, metadata: { ...obj.metadata, uid: newUid(), creationTimestamp: rfc3339(), ...(rt.generation ? { generation: 1 } : {}) } };
    }
    try {
      return this.ctx.store.create(resourceKey(rt), obj);
    } catch (e) {
      if (e instanceof ExistsError) throw errors.alreadyExists(gr(rt), obj.metadata.name ?? '');
      throw e;
    }
  }

  update(rt: ResourceType, ns: string | undefined, name: string, body: Json, opts: WriteOptions): KubeObject {
    if (!isPlainObject(body)) throw errors.badRequest('Object \'Kind\' is missing in \'null\'');
    this.checkTypeMeta(rt, body as KubeObject);
    const current = this.get(rt, ns, name);
    return this.commit(rt, current, body as KubeObject, opts);
  }

  /** Writes `candidate` over `current`: preconditions, immutable metadata, status rules, defaults, validation. */
  commit(rt: ResourceType, current: KubeObject, input: KubeObject, opts: WriteOptions): KubeObject {
    const candidate = clone(input);
    candidate.metadata = isPlainObject(candidate.metadata) ? candidate.metadata : {};
    const name = current.metadata.name ?? '';
    const sentRv = candidate.metadata.resourceVersion;
    if (sentRv && sentRv !== current.metadata.resourceVersion) throw errors.conflict(gr(rt), name);
    if (candidate.metadata.name !== undefined && candidate.metadata.name !== name) {
      throw errors.badRequest(`the name of the object (${candidate.metadata.name}) does not match the name on the URL (${name})`);
    }
    if (rt.namespaced && candidate.metadata.namespace !== undefined && candidate.metadata.namespace !== current.metadata.namespace) {
      throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    let next: KubeObject;
    if (opts.subresource === 'status') {
      next = clone(current);
      next.status = candidate.status;
    } else {
      next = candidate;
      next.apiVersion = current.apiVersion;
      next.kind = current.kind;
      next.metadata.name = name;
      if (rt.namespaced) next.metadata.namespace = current.metadata.namespace;
      for (const k of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation']) {
        if (current.metadata[k] === undefined) delete next.metadata[k];
        else next.metadata[k] = current.metadata[k];
      }
      if (rt.subresources.includes('status')) {
        if (current.status === undefined) delete next.status;
        else next.status = current.status;
      }
      applyDefaults(resourceKey(rt), next);
      this.check(rt, next, current);
    }
    next.metadata.resourceVersion = current.metadata.resourceVersion;
    if (opts.dryRun) {
      if (rt.generation && !deepEqual(current.spec, next.spec)) next.metadata.generation = (current.metadata.generation ?? 1) + 1;
      return next;
    }
    try {
      return this.ctx.store.update(resourceKey(rt), next);
    } catch (e) {
      if (e instanceof ConflictError) throw errors.conflict(gr(rt), name);
      if (e instanceof MissingError) throw errors.notFound(gr(rt), name);
      throw e;
    }
  }

  delete(rt: ResourceType, ns: string | undefined, name: string, options: Json, dryRun: boolean): { code: number; body: Json } {
    const current = this.get(rt, ns, name);
    const pre = options?.preconditions ?? {};
    if (pre.uid && pre.uid !== current.metadata.uid) {
      throw errors.conflict(gr(rt), name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`);
    }
    if (pre.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
      throw errors.conflict(gr(rt), name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`);
    }
    const key = resourceKey(rt);
    const success = () => ({
      code: 200,
      body: errors.successStatus({ name, ...(rt.group ? { group: rt.group } : {}), kind: rt.plural, uid: current.metadata.uid }),
    });
    if (dryRun) return key === KEYS.pods ? { code: 200, body: current } : success();
    const policy = options?.propagationPolicy ?? (options?.orphanDependents === true ? 'Orphan' : 'Background');
    if (policy === 'Orphan') this.orphanDependents(current);
    if (key === KEYS.pods) {
      const grace = options?.gracePeriodSeconds ?? current.spec?.terminationGracePeriodSeconds ?? 30;
      if (grace > 0) {
        if (current.metadata.deletionTimestamp) return { code: 200, body: current };
        current.metadata.deletionTimestamp = rfc3339(new Date(Date.now() + grace * 1000));
        current.metadata.deletionGracePeriodSeconds = grace;
        return { code: 200, body: this.ctx.store.update(key, current) };
      }
    }
    if (key === KEYS.namespaces) {
      for (const k of this.ctx.store.keys()) {
        for (const o of this.ctx.store.list(k, name)) this.ctx.store.delete(k, name, o.metadata.name ?? '');
      }
    }
    this.ctx.store.delete(key, ns, name);
    return success();
  }

  private orphanDependents(owner: KubeObject): void {
    const uid = owner.metadata.uid;
    if (!uid) return;
    for (const { key, object: o } of this.ctx.store.dependents(uid)) {
      o.metadata.ownerReferences = (o.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      if (!o.metadata.ownerReferences.length) delete o.metadata.ownerReferences;
      this.ctx.store.update(key, o);
    }
  }

  private checkTypeMeta(rt: ResourceType, obj: KubeObject): void {
    const apiVersion = rt.group ? `${rt.group}/${rt.version}` : rt.version;
    if (obj.kind !== undefined && obj.kind !== rt.kind) {
      throw errors.badRequest(`the object provided is unrecognized (must be of type ${rt.kind}): kind "${obj.kind}" does not match "${rt.kind}"`);
    }
    if (obj.apiVersion !== undefined && obj.apiVersion !== apiVersion) {
      throw errors.badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${apiVersion})`);
    }
    obj.kind = rt.kind;
    obj.apiVersion = apiVersion;
  }

  private check(rt: ResourceType, obj: KubeObject, old?: KubeObject): void {
    const errs = validate(rt, obj, old);
    if (errs.length) throw errors.invalid(gk(rt), obj.metadata.name ?? '', errs);
  }
}

/** A CRD is accepted and established as soon as it is created. */
function establishCrd(crd: KubeObject): void {
  const now = rfc3339();
  crd.status = {
    acceptedNames: crd.spec?.names ?? {},
    conditions: [
      { type: 'NamesAccepted', status: 'True', lastTransitionTime: now, reason: 'NoConflicts', message: 'no conflicts found' },
      { type: 'Established', status: 'True', lastTransitionTime: now, reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
    ],
    storedVersions: (crd.spec?.versions ?? []).filter((v: Json) => v.storage).map((v: Json) => v.name),
  };
}
