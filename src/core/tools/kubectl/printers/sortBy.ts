// --sort-by: orders objects (or table rows carrying their objects) by the
// value a relaxed JSONPath expression finds, as kubectl's sorter compares
// them: numbers by value, everything else as text; objects lacking the
// field first.

import { relaxedJsonPathExpression } from './customColumns';
import { parseJsonPath } from './jsonpath';

export function sortByField<T>(items: readonly T[], expression: string, objectOf: (item: T) => unknown): T[] {
  const template = parseJsonPath(relaxedJsonPathExpression(expression));
  const keyed = items.map((item, index) => {
    const found = template.findResults(objectOf(item), { allowMissingKeys: true }).flat();
    return { item, index, value: found.length ? found[0] : undefined };
  });
  keyed.sort((a, b) => compare(a.value, b.value) || a.index - b.index);
  return keyed.map((k) => k.item);
}

function compare(a: unknown, b: unknown): number {
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = typeof a === 'string' ? a : JSON.stringify(a);
  const y = typeof b === 'string' ? b : JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
