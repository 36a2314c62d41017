// `kubectl get -o custom-columns=NAME:.metadata.name,...`: one row per object,
// a cell per column holding every value its JSONPath finds (joined by `,`,
// `<none>` when there is none), printed as Go's fmt.Sprint prints them and
// aligned by kubectl's tabwriter. Error texts are kubectl's own.
import { escapeTerminal } from './escapeTerminal';
import { goSprint } from './goValues';
import { JsonPathError, parseJsonPath, type JsonPathTemplate } from './jsonpath';
import { tableWriter } from './tabwriter';

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

/** Aligns the rows as kubectl's tabwriter does, cells holding tabs or newlines split as they do there. */
function alignRows(rows: string[][]): string {
  return tableWriter().formatText(rows.map((row) => `${row.join('\t')}\n`).join(''));
}
