// The server's Table (meta.k8s.io/v1) printed the way kubectl prints it:
// upper-case headers, priority-0 columns (all with -o wide), an optional
// NAMESPACE column, `kind/name` names when several types are shown, labels.

import type { TableCell } from '../../../results/toolData';

export interface TableColumn {
  name: string;
  type: string;
  format?: string;
  priority?: number;
}

export interface TableRow {
  cells: unknown[];
  object?: { metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; creationTimestamp?: string } };
}

export interface Table {
  kind: 'Table';
  columnDefinitions: TableColumn[];
  rows: TableRow[];
  metadata?: { resourceVersion?: string; continue?: string };
}

export interface TableOptions {
  wide?: boolean;
  noHeaders?: boolean;
  showLabels?: boolean;
  /** Adds a NAMESPACE column first (with -A). */
  withNamespace?: boolean;
  /** `deployment.apps`: prefixes names as `deployment.apps/NAME`. */
  kindPrefix?: string;
  /** -L: extra columns from these label keys. */
  labelColumns?: string[];
}

/** Cells for every row, and the header row unless noHeaders. */
export function tableCells(table: Table, options: TableOptions, includeHeader = !options.noHeaders): string[][] {
  const visible = table.columnDefinitions.map((c, i) => ({ c, i })).filter(({ c }) => options.wide || !c.priority);
  const rows: string[][] = [];
  if (includeHeader) {
    const header = visible.map(({ c }) => c.name.toUpperCase());
    for (const key of options.labelColumns ?? []) header.push(labelColumnHeader(key));
    if (options.showLabels) header.push('LABELS');
    rows.push(options.withNamespace ? ['NAMESPACE', ...header] : header);
  }
  for (const row of table.rows) {
    const cells = visible.map(({ c, i }) => formatCell(row.cells[i], c));
    const nameIndex = visible.findIndex(({ c }) => c.format === 'name');
    if (options.kindPrefix && nameIndex >= 0) cells[nameIndex] = `${options.kindPrefix}/${cells[nameIndex]}`;
    const labels = row.object?.metadata?.labels ?? {};
    for (const key of options.labelColumns ?? []) cells.push(labels[key] ?? '');
    if (options.showLabels) cells.push(formatLabels(labels));
    rows.push(options.withNamespace ? [row.object?.metadata?.namespace ?? '', ...cells] : cells);
  }
  return rows;
}

function formatCell(value: unknown, _column: TableColumn): string {
  if (value === null || value === undefined) return '<none>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function formatLabels(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  return keys.length ? keys.map((k) => `${k}=${labels[k]}`).join(',') : '<none>';
}

/** -L app.kubernetes.io/name -> NAME (the part after the last slash, upper-cased). */
function labelColumnHeader(key: string): string {
  const slash = key.lastIndexOf('/');
  return (slash < 0 ? key : key.slice(slash + 1)).toUpperCase();
}

/** The printed columns and each row's cells in them, for the structured result (-o wide: every column). */
export function tableData(table: Table, wide: boolean | undefined): { columns: string[]; rows: TableCell[][] } {
  const visible = table.columnDefinitions.map((c, i) => ({ c, i })).filter(({ c }) => wide || !c.priority);
  return {
    columns: visible.map(({ c }) => c.name),
    rows: table.rows.map((row) => visible.map(({ i }) => cellData(row.cells[i]))),
  };
}

function cellData(value: unknown): TableCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}
