// API errors with the same `Status` bodies the real API server sends
// (k8s.io/apimachinery/pkg/api/errors).
import type { Json } from './util';

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, Json>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly status: Status,
  ) {
    super(status.message ?? `HTTP ${code}`);
  }
}

/** A group/resource pair, e.g. deployments in apps. */
export interface GroupResource {
  group: string;
  resource: string;
}

/** A group/kind pair, e.g. Deployment in apps. */
export interface GroupKind {
  group: string;
  kind: string;
}

export function failure(code: number, reason: string | undefined, message: string, details?: StatusDetails): ApiError {
  const status: Status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    ...(reason ? { reason } : {}),
    ...(details ? { details } : {}),
    code,
  };
  return new ApiError(code, status);
}

export function qualifiedResource(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

export function qualifiedKind(gk: GroupKind): string {
  return gk.group ? `${gk.kind}.${gk.group}` : gk.kind;
}

function details(gr: GroupResource, name: string): StatusDetails {
  const d: StatusDetails = { name };
  if (gr.group) d.group = gr.group;
  d.kind = gr.resource;
  return d;
}

export function notFound(gr: GroupResource, name: string): ApiError {
  return failure(404, 'NotFound', `${qualifiedResource(gr)} "${name}" not found`, details(gr, name));
}

export function alreadyExists(gr: GroupResource, name: string): ApiError {
  return failure(409, 'AlreadyExists', `${qualifiedResource(gr)} "${name}" already exists`, details(gr, name));
}

export const MODIFIED_MESSAGE = 'the object has been modified; please apply your changes to the latest version and try again';

export function conflict(gr: GroupResource, name: string, why = MODIFIED_MESSAGE): ApiError {
  return failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(gr)} "${name}": ${why}`, details(gr, name));
}

export function badRequest(message: string): ApiError {
  return failure(400, 'BadRequest', message);
}

export function internalError(message: string): ApiError {
  return failure(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
}

export function methodNotSupported(gr: GroupResource, verb: string): ApiError {
  return failure(405, 'MethodNotAllowed', `${verb} is not supported on resources of kind "${qualifiedResource(gr)}"`, {
    ...(gr.group ? { group: gr.group } : {}),
    kind: gr.resource,
  });
}

export function unsupportedMediaType(contentType: string, accepted: string[]): ApiError {
  return failure(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
    { causes: [{ reason: 'UnexpectedServerResponse', message: contentType }] },
  );
}

export function expired(message: string): ApiError {
  return failure(410, 'Expired', message);
}

/**
 * errors.NewGenericServerResponse without a resource: the server's own message is
 * dropped, as for a JSON patch that does not apply (422) or a path under a known
 * group version that names no resource (404).
 */
export function genericResponse(code: 404 | 422): ApiError {
  if (code === 404) return failure(404, 'NotFound', 'the server could not find the requested resource', {});
  return failure(422, 'Invalid', 'the server rejected our request due to an error in our request', {});
}

export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueForbidden'
  | 'FieldValueNotSupported'
  | 'FieldValueDuplicate';

export interface FieldError {
  type: FieldErrorType;
  field: string;
  value?: Json;
  detail?: string;
}

/** Go's %v rendering of a value inside a field error, close enough for strings, numbers and maps. */
export function goValue(v: Json): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object' && !Array.isArray(v)) {
    const entries = Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${JSON.stringify(v[k])}`);
    return `map[string]string{${entries.join(', ')}}`;
  }
  return JSON.stringify(v);
}

/** field.Error.ErrorBody(): the part after "<field>: ". */
export function errorBody(e: FieldError): string {
  const tail = e.detail ? `: ${e.detail}` : '';
  switch (e.type) {
    case 'FieldValueRequired':
      return `Required value${tail}`;
    case 'FieldValueForbidden':
      return `Forbidden${tail}`;
    case 'FieldValueDuplicate':
      return `Duplicate value: ${goValue(e.value)}`;
    case 'FieldValueNotSupported':
      return `Unsupported value: ${goValue(e.value)}${tail}`;
    default:
      return `Invalid value: ${goValue(e.value)}${tail}`;
  }
}

export function invalid(gk: GroupKind, name: string, errs: FieldError[]): ApiError {
  const causes = errs.map((e) => ({ reason: e.type, message: errorBody(e), field: e.field }));
  const messages = errs.map((e) => `${e.field}: ${errorBody(e)}`);
  const joined = messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
  const d: StatusDetails = { name };
  if (gk.group) d.group = gk.group;
  d.kind = gk.kind;
  d.causes = causes;
  return failure(422, 'Invalid', `${qualifiedKind(gk)} "${name}" is invalid: ${joined}`, d);
}

export function successStatus(details: StatusDetails): Json {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details };
}
