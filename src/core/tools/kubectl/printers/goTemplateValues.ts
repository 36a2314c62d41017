// The values a Go template works with, as reflect.Values: a decoded object's
// parts (map[string]interface {}, []interface {}, string, int64, float64,
// bool), the interface {} boxes a map or slice holds them in, the template's
// own constants (int, float64, string, bool) and what functions return.

import { compareKeys, goKind, numberOf } from './goValues';

export type GoType = 'invalid' | 'interface {}' | 'map[string]interface {}' | '[]interface {}' | 'string' | 'int' | 'int64' | 'uint8' | 'float64' | 'bool';

/** A reflect.Value: a Go type and the JavaScript value it holds (for `interface {}`, the boxed value; null is a nil box). */
export interface Val {
  readonly type: GoType;
  readonly v: unknown;
}

/** The zero reflect.Value: what a missing map key or `nil` gives. */
export const INVALID: Val = { type: 'invalid', v: undefined };

/** The concrete value of a decoded JSON value (JSON null has none: the invalid Value). */
export function concrete(v: unknown): Val {
  switch (goKind(v)) {
    case 'map':
      return { type: 'map[string]interface {}', v };
    case 'slice':
      return { type: '[]interface {}', v };
    case 'string':
      return { type: 'string', v };
    case 'int':
      return { type: 'int64', v };
    case 'float':
      return { type: 'float64', v: numberOf(v) };
    case 'bool':
      return { type: 'bool', v };
    default:
      return INVALID;
  }
}

/** An element of a map or slice: an interface {} holding the value. */
export function boxed(v: unknown): Val {
  return { type: 'interface {}', v: v === undefined ? null : v };
}

/** Go's indirectInterface: the value inside an interface {} (invalid for a nil one). */
export function unboxed(val: Val): Val {
  return val.type === 'interface {}' ? concrete(val.v) : val;
}

export function isInteger(val: Val): boolean {
  return val.type === 'int' || val.type === 'int64' || val.type === 'uint8';
}

export function isNilBox(val: Val): boolean {
  return val.type === 'interface {}' && val.v === null;
}

/** Go's truth of a value (if, with, and, or, not): false for zero values, empty collections and nil. */
export function isTrue(val: Val): boolean {
  const c = unboxed(val);
  switch (c.type) {
    case 'invalid':
      return false;
    case 'map[string]interface {}':
      return Object.keys(c.v as object).length > 0;
    case '[]interface {}':
      return (c.v as unknown[]).length > 0;
    case 'string':
      return (c.v as string).length > 0;
    case 'bool':
      return c.v as boolean;
    default:
      return (c.v as number) !== 0;
  }
}

/**
 * What `range` walks: each index (or key, in Go's sorted order) and element;
 * nothing for no value; undefined for a value range cannot iterate over.
 */
export function rangeItems(value: Val): [Val, Val][] | undefined {
  if (value.type === 'invalid') return [];
  if (value.type === '[]interface {}') return (value.v as unknown[]).map((e, i) => [{ type: 'int', v: i }, boxed(e)]);
  if (value.type !== 'map[string]interface {}') return undefined;
  const m = value.v as Record<string, unknown>;
  return Object.keys(m)
    .sort(compareKeys)
    .map((k) => [{ type: 'string', v: k }, boxed(m[k])]);
}
