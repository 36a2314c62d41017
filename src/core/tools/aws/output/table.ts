// --output table: how the aws CLI lays a response out as sections (see
// tableLayout.ts for the drawing). A dictionary's scalar keys become one
// header row and one value row (a lone scalar becomes a key/value row), its
// lists and dictionaries become indented sub-sections titled with their key;
// a list of dictionaries becomes one header row and a row per element.

import { pyStr } from './pyStr';
import { renderSections, Section } from './tableLayout';

type Dict = Record<string, unknown>;

const isScalar = (v: unknown): boolean => !(Array.isArray(v) || (!!v && typeof v === 'object'));
const isDict = (v: unknown): v is Dict => !!v && typeof v === 'object' && !Array.isArray(v);
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Python truthiness: the CLI draws nothing for empty or false values. */
function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isDict(v)) return Object.keys(v).length > 0;
  return true;
}

class TableBuilder {
  readonly sections: Section[] = [];
  private current: Section | undefined;

  newSection(title: string, indentLevel: number): void {
    this.current = new Section();
    this.current.title = title;
    this.current.indentLevel = indentLevel;
    this.sections.push(this.current);
  }

  private section(): Section {
    if (!this.current) this.newSection('', 0);
    return this.current!;
  }

  build(title: string | undefined, value: unknown, indentLevel = 0): boolean {
    if (!truthy(value)) return false;
    if (title !== undefined) this.newSection(title, indentLevel);
    if (Array.isArray(value)) {
      if (isDict(value[0])) {
        this.fromList(value, indentLevel, title);
      } else {
        for (const item of value) {
          if (isScalar(item)) this.section().addRow([pyStr(item)]);
          else if (isDict(item) ? true : (item as unknown[]).every(isScalar)) {
            this.section().addRow((isDict(item) ? Object.keys(item) : (item as unknown[])).map(pyStr));
          } else this.build(undefined, item);
        }
      }
    }
    if (isDict(value)) this.fromDict(value, indentLevel);
    return true;
  }

  private fromDict(value: Dict, indentLevel: number): void {
    const [headers, more] = groupKeys([value]);
    if (headers.length === 1) this.section().addRow([headers[0]!, pyStr(value[headers[0]!])]);
    else if (headers.length) {
      this.section().addHeader(headers);
      this.section().addRow(headers.map((k) => pyStr(value[k])));
    }
    for (const key of more) this.build(key, value[key], indentLevel + 1);
  }

  private fromList(items: unknown[], indentLevel: number, title: string | undefined): void {
    const dicts = items.filter(isDict);
    const [headers, more] = groupKeys(dicts);
    this.section().addHeader(headers);
    let first = true;
    for (const element of dicts) {
      if (!first && more.length) {
        this.newSection(title ?? '', indentLevel);
        this.section().addHeader(headers);
      }
      first = false;
      this.section().addRow(headers.map((h) => (h in element ? pyStr(element[h]) : '')));
      for (const key of more) if (key in element) this.build(key, element[key], indentLevel + 1);
    }
  }
}

/** Sorted scalar keys and sorted non-scalar keys over some dictionaries. */
function groupKeys(dicts: Dict[]): [string[], string[]] {
  const headers = new Set<string>();
  const more = new Set<string>();
  for (const d of dicts) for (const [k, v] of Object.entries(d)) (isScalar(v) ? headers : more).add(k);
  return [[...headers].sort(byCodePoint), [...more].sort(byCodePoint)];
}

export function formatTable(value: unknown, title: string, terminalWidth = 80): string {
  const builder = new TableBuilder();
  if (!builder.build(title, value)) return '';
  return renderSections(builder.sections, terminalWidth);
}
