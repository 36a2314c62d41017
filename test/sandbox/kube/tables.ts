// Table responses (meta.k8s.io/v1 Table) for `Accept: application/json;as=Table;...`:
// the built-in printers, a CRD's additionalPrinterColumns, or the default
// "Name / Created At" convertor for everything else.
import { CLUSTER_PRINTERS } from './printers-cluster';
import { WORKLOAD_PRINTERS, type Column, type Printer } from './printers';
import { resourceKey, type ResourceType } from './resources';
import { age, getPath, type Json, type KubeObject } from './util';

export type IncludeObject = 'None' | 'Object' | 'PartialObjectMetadata';

const DEFAULT_PRINTER: Printer = {
  columns: [
    { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 0 },
    { name: 'Created At', type: 'date', format: '', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.', priority: 0 },
  ],
  cells: (o) => [o.metadata.name, o.metadata.creationTimestamp],
};

/** A simple JSONPath (".status.phase", ".spec.instances") as CRD printer columns use. */
function jsonPathValue(obj: KubeObject, path: string): Json {
  const parts = path
    .replace(/^\{?\.?/, '')
    .replace(/\}$/, '')
    .split('.')
    .filter(Boolean);
  return getPath(obj, parts);
}

function crdPrinter(rt: ResourceType): Printer {
  const defs: KubeObject[] = rt.printerColumns ?? [];
  const columns: Column[] = [
    DEFAULT_PRINTER.columns[0],
    ...defs.map((d) => ({
      name: d.name,
      type: d.type ?? 'string',
      format: d.format ?? '',
      description: d.description ?? '',
      priority: d.priority ?? 0,
    })),
  ];
  if (!defs.length) columns.push({ ...DEFAULT_PRINTER.columns[1], name: 'Age', type: 'date' });
  return {
    columns,
    cells: (o, now) => {
      if (!defs.length) return [o.metadata.name, age(o.metadata.creationTimestamp, now)];
      return [
        o.metadata.name,
        ...defs.map((d) => {
          const v = jsonPathValue(o, d.jsonPath);
          if (v === undefined || v === null) return null;
          if (d.type === 'date') return age(String(v), now);
          if (d.type === 'string') return typeof v === 'string' ? v : JSON.stringify(v);
          return v;
        }),
      ];
    },
  };
}

export function printerFor(rt: ResourceType): Printer {
  if (rt.custom) return crdPrinter(rt);
  return WORKLOAD_PRINTERS[resourceKey(rt)] ?? CLUSTER_PRINTERS[resourceKey(rt)] ?? DEFAULT_PRINTER;
}

function rowObject(o: KubeObject, include: IncludeObject): Json {
  if (include === 'None') return undefined;
  if (include === 'Object') return o;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

export interface TableOptions {
  include: IncludeObject;
  resourceVersion: string;
  continueToken?: string;
  remaining?: number;
  /** Watch events after the first carry no column definitions. */
  withColumns?: boolean;
  now?: number;
}

export function toTable(rt: ResourceType, objects: readonly KubeObject[], opts: TableOptions): Json {
  const printer = printerFor(rt);
  const now = opts.now ?? Date.now();
  const metadata: Json = { resourceVersion: opts.resourceVersion };
  if (opts.continueToken) metadata.continue = opts.continueToken;
  if (opts.remaining) metadata.remainingItemCount = opts.remaining;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: opts.withColumns === false ? [] : printer.columns,
    rows: objects.map((o) => {
      const row: Json = { cells: printer.cells(o, now) };
      const obj = rowObject(o, opts.include);
      if (obj) row.object = obj;
      return row;
    }),
  };
}

export function parseIncludeObject(v: string | null): IncludeObject {
  return v === 'None' || v === 'Object' ? v : 'PartialObjectMetadata';
}
