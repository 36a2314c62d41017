// The production targets a runbook adds in its front matter, besides the
// configured ones: `production: [prod-*, db.internal:5432/*]` (or one
// pattern as a string). Anything else under the key is ignored.

import { parse } from 'yaml';

export function frontMatterProduction(text: string): string[] {
  let data: unknown;
  try {
    data = parse(text);
  } catch {
    return [];
  }
  const value = (data as { production?: unknown } | null)?.production;
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number').map(String).map((p) => p.trim()).filter(Boolean);
}
