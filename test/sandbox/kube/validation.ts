// Validation of writes, with the field paths and messages of the real API server
// (the subset the runbook's objects and the tests exercise).
import type { FieldError } from './errors';
import { parseQuantity } from './quantity';
import { KEYS, type ResourceType } from './resources';
import { fromLabelSelector, matchesLabels } from './selectors';
import { deepEqual, isPlainObject, type Json, type KubeObject } from './util';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const LABEL1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

function req(field: string, detail?: string): FieldError {
  return { type: 'FieldValueRequired', field, detail };
}
function inv(field: string, value: Json, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, value, detail };
}

export function validateName(rule: ResourceType['nameRule'], name: string, field = 'metadata.name'): FieldError[] {
  if (rule === 'any') return [];
  if (rule === 'label' && (name.length > 63 || !DNS1123_LABEL.test(name))) return [inv(field, name, LABEL_MSG)];
  if (rule === 'label1035' && (name.length > 63 || !DNS1035_LABEL.test(name))) return [inv(field, name, LABEL1035_MSG)];
  if (rule === 'subdomain' && (name.length > 253 || !DNS1123_SUBDOMAIN.test(name))) return [inv(field, name, SUBDOMAIN_MSG)];
  return [];
}

function nonNegative(field: string, v: Json): FieldError[] {
  if (v === undefined || v === null) return [];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return [inv(field, v, 'must be greater than or equal to 0')];
  return [];
}

function validateContainers(containers: Json, field: string): FieldError[] {
  if (!Array.isArray(containers) || containers.length === 0) return [req(field)];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c: Json, i: number) => {
    const f = `${field}[${i}]`;
    if (!c?.name) errs.push(req(`${f}.name`));
    else {
      errs.push(...validateName('label', c.name, `${f}.name`));
      if (seen.has(c.name)) errs.push({ type: 'FieldValueDuplicate', field: `${f}.name`, value: c.name });
      seen.add(c.name);
    }
    if (!c?.image) errs.push(req(`${f}.image`));
    for (const kind of ['requests', 'limits'] as const) {
      for (const [res, q] of Object.entries(c?.resources?.[kind] ?? {})) {
        if (Number.isNaN(parseQuantity(q as string))) {
          errs.push(inv(`${f}.resources.${kind}[${res}]`, q, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
        }
      }
    }
  });
  return errs;
}

function validateTemplated(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const spec = obj.spec ?? {};
  const errs = nonNegative('spec.replicas', spec.replicas);
  if (!isPlainObject(spec.selector)) errs.push(req('spec.selector'));
  else if (Object.keys(spec.selector.matchLabels ?? {}).length === 0 && !(spec.selector.matchExpressions ?? []).length) {
    errs.push(inv('spec.selector', spec.selector, 'empty selector is invalid for deployment'));
  }
  const labels = spec.template?.metadata?.labels ?? {};
  if (isPlainObject(spec.selector) && !matchesLabels(fromLabelSelector(spec.selector), labels)) {
    errs.push(inv('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'));
  }
  errs.push(...validateContainers(spec.template?.spec?.containers, 'spec.template.spec.containers'));
  if (old && !deepEqual(old.spec?.selector, spec.selector)) {
    errs.push(inv('spec.selector', spec.selector, 'field is immutable'));
  }
  return errs;
}

function validateHpa(obj: KubeObject): FieldError[] {
  const spec = obj.spec ?? {};
  const errs: FieldError[] = [];
  if (!spec.scaleTargetRef?.kind) errs.push(req('spec.scaleTargetRef.kind'));
  if (!spec.scaleTargetRef?.name) errs.push(req('spec.scaleTargetRef.name'));
  if (typeof spec.minReplicas === 'number' && spec.minReplicas < 1) {
    errs.push(inv('spec.minReplicas', spec.minReplicas, 'must be greater than or equal to 1'));
  }
  if (typeof spec.maxReplicas !== 'number' || spec.maxReplicas < 1) {
    errs.push(inv('spec.maxReplicas', spec.maxReplicas ?? 0, 'must be greater than 0'));
  } else if (typeof spec.minReplicas === 'number' && spec.maxReplicas < spec.minReplicas) {
    errs.push(inv('spec.maxReplicas', spec.maxReplicas, 'must be greater than or equal to `minReplicas`'));
  }
  return errs;
}

function validatePvc(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const storage = obj.spec?.resources?.requests?.storage;
  if (storage === undefined) errs.push(req('spec.resources[storage]'));
  if (!(obj.spec?.accessModes ?? []).length) errs.push(req('spec.accessModes', 'at least 1 access mode is required'));
  if (old && storage !== undefined) {
    const capacity = old.status?.capacity?.storage ?? old.spec?.resources?.requests?.storage;
    if (parseQuantity(storage) < parseQuantity(capacity)) {
      errs.push({ type: 'FieldValueForbidden', field: 'spec.resources.requests.storage', detail: 'field can not be less than status.capacity' });
    }
    const strip = (o: KubeObject) => ({ ...o.spec, resources: undefined, volumeAttributesClassName: undefined });
    if (!deepEqual(strip(old), strip(obj))) {
      errs.push({
        type: 'FieldValueForbidden',
        field: 'spec',
        detail: 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
      });
    }
  }
  return errs;
}

/** Field errors of an object about to be written; `old` is set for updates. */
export function validate(rt: ResourceType, obj: KubeObject, old?: KubeObject): FieldError[] {
  const name = obj.metadata?.name;
  const errs: FieldError[] = [];
  if (!name) errs.push(req('metadata.name', 'name or generateName is required'));
  else if (!old) errs.push(...validateName(rt.nameRule, name));
  for (const [k] of Object.entries(obj.metadata?.labels ?? {})) {
    if (!/^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(k)) {
      errs.push(inv('metadata.labels', k, "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"));
    }
  }
  switch (`${rt.group}/${rt.plural}`) {
    case KEYS.deployments:
    case KEYS.replicasets:
    case KEYS.statefulsets:
      errs.push(...validateTemplated(obj, old));
      break;
    case KEYS.pods:
      errs.push(...validateContainers(obj.spec?.containers, 'spec.containers'));
      break;
    case KEYS.configmaps:
    case KEYS.secrets:
      for (const k of Object.keys(obj.data ?? {})) {
        if (!CONFIG_KEY.test(k)) {
          errs.push(inv(`data[${k}]`, k, "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"));
        }
      }
      break;
    case KEYS.services:
      if (obj.spec?.type !== 'ExternalName' && obj.spec?.clusterIP !== 'None' && !(obj.spec?.ports ?? []).length) {
        errs.push(req('spec.ports'));
      }
      (obj.spec?.ports ?? []).forEach((p: Json, i: number) => {
        if (typeof p?.port !== 'number' || p.port < 1 || p.port > 65535) {
          errs.push(inv(`spec.ports[${i}].port`, p?.port ?? 0, 'must be between 1 and 65535, inclusive'));
        }
      });
      break;
    case KEYS.hpas:
      errs.push(...validateHpa(obj));
      break;
    case KEYS.pvcs:
      errs.push(...validatePvc(obj, old));
      break;
  }
  return errs;
}
