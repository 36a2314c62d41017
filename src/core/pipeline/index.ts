// The built-in pipe filters, by program name.
import { createColumn } from './column';
import { createCut } from './cut';
import type { FilterFactory } from './filter';
import { createEgrep, createFgrep, createGrep } from './grep';
import { createHead, createTail } from './headTail';
import { createJq } from './jq';
import { createSort } from './sort';
import { createTr } from './tr';
import { createUniq } from './uniq';
import { createWc } from './wc';
import { createAwk } from './awk';

export { FilterUsageError, type FilterFactory, type TextFilter } from './filter';

export const FILTERS: Readonly<Record<string, FilterFactory>> = Object.freeze({
  grep: createGrep,
  egrep: createEgrep,
  fgrep: createFgrep,
  wc: createWc,
  head: createHead,
  tail: createTail,
  sort: createSort,
  uniq: createUniq,
  cut: createCut,
  tr: createTr,
  awk: createAwk,
  gawk: createAwk,
  column: createColumn,
  jq: createJq,
});

export function isFilter(program: string): boolean {
  return Object.prototype.hasOwnProperty.call(FILTERS, program);
}
