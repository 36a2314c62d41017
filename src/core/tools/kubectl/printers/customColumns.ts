// `kubectl get -o custom-columns=NAME:.metadata.name,...`: one row per object,
// a cell per column holding every value its JSONPath finds (joined by `,`,
// `<none>` when there is none), printed as Go's fmt.Sprint prints them and
// aligned by kubectl's tabwriter. Error texts are kubectl's own.
import { goSprint } from './goValues';
import { JsonPathError, parseJsonPath, type JsonPathTemplate } from './jsonpath';
import { runeLength, TabWriter } from './tabwriter';

export interface CustomColumn {
  header: string;
  /** A parsed template, or template text (parsed when printing, after the header, as kubectl does). */
  path: JsonPathTemplate | string;
}

export interface CustomColumnsOptions {
  noHeaders?: boolean;
}

const RELAXED = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

function fail(reason: string, stdout = ''): never {
  throw new JsonPathError(`error: ${reason}\n`, reason, stdout);
}

/**
 * kubectl's relaxed JSONPath (custom-columns and --sort-by): `metadata.name`,
 * `.metadata.name`, `{metadata.name}` and `{.metadata.name}` all mean `{.metadata.name}`.
 */
export function relaxedJsonPathExpression(expression: string): string {
  if (expression === '') return '';
  const m = RELAXED.exec(expression);
  if (!m) {
    fail("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  }
  return `{.${m[1] || m[2]}}`;
}

/** Parses `HEADER:path,HEADER:path`; throws JsonPathError with kubectl's message. */
export function parseCustomColumns(spec: string): CustomColumn[] {
  if (spec === '') fail('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) fail(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, colon), path: relaxedJsonPathExpression(part.slice(colon + 1)) };
  });
}

/** kubectl's guard against terminal escape sequences in printed values. */
function escapeTerminal(text: string): string {
  return text.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}

/**
 * The table kubectl prints for `objects` (the items of a list, or one object).
 * On a failure the JsonPathError carries, in `stdout`, what kubectl had printed before it.
 */
export function printCustomColumns(columns: CustomColumn[], objects: readonly unknown[], options: CustomColumnsOptions = {}): string {
  const rows: string[][] = [];
  if (!options.noHeaders) rows.push(columns.map((c) => c.header));
  const templates: JsonPathTemplate[] = [];
  for (const column of columns) {
    if (typeof column.path !== 'string') templates.push(column.path);
    else {
      try {
        templates.push(parseJsonPath(column.path));
      } catch (e) {
        if (e instanceof JsonPathError) fail(e.reason, alignRows(rows));
        throw e;
      }
    }
  }
  for (const object of objects) {
    const cells: string[] = [];
    for (const template of templates) {
      let values: unknown[][];
      try {
        values = template.findResults(object, { allowMissingKeys: true });
      } catch (e) {
        if (e instanceof JsonPathError) fail(e.reason, alignRows(rows));
        throw e;
      }
      const texts = values.length === 0 || values[0].length === 0 ? ['<none>'] : [];
      for (const list of values) for (const value of list) texts.push(escapeTerminal(goSprint(value)));
      cells.push(texts.join(','));
    }
    rows.push(cells);
  }
  return alignRows(rows);
}

const BREAKS = /[\t\n\v\f]/;

/** Aligns the rows; cells holding tabs or newlines split as they do in Go's tabwriter. */
function alignRows(rows: string[][]): string {
  if (!rows.some((row) => row.some((cell) => BREAKS.test(cell)))) return new TabWriter().format(rows);
  return alignText(rows.map((row) => `${row.join('\t')}\n`).join(''));
}

// Go's text/tabwriter (kubectl's variant, remembering widths) for text whose
// rows have different numbers of cells: a column's width is set per block of
// consecutive lines that have a cell in it, and a line of one cell flushes.
const MIN_WIDTH = 6;
const PADDING = 3;

function alignText(text: string): string {
  const remembered: number[] = [];
  let out = '';
  let lines: string[][] = [[]];
  let cell = '';
  for (const ch of text) {
    if (!BREAKS.test(ch)) {
      cell += ch;
      continue;
    }
    const line = lines[lines.length - 1];
    line.push(cell);
    cell = '';
    if (ch !== '\n' && ch !== '\f') continue;
    lines.push([]);
    if (ch === '\f' || line.length === 1) {
      out += formatBlock(lines, 0, lines.length, [], remembered);
      lines = [[]];
    }
  }
  if (cell !== '') lines[lines.length - 1].push(cell);
  return out + formatBlock(lines, 0, lines.length, [], remembered);
}

function formatBlock(lines: string[][], line0: number, line1: number, widths: number[], remembered: number[]): string {
  const column = widths.length;
  let out = '';
  for (let i = line0; i < line1; i++) {
    if (column >= lines[i].length - 1) continue;
    out += writeLines(lines, line0, i, widths);
    line0 = i;
    let width = MIN_WIDTH;
    for (; i < line1 && column < lines[i].length - 1; i++) width = Math.max(width, runeLength(lines[i][column]) + PADDING);
    if (remembered.length < widths.length) remembered.push(...widths.slice(remembered.length));
    if (remembered.length === widths.length) remembered.push(width);
    else if (remembered[column] > width) width = remembered[column];
    else remembered[column] = width;
    out += formatBlock(lines, line0, i, [...widths, width], remembered);
    line0 = i;
  }
  return out + writeLines(lines, line0, line1, widths);
}

function writeLines(lines: string[][], line0: number, line1: number, widths: number[]): string {
  let out = '';
  for (let i = line0; i < line1; i++) {
    lines[i].forEach((cell, j) => {
      out += j < widths.length ? cell + ' '.repeat(widths[j] - runeLength(cell)) : cell;
    });
    if (i + 1 < lines.length) out += '\n';
  }
  return out;
}
