// kubectl top node: each node's usage, and its share of the node's
// allocatable (or, with --show-capacity, capacity) CPU and memory.

import type { TopNode } from '../../../results/toolData';
import { flagBool, flagString } from '../args';
import { goSort } from '../goSort';
import { Quantity } from '../../../units';
import { formatMebibytes, formatMillicores } from '../topQuantities';
import { tableWriter } from '../printers/tabwriter';
import { KubectlError, type KubectlRun } from '../session';
import { metricsApi, validateSortBy } from '../metricsApi';

interface NodeMetrics {
  metadata: { name: string };
  usage: { cpu?: string; memory?: string };
}

interface Node {
  metadata: { name: string };
  status?: { allocatable?: Record<string, string>; capacity?: Record<string, string> };
}

const POD_ONLY_FLAGS = ['field-selector', 'containers', 'all-namespaces', 'sum'];

export async function runTopNodes(run: KubectlRun, names: string[]): Promise<number> {
  const { args, ctx } = run;
  const foreign = POD_ONLY_FLAGS.find((f) => args.flags.has(f));
  if (foreign) throw new KubectlError(`Error: unknown flag: --${foreign}\nSee 'kubectl top node --help' for usage.`);
  if (names.length > 1) throw new KubectlError("error: node [NAME | -l label]\nSee 'kubectl top node -h' for help and examples");
  const sortBy = validateSortBy(run);
  const name = names[0];
  const selector = flagString(args, 'selector') || undefined;
  if (name && selector) throw new KubectlError('error: only one of NAME or --selector can be provided');
  await run.setTarget();
  const api = await metricsApi(run);
  const metrics = name
    ? [await run.json<NodeMetrics>({ path: `${api}/nodes/${encodeURIComponent(name)}` })]
    : (await run.json<{ items: NodeMetrics[] }>({ path: `${api}/nodes`, query: { labelSelector: selector } })).items;
  if (metrics.length === 0) throw new KubectlError('error: metrics not available yet');
  const nodes = name
    ? [await run.json<Node>({ path: `/api/v1/nodes/${encodeURIComponent(name)}` })]
    : (await run.json<{ items: Node[] }>({ path: '/api/v1/nodes', query: { labelSelector: selector } })).items;
  const field = flagBool(args, 'show-capacity') ? 'capacity' : 'allocatable';
  const available = new Map(nodes.map((n) => [n.metadata.name, n.status?.[field] ?? {}]));

  const rows = metrics.map((m) => ({
    name: m.metadata.name,
    cpu: Quantity.parse(m.usage.cpu) ?? Quantity.ZERO,
    memory: Quantity.parse(m.usage.memory) ?? Quantity.ZERO,
  }));
  goSort(rows, (a, b) => {
    if (sortBy === 'cpu') return a.cpu.milliValue() > b.cpu.milliValue();
    if (sortBy === 'memory') return a.memory.value() > b.memory.value();
    return a.name < b.name;
  });

  const lines: string[][] = [];
  if (!flagBool(args, 'no-headers')) lines.push(['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']);
  const measurements: TopNode[] = [];
  for (const row of rows) {
    const avail = available.get(row.name);
    const cpuAvail = avail ? Quantity.parse(avail.cpu) : undefined;
    const memAvail = avail ? Quantity.parse(avail.memory) : undefined;
    const cpuPercent = cpuAvail ? percent(row.cpu, cpuAvail) : undefined;
    const memoryPercent = memAvail ? percent(row.memory, memAvail) : undefined;
    const cells = [row.name, formatMillicores(row.cpu)];
    if (cpuPercent !== undefined) cells.push(`${cpuPercent}%`);
    cells.push(formatMebibytes(row.memory));
    if (memoryPercent !== undefined) cells.push(`${memoryPercent}%`);
    lines.push(cells);
    available.delete(row.name);
    measurements.push({
      name: row.name,
      cpuMillicores: row.cpu.milliValue(),
      memoryBytes: row.memory.value(),
      cpuAllocatableMillicores: cpuAvail?.milliValue(),
      memoryAllocatableBytes: memAvail?.value(),
      cpuPercent,
      memoryPercent,
    });
  }
  // Nodes the metrics did not cover.
  for (const missing of available.keys()) lines.push([missing, '<unknown>', '<unknown>', '<unknown>', '<unknown>']);
  ctx.stdout.write(tableWriter().formatRows(lines.map((l) => [...l, ''])));
  ctx.emit({ kind: 'top-nodes', nodes: measurements, basis: field });
  return 0;
}

/** Whole percent, truncated, as kubectl computes it from milli-units. */
function percent(used: Quantity, available: Quantity): number {
  if (available.isZero()) return 0;
  return Math.trunc((used.milliValue() / available.milliValue()) * 100);
}
