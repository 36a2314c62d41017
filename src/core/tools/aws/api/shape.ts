// Turns an SDK v3 response into the dictionary botocore parses from the wire,
// which is what the aws CLI prints: members in the service model's order
// (HTTP-header members first, then the body, as botocore's REST parsers add
// them), no undefined members, timestamps as the text the service sent (the
// CLI v1 prints timestamps unparsed), header maps always present.
//
// The walk reads the SDK's own schema tuples (exported as `XxxOutput$`):
//   simple  [0, ns, name, traits, type]      list [1, ns, name, traits, member]
//   map     [2, ns, name, traits, key, value] struct [3, ns, name, traits, names, members]
// and a member is a schema reference or `[reference, traits]`.

import type { MemberOrder } from './memberOrder';

export type SchemaRef = unknown;
export type CliValue = null | boolean | number | string | CliValue[] | { [key: string]: CliValue };
export type CliObject = { [key: string]: CliValue };

type Traits = Record<string, unknown>;

const TYPE_BLOB = 0b0001_0101;
const TYPE_STREAMING_BLOB = 0b0010_1010;
const TYPE_TIMESTAMP_DEFAULT = 0b0000_0100;
const TYPE_TIMESTAMP_DATE_TIME = 0b0000_0101;
const TYPE_TIMESTAMP_HTTP_DATE = 0b0000_0110;
const TYPE_TIMESTAMP_EPOCH = 0b0000_0111;
const LIST_MODIFIER = 0b0100_0000;
const MAP_MODIFIER = 0b1000_0000;

/** Bit-packed member traits, as the SDK's schemas encode them. */
const PACKED_TRAITS = ['httpLabel', 'idempotent', 'idempotencyToken', 'sensitive', 'httpPayload', 'httpResponseCode', 'httpQueryParams'];

function traitsOf(indicator: unknown): Traits {
  if (indicator && typeof indicator === 'object') return indicator as Traits;
  const bits = Number(indicator) | 0;
  const traits: Traits = {};
  PACKED_TRAITS.forEach((name, i) => {
    if ((bits >> i) & 1) traits[name] = 1;
  });
  return traits;
}

/** A resolved schema: a simple type number, or a named tuple. */
type Resolved = number | unknown[];

function resolve(ref: SchemaRef): Resolved {
  const value = typeof ref === 'function' ? (ref as () => unknown)() : ref;
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) {
    // A named simple schema wraps its type number.
    if (value[0] === 0 && value.length === 5 && typeof value[4] === 'number') return value[4] as number;
    return value;
  }
  return 0;
}

/** Splits a member entry into its schema and its own traits. */
function member(entry: unknown): { schema: Resolved; traits: Traits } {
  if (Array.isArray(entry) && entry.length === 2) return { schema: resolve(entry[0]), traits: traitsOf(entry[1]) };
  return { schema: resolve(entry), traits: {} };
}

interface Member {
  name: string;
  schema: Resolved;
  traits: Traits;
}

/** A structure's members in the service model's order (see memberOrder.ts). */
export function structMembers(schema: SchemaRef, order: MemberOrder): Member[] {
  const s = resolve(schema);
  if (!Array.isArray(s) || Math.abs(s[0] as number) !== 3) return [];
  const names = s[4] as string[];
  const entries = s[5] as unknown[];
  const members = names.map((name, i) => ({ name, ...member(entries[i]) }));
  const modelOrder = order[s[2] as string]?.split(' ');
  if (!modelOrder) return members;
  const rank = (name: string) => {
    const i = modelOrder.indexOf(name);
    return i < 0 ? modelOrder.length : i;
  };
  return members.sort((a, b) => rank(a.name) - rank(b.name));
}

function isHeaderLocated(traits: Traits): boolean {
  return 'httpHeader' in traits || 'httpPrefixHeaders' in traits || 'httpResponseCode' in traits;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The timestamp as its wire format writes it. */
function timestampText(date: Date, type: number, inHeader: boolean): CliValue {
  const format = type === TYPE_TIMESTAMP_DEFAULT ? (inHeader ? TYPE_TIMESTAMP_HTTP_DATE : TYPE_TIMESTAMP_DATE_TIME) : type;
  if (format === TYPE_TIMESTAMP_HTTP_DATE) return date.toUTCString();
  if (format === TYPE_TIMESTAMP_EPOCH) return String(date.getTime() / 1000);
  if (inHeader) {
    return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}Z`;
  }
  return date.toISOString();
}

function convert(schema: Resolved, value: unknown, inHeader: boolean, order: MemberOrder): CliValue | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof schema === 'number') {
    if (schema & LIST_MODIFIER) return Array.isArray(value) ? value.map((v) => convert(schema & ~LIST_MODIFIER, v, inHeader, order) ?? null) : null;
    if (schema & MAP_MODIFIER) return convertMap(schema & ~MAP_MODIFIER, value, inHeader, order);
    if (schema >= TYPE_TIMESTAMP_DEFAULT && schema <= TYPE_TIMESTAMP_EPOCH && value instanceof Date) return timestampText(value, schema, inHeader);
    if ((schema === TYPE_BLOB || schema === TYPE_STREAMING_BLOB) && value instanceof Uint8Array) return Buffer.from(value).toString('base64');
    return plain(value);
  }
  const kind = schema[0] as number;
  if (kind === 1) {
    const item = member(schema[4]);
    return Array.isArray(value) ? value.map((v) => convert(item.schema, v, inHeader, order) ?? null) : null;
  }
  if (kind === 2) return convertMap(member(schema[5]).schema, value, inHeader, order);
  if (Math.abs(kind) === 3) return toCliShape(schema, value, { order });
  return plain(value);
}

function convertMap(valueSchema: Resolved, value: unknown, inHeader: boolean, order: MemberOrder): CliValue {
  const out: CliObject = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const converted = convert(valueSchema, v, inHeader, order);
    if (converted !== undefined) out[k] = converted;
  }
  return out;
}

/** JSON-shaped copy of a value the schema does not describe. */
function plain(value: unknown): CliValue {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    const out: CliObject = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = plain(v);
    return out;
  }
  if (typeof value === 'bigint') return Number(value);
  return value as CliValue;
}

export interface ShapeOptions {
  /** The service's member order table. */
  order: MemberOrder;
  /** Members left out (a streamed body the command writes elsewhere). */
  omit?: readonly string[];
}

/** The botocore-parsed form of one structure. */
export function toCliShape(schema: SchemaRef, value: unknown, options: ShapeOptions): CliObject {
  const out: CliObject = {};
  if (!value || typeof value !== 'object') return out;
  const record = value as Record<string, unknown>;
  const members = structMembers(schema, options.order).filter((m) => !options.omit?.includes(m.name));
  const headers = members.filter((m) => isHeaderLocated(m.traits));
  const body = members.filter((m) => !isHeaderLocated(m.traits));
  for (const m of headers) {
    if ('httpPrefixHeaders' in m.traits) {
      out[m.name] = convertMap(typeof m.schema === 'number' ? m.schema & ~MAP_MODIFIER : member((m.schema as unknown[])[5]).schema, record[m.name] ?? {}, true, options.order);
      continue;
    }
    const converted = convert(m.schema, record[m.name], true, options.order);
    if (converted !== undefined) out[m.name] = converted;
  }
  for (const m of body) {
    const converted = convert(m.schema, record[m.name], false, options.order);
    if (converted !== undefined) out[m.name] = converted;
  }
  return out;
}
