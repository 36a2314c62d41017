// A paginated response as the aws CLI holds it before printing: the pages
// (each already cut to --max-items / --starting-token), the non-aggregated
// keys of the first page, the resume token. JSON, table and yaml print the
// merged result; text prints page by page, applying --query to each.

import type { CliObject, CliValue } from '../api/shape';

export class PagedResponse {
  constructor(
    /** JMESPath-like dotted result keys (`Contents`, `DistributionList.Items`). */
    readonly resultKeys: readonly string[],
    readonly pages: readonly CliObject[],
    /** Keys kept from the first page only, null when it lacked them. */
    readonly nonAggregate: CliObject,
    readonly resumeToken: string | undefined,
  ) {}

  /** botocore's build_full_result. */
  fullResult(): CliObject {
    const result: CliObject = {};
    for (const page of this.pages) {
      for (const key of this.resultKeys) {
        const value = getPath(page, key);
        if (value === undefined || value === null) continue;
        const existing = getPath(result, key);
        if (existing === undefined || existing === null) setPath(result, key, Array.isArray(value) ? [...value] : value);
        else if (Array.isArray(existing) && Array.isArray(value)) existing.push(...value);
        else if (typeof existing === 'number' && typeof value === 'number') setPath(result, key, existing + value);
        else if (typeof existing === 'string' && typeof value === 'string') setPath(result, key, existing + value);
      }
    }
    mergeInto(result, this.nonAggregate);
    if (this.resumeToken !== undefined) result.NextToken = this.resumeToken;
    return result;
  }

  /** What the text format prints for each page, before --query. */
  textPages(): CliObject[] {
    return this.pages.map((page, i) => {
      const current: CliObject = i === 0 ? structuredClone(this.nonAggregate) : {};
      for (const key of this.resultKeys) setPath(current, key, getPath(page, key) ?? null);
      return current;
    });
  }
}

export function getPath(value: CliValue | undefined, path: string): CliValue | undefined {
  let current: CliValue | undefined = value;
  for (const part of path.split('.')) {
    if (!current || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = current[part];
  }
  return current;
}

export function setPath(target: CliObject, path: string, value: CliValue): void {
  const parts = path.split('.');
  let current = target;
  for (const part of parts.slice(0, -1)) {
    const next = current[part];
    if (!next || typeof next !== 'object' || Array.isArray(next)) current[part] = {};
    current = current[part] as CliObject;
  }
  current[parts[parts.length - 1]!] = value;
}

/** botocore's merge_dicts: nested dictionaries merge, anything else replaces. */
function mergeInto(target: CliObject, extra: CliObject): void {
  for (const [key, value] of Object.entries(extra)) {
    const existing = target[key];
    if (value && typeof value === 'object' && !Array.isArray(value) && existing && typeof existing === 'object' && !Array.isArray(existing)) {
      mergeInto(existing, value);
    } else {
      target[key] = value;
    }
  }
}
