// kubectl top pod|node: usage from metrics.k8s.io in kubectl's columns
// (`250m`, `300Mi`, nodes' CPU(%)/MEMORY(%) of allocatable), sorted as kubectl
// sorts; and the measurements, with the pods' requests and limits, for
// threshold checks.

import { flagBool, flagString } from '../args';
import { resourcePath } from '../discovery';
import { goDurationString } from '../durations';
import { goSort } from '../goSort';
import type { Pod } from '../pods';
import { Quantity } from '../../../units';
import { formatMebibytes, formatMillicores, sumDeclared } from '../topQuantities';
import { tableWriter } from '../printers/tabwriter';
import { KubectlError, type KubectlRun } from '../session';
import { metricsApi, validateSortBy } from '../metricsApi';
import { reads, type Verb } from './verb';
import { runTopNodes } from './topNodes';

export const top: Verb = {
  name: 'top',
  flags: [
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'sort-by', type: 'string' },
    { name: 'containers', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
    { name: 'use-protocol-buffers', type: 'bool' },
    { name: 'sum', type: 'bool' },
    { name: 'show-capacity', type: 'bool' },
  ],
  subcommands: ['node', 'nodes', 'no', 'pod', 'pods', 'po'],
  usage: "See 'kubectl top -h' for help and examples",
  effect: reads,
  run: runTop,
};

const TOP_HELP = `Display resource (CPU/memory) usage.

 The top command allows you to see the resource consumption for nodes or pods.

 This command requires Metrics Server to be correctly configured and working on the server.

Available Commands:
  node          Display resource (CPU/memory) usage of nodes
  pod           Display resource (CPU/memory) usage of pods

Usage:
  kubectl top [flags] [options]

Use "kubectl top <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).`;

const CREATION_DELAY_MS = 2 * 60_000;

export interface ContainerUsage {
  name: string;
  usage: { cpu?: string; memory?: string };
}

interface PodMetrics {
  metadata: { name: string; namespace?: string };
  containers: ContainerUsage[];
}

async function runTop(run: KubectlRun): Promise<number> {
  const [what, ...rest] = run.args.positionals;
  if (what === undefined) throw new KubectlError(TOP_HELP);
  if (['node', 'nodes', 'no'].includes(what)) return runTopNodes(run, rest);
  return runTopPods(run, rest);
}

interface Usage {
  cpu: Quantity;
  memory: Quantity;
}

function usageOf(containers: ContainerUsage[]): Usage {
  let cpu = Quantity.ZERO;
  let memory = Quantity.ZERO;
  for (const c of containers) {
    cpu = cpu.add(Quantity.parse(c.usage.cpu) ?? Quantity.ZERO);
    memory = memory.add(Quantity.parse(c.usage.memory) ?? Quantity.ZERO);
  }
  return { cpu, memory };
}

/** kubectl's order: by name (namespace first with -A), or by usage, largest first. */
function usageLess(sortBy: string, a: Usage, b: Usage): boolean {
  if (sortBy === 'cpu') return a.cpu.milliValue() > b.cpu.milliValue();
  return a.memory.value() > b.memory.value();
}

async function runTopPods(run: KubectlRun, names: string[]): Promise<number> {
  const { args, ctx } = run;
  if (names.length > 1) throw new KubectlError("error: pod [NAME | -l label]\nSee 'kubectl top pod -h' for help and examples");
  const sortBy = validateSortBy(run);
  const name = names[0];
  const labelSelector = flagString(args, 'selector') || undefined;
  const fieldSelector = flagString(args, 'field-selector') || undefined;
  if (name && (labelSelector || fieldSelector)) throw new KubectlError('error: only one of NAME or selector can be provided');
  await run.setTarget();
  const all = run.allNamespaces;
  const namespace = await run.namespace();
  const api = await metricsApi(run);
  const podsType = await run.resolveType('pods');
  const scope = all ? '' : `/namespaces/${encodeURIComponent(namespace)}`;
  const query = { labelSelector, fieldSelector };
  const metricsRequest = name
    ? run.json<PodMetrics>({ path: `${api}${scope}/pods/${encodeURIComponent(name)}` }).then((m) => [m])
    : run.json<{ items: PodMetrics[] }>({ path: `${api}${scope}/pods`, query }).then((l) => l.items);
  // The pods themselves, for their requests and limits (and kubectl's check of an empty answer).
  const podsRequest = name
    ? run.request({ path: resourcePath(podsType, namespace, name) }).then((r) => (r.status < 400 ? [JSON.parse(r.text) as Pod] : []))
    : run.json<{ items: Pod[] }>({ path: resourcePath(podsType, all ? undefined : namespace), query }).then((l) => l.items);
  podsRequest.catch(() => undefined);
  const metrics = await metricsRequest;
  const pods = await podsRequest.catch(() => [] as Pod[]);

  if (metrics.length === 0) {
    const candidates = all ? pods.filter((p) => (p.metadata.namespace ?? namespace) === namespace) : pods;
    if (candidates.length > 0) {
      for (const pod of candidates) {
        const age = Date.now() - Date.parse(pod.metadata.creationTimestamp ?? '');
        if (age > CREATION_DELAY_MS) throw new KubectlError(`error: Metrics not available for pod ${pod.metadata.namespace ?? namespace}/${pod.metadata.name}, age: ${goDurationString(age)}`);
      }
      throw new KubectlError('error: metrics not available yet');
    }
    ctx.stderr.write(all ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`);
    return 0;
  }

  const rows = metrics.map((m) => ({ m, usage: usageOf(m.containers) }));
  goSort(rows, (a, b) => {
    if (sortBy) return usageLess(sortBy, a.usage, b.usage);
    if (all && a.m.metadata.namespace !== b.m.metadata.namespace) return (a.m.metadata.namespace ?? '') < (b.m.metadata.namespace ?? '');
    return a.m.metadata.name < b.m.metadata.name;
  });
  ctx.stdout.write(printPodRows(run, rows, sortBy));
  emitPods(run, rows, pods, namespace);
  return 0;
}

function printPodRows(run: KubectlRun, rows: { m: PodMetrics; usage: Usage }[], sortBy: string): string {
  const { args } = run;
  const all = run.allNamespaces;
  const containers = flagBool(args, 'containers');
  const noHeaders = flagBool(args, 'no-headers');
  const lines: string[][] = [];
  let width = 3;
  if (!noHeaders) {
    const header = ['NAME', 'CPU(cores)', 'MEMORY(bytes)'];
    if (containers) header.unshift('POD');
    if (all) header.unshift('NAMESPACE');
    width = header.length;
    lines.push(header);
  }
  for (const { m, usage } of rows) {
    const ns = all ? [m.metadata.namespace ?? ''] : [];
    if (containers) {
      const sorted = m.containers.map((c) => ({ c, usage: usageOf([c]) }));
      goSort(sorted, (a, b) => (sortBy ? usageLess(sortBy, a.usage, b.usage) : a.c.name < b.c.name));
      for (const { c, usage: u } of sorted) lines.push([...ns, m.metadata.name, c.name, formatMillicores(u.cpu), formatMebibytes(u.memory)]);
    } else {
      lines.push([...ns, m.metadata.name, formatMillicores(usage.cpu), formatMebibytes(usage.memory)]);
    }
  }
  if (flagBool(args, 'sum')) {
    const total = usageOf(rows.flatMap((r) => r.m.containers));
    lines.push([...Array(Math.max(0, width - 2)).fill(''), '________', '________']);
    lines.push([...Array(Math.max(0, width - 3)).fill(''), '', formatMillicores(total.cpu), formatMebibytes(total.memory)]);
  }
  // Every cell ends in a tab in kubectl's top output, so the last column is padded too.
  return tableWriter().formatRows(lines.map((l) => [...l, '']));
}

function emitPods(run: KubectlRun, rows: { m: PodMetrics; usage: Usage }[], pods: Pod[], namespace: string): void {
  const specs = new Map(pods.map((p) => [`${p.metadata.namespace ?? namespace}/${p.metadata.name}`, p]));
  const milli = (q: Quantity | undefined) => q?.milliValue();
  const bytes = (q: Quantity | undefined) => q?.value();
  run.ctx.emit({
    kind: 'top-pods',
    headerLines: flagBool(run.args, 'no-headers') ? 0 : 1,
    containerRows: flagBool(run.args, 'containers'),
    pods: rows.map(({ m, usage }) => {
      const ns = m.metadata.namespace ?? namespace;
      const containers = specs.get(`${ns}/${m.metadata.name}`)?.spec?.containers;
      const declared = (kind: 'requests' | 'limits', resource: string) => (containers ? sumDeclared(containers.map((c) => c.resources?.[kind]?.[resource])) : undefined);
      return {
        namespace: ns,
        name: m.metadata.name,
        cpuMillicores: usage.cpu.milliValue(),
        memoryBytes: usage.memory.value(),
        cpuRequestMillicores: milli(declared('requests', 'cpu')),
        memoryRequestBytes: bytes(declared('requests', 'memory')),
        cpuLimitMillicores: milli(declared('limits', 'cpu')),
        memoryLimitBytes: bytes(declared('limits', 'memory')),
        containers: m.containers.map((c) => {
          const u = usageOf([c]);
          return { name: c.name, cpuMillicores: u.cpu.milliValue(), memoryBytes: u.memory.value() };
        }),
      };
    }),
  });
}
