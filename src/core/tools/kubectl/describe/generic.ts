// The describer for kinds without one of their own (custom resources and the
// rest): name, namespace, labels and annotations, then every other field of
// the object as an indented tree with readable keys ("creationTimestamp" ->
// "Creation Timestamp"), then its events.

import type { DescribeContext } from './context';
import { describeEvents, eventsOf } from './events';
import { byteOrder, DescribeWriter, printAnnotations, printLabels, type Json } from './format';

const SKIP = ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations'];
const ACRONYMS = ['API', 'URL', 'UID', 'OSB', 'GUID'];

export async function describeGeneric(object: Json, ctx: DescribeContext): Promise<string> {
  const events = ctx.showEvents ? await eventsOf(ctx, object, object.kind) : undefined;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${object.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${object.metadata?.namespace ?? ''}\n`);
  printLabels(w, 'Labels', object.metadata?.labels);
  printAnnotations(w, 'Annotations', object.metadata?.annotations);
  printContent(w, 0, object, '');
  describeEvents(events, w, ctx.clock);
  return w.toString();
}

function printContent(w: DescribeWriter, level: number, content: Json, prefix: string): void {
  for (const field of Object.keys(content).sort(byteOrder)) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (SKIP.includes(path)) continue;
    if (isMap(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      printContent(w, level + 1, value, path);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of value) {
        if (isMap(child)) printContent(w, level + 1, child, path);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else w.write(level, `${smartLabel(field)}:\t${goValue(value)}\n`);
  }
}

function isMap(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Go's `%v` of a decoded JSON value. */
function goValue(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'number') return goNumber(value);
  if (Array.isArray(value)) return `[${value.map(goValue).join(' ')}]`;
  if (isMap(value)) return `map[${Object.keys(value).sort(byteOrder).map((k) => `${k}:${goValue(value[k])}`).join(' ')}]`;
  return String(value);
}

/** Integers as int64; other numbers as Go's shortest %g (exponent from 1e+06 up or below 1e-04). */
function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return BigInt(n).toString();
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  const [mantissa, exp] = n.toExponential().split('e');
  const exponent = Number(exp);
  if (exponent < -4 || exponent >= 6) {
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(n);
}

/** `creationTimestamp` -> `Creation Timestamp`, `uid` -> `UID`; other keys as they are. */
export function smartLabel(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  return splitCamelCase(field)
    .filter((part) => part !== '_')
    .map((part) => (ACRONYMS.includes(part.toUpperCase()) ? part.toUpperCase() : title(part)))
    .join(' ');
}

function splitCamelCase(text: string): string[] {
  const classOf = (ch: string) => (/\p{Ll}/u.test(ch) ? 1 : /\p{Lu}/u.test(ch) ? 2 : /\p{Nd}/u.test(ch) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const ch of text) {
    const cls = classOf(ch);
    if (cls === last) runs[runs.length - 1].push(ch);
    else runs.push([ch]);
    last = cls;
  }
  // "PDFLoader": the last capital of a run of capitals starts the next word.
  for (let i = 0; i < runs.length - 1; i++) {
    if (classOf(runs[i][0]) === 2 && classOf(runs[i + 1][0]) === 1) runs[i + 1].unshift(runs[i].pop()!);
  }
  return runs.filter((r) => r.length).map((r) => r.join(''));
}

function title(word: string): string {
  return word.replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}
