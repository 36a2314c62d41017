// botocore's client-side parameter validation, which the aws CLI runs before
// sending anything: missing required members, unknown members and wrong
// types, reported together as "Parameter validation failed:". The SDK sends
// whatever it is given, so without this a wrong --distribution-config would
// reach the service and fail with different words.

import { AwsUsageError } from '../args';
import type { MemberOrder } from './memberOrder';

type Schema = unknown;

function resolve(ref: Schema): Schema {
  return typeof ref === 'function' ? (ref as () => Schema)() : ref;
}

function unwrapMember(entry: Schema): Schema {
  return Array.isArray(entry) && entry.length === 2 && (typeof entry[1] === 'object' || typeof entry[1] === 'number') && !Array.isArray(entry[1]) ? resolve(entry[0]) : resolve(entry);
}

/** A structure schema `[3, namespace, name, traits, [member names], [member schemas], required count]`: its members, required ones first. */
export interface StructureFields {
  names: string[];
  members: Schema[];
  required: string[];
}

export function structureFields(schema: Schema): StructureFields | undefined {
  const s = resolve(schema);
  if (!Array.isArray(s)) return undefined;
  const names = (s[4] ?? []) as string[];
  return { names, members: (s[5] ?? []) as Schema[], required: typeof s[6] === 'number' ? names.slice(0, s[6]) : [] };
}

export type Kind = 'string' | 'integer' | 'boolean' | 'list' | 'map' | 'structure' | 'timestamp' | 'blob' | 'other';

export interface Info {
  kind: Kind;
  schema: Schema;
}

/** A member schema's kind, as the SDK's schema encodes it. */
export function info(entry: Schema): Info {
  let s = unwrapMember(entry);
  if (Array.isArray(s) && s[0] === 0 && typeof s[4] === 'number') s = s[4];
  if (typeof s === 'number') {
    if (s & 0b0100_0000) return { kind: 'list', schema: s & ~0b0100_0000 };
    if (s & 0b1000_0000) return { kind: 'map', schema: s & ~0b1000_0000 };
    if (s === 0) return { kind: 'string', schema: s };
    if (s === 1) return { kind: 'integer', schema: s };
    if (s === 2) return { kind: 'boolean', schema: s };
    if (s >= 4 && s <= 7) return { kind: 'timestamp', schema: s };
    if (s === 0b0001_0101 || s === 0b0010_1010) return { kind: 'blob', schema: s };
    return { kind: 'other', schema: s };
  }
  if (Array.isArray(s)) {
    if (s[0] === 1) return { kind: 'list', schema: s[4] };
    if (s[0] === 2) return { kind: 'map', schema: s[5] };
    if (Math.abs(s[0] as number) === 3) return { kind: 'structure', schema: s };
  }
  return { kind: 'other', schema: s };
}

/** Python's str() of a JSON value, as botocore quotes the bad value. */
function pyRepr(value: unknown, nested = false): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return nested ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : value;
  if (Array.isArray(value)) return `[${value.map((v) => pyRepr(v, true)).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${pyRepr(k, true)}: ${pyRepr(v, true)}`).join(', ')}}`;
  return String(value);
}

function pyType(value: unknown): string {
  if (value === null || value === undefined) return "<class 'NoneType'>";
  if (typeof value === 'boolean') return "<class 'bool'>";
  if (typeof value === 'number') return Number.isInteger(value) ? "<class 'int'>" : "<class 'float'>";
  if (typeof value === 'string') return "<class 'str'>";
  if (Array.isArray(value)) return "<class 'list'>";
  return "<class 'dict'>";
}

const VALID: Partial<Record<Kind, string>> = {
  string: "<class 'str'>",
  integer: "<class 'int'>",
  boolean: "<class 'bool'>",
  list: "<class 'list'>, <class 'tuple'>",
  map: "<class 'dict'>",
  structure: "<class 'dict'>",
};

function typeOk(kind: Kind, value: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'boolean';
    case 'boolean':
      return typeof value === 'boolean';
    case 'list':
      return Array.isArray(value);
    case 'map':
    case 'structure':
      return !!value && typeof value === 'object' && !Array.isArray(value);
    default:
      return true;
  }
}

function validate(entry: Schema, value: unknown, path: string, order: MemberOrder, errors: string[]): void {
  const { kind, schema } = info(entry);
  if (value instanceof Uint8Array || value instanceof Date) return;
  if (!typeOk(kind, value)) {
    errors.push(`Invalid type for parameter ${path}, value: ${pyRepr(value)}, type: ${pyType(value)}, valid types: ${VALID[kind]}`);
    return;
  }
  if (kind === 'list') (value as unknown[]).forEach((v, i) => validate(schema, v, `${path}[${i}]`, order, errors));
  else if (kind === 'map') for (const [k, v] of Object.entries(value as object)) validate(schema, v, `${path}.${k}`, order, errors);
  else if (kind === 'structure') validateStructure(schema as unknown[], value as Record<string, unknown>, path, order, errors);
}

function validateStructure(s: unknown[], value: Record<string, unknown>, path: string, order: MemberOrder, errors: string[]): void {
  const { names, members, required } = structureFields(s)!;
  for (const name of required) {
    if (value[name] === undefined) errors.push(`Missing required parameter in ${path}: "${name}"`);
  }
  const listed = order[s[2] as string]?.split(' ') ?? names;
  for (const key of Object.keys(value)) {
    if (!names.includes(key)) errors.push(`Unknown parameter in ${path}: "${key}", must be one of: ${listed.join(', ')}`);
  }
  for (const [key, v] of Object.entries(value)) {
    const i = names.indexOf(key);
    if (i >= 0 && v !== undefined) validate(members[i], v, `${path}.${key}`, order, errors);
  }
}

export class ParamValidationError extends AwsUsageError {
  constructor(errors: readonly string[]) {
    super(`\nParameter validation failed:\n${errors.join('\n')}\n`, 255);
  }
}

/** Checks a request against the operation's input schema; throws what botocore would report. */
export function validateRequest(inputSchema: Schema, request: Record<string, unknown>, order: MemberOrder): void {
  const fields = structureFields(inputSchema);
  if (!fields) return;
  const errors: string[] = [];
  const { names, members, required } = fields;
  for (const name of required) if (request[name] === undefined) errors.push(`Missing required parameter in input: "${name}"`);
  for (const [key, v] of Object.entries(request)) {
    const i = names.indexOf(key);
    if (i >= 0 && v !== undefined) validate(members[i], v, key, order, errors);
  }
  if (errors.length) throw new ParamValidationError(errors);
}
