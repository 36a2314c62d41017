// --output text: the rules of the aws CLI's text formatter. Scalars of a
// dictionary go on one tab-separated line in key order, led by the
// upper-cased key it came under; lists of dictionaries share one sorted set
// of scalar columns; nested lists and dictionaries follow, each under its own
// key. A bare list of scalars is one line.

import { pyStr } from './pyStr';

type Dict = Record<string, unknown>;

const isContainer = (v: unknown): boolean => Array.isArray(v) || (!!v && typeof v === 'object');
const isDict = (v: unknown): v is Dict => !!v && typeof v === 'object' && !Array.isArray(v);
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function formatText(value: unknown): string {
  const out: string[] = [];
  write(value, out);
  return out.join('');
}

function write(item: unknown, out: string[], identifier?: string, scalarKeys?: string[]): void {
  if (isDict(item)) writeDict(item, out, identifier, scalarKeys);
  else if (Array.isArray(item)) writeList(item, out, identifier);
  else out.push(`${pyStr(item)}\n`);
}

function writeList(items: unknown[], out: string[], identifier?: string): void {
  if (items.length === 0) return;
  if (items.some(isDict)) {
    const keys = allScalarKeys(items);
    for (const element of items) write(element, out, identifier, keys);
  } else if (items.some(Array.isArray)) {
    const scalars = items.filter((el) => !isContainer(el));
    if (scalars.length) writeScalarList(scalars, out, identifier);
    for (const el of items.filter(isContainer)) write(el, out, identifier);
  } else {
    writeScalarList(items, out, identifier);
  }
}

function writeScalarList(items: unknown[], out: string[], identifier?: string): void {
  if (identifier !== undefined) {
    for (const item of items) out.push(`${identifier.toUpperCase()}\t${pyStr(item)}\n`);
  } else {
    out.push(`${items.map(pyStr).join('\t')}\n`);
  }
}

function writeDict(item: Dict, out: string[], identifier?: string, scalarKeys?: string[]): void {
  const scalars: string[] = [];
  const nested: Array<[string, unknown]> = [];
  if (scalarKeys === undefined) {
    for (const key of Object.keys(item).sort(byCodePoint)) {
      const value = item[key];
      if (isContainer(value)) nested.push([key, value]);
      else scalars.push(pyStr(value));
    }
  } else {
    for (const key of scalarKeys) scalars.push(key in item ? pyStr(item[key]) : '');
    const rest = Object.keys(item).filter((k) => !scalarKeys.includes(k)).sort(byCodePoint);
    for (const key of rest) nested.push([key, item[key]]);
  }
  if (scalars.length) {
    if (identifier !== undefined) scalars.unshift(identifier.toUpperCase());
    out.push(`${scalars.join('\t')}\n`);
  }
  for (const [key, value] of nested) write(value, out, key);
}

function allScalarKeys(items: unknown[]): string[] {
  const seen = new Set<string>();
  for (const item of items) {
    if (!isDict(item)) continue;
    for (const [key, value] of Object.entries(item)) if (!isContainer(value)) seen.add(key);
  }
  return [...seen].sort(byCodePoint);
}
