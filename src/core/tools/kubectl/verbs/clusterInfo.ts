// kubectl cluster-info: where the control plane answers, and the cluster
// services (label kubernetes.io/cluster-service=true) in kube-system.
//
// Colour: upstream kubectl colours the names and URLs with ANSI codes; the
// kubectl on these machines prints plain text even on a terminal, and a
// notebook output or incident record has no use for escape codes. So the
// text is plain, whether or not the cell counts as a terminal.

import { flagString } from '../args';
import { KubeTransportError } from '../../../connections/kubeConnection';
import { KubectlError, type KubectlRun } from '../session';
import { reads, type Verb } from './verb';

const TRAILER = "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";

export const clusterInfo: Verb = {
  name: 'cluster-info',
  flags: [],
  usage: "See 'kubectl cluster-info -h' for help and examples",
  effect: reads,
  run: runClusterInfo,
};

interface Service {
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: { ports?: { name?: string; port: number }[] };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

async function runClusterInfo(run: KubectlRun): Promise<number> {
  const { args, ctx } = run;
  if (args.positionals[0] === 'dump') throw new KubectlError('kubectl cluster-info dump: not run: it writes every object and log of the cluster; run it in a terminal', 127);
  if (args.positionals.length) throw new KubectlError(`error: unknown command "${args.positionals[0]}" for "kubectl cluster-info"`);
  await run.setTarget();
  const namespace = flagString(args, 'namespace') || 'kube-system';
  const host = run.config().server;
  let services: Service[];
  try {
    services = (await run.json<{ items: Service[] }>({ path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/services`, query: { labelSelector: 'kubernetes.io/cluster-service=true' } })).items;
  } catch (error) {
    // kubectl prints its closing hint even when the cluster cannot be reached.
    if (error instanceof KubectlError || error instanceof KubeTransportError) ctx.stdout.write(TRAILER);
    throw error;
  }
  const lines = [line('Kubernetes control plane', host)];
  for (const service of services) {
    const name = service.metadata.labels?.['kubernetes.io/name'] || service.metadata.name;
    lines.push(line(name, serviceLink(service, host)));
  }
  ctx.stdout.write(lines.join('') + TRAILER);
  ctx.emit({ kind: 'cluster-info', controlPlane: host, services: services.map((s) => s.metadata.name) });
  return 0;
}

function line(name: string, link: string): string {
  return `${name} is running at ${link}\n`;
}

function serviceLink(service: Service, host: string): string {
  const ingress = service.status?.loadBalancer?.ingress?.[0];
  if (ingress) {
    const ip = ingress.ip || ingress.hostname || '';
    return (service.spec?.ports ?? []).map((p) => `http://${ip}:${p.port} `).join('');
  }
  let name = service.metadata.name;
  const port = service.spec?.ports?.[0];
  if (port) {
    const scheme = port.name === 'https' || port.port === 443 ? 'https' : '';
    const portName = port.name ?? '';
    name = scheme ? `${scheme}:${name}:${portName}` : portName ? `${name}:${portName}` : name;
  }
  return `${host}/api/v1/namespaces/${service.metadata.namespace ?? ''}/services/${name}/proxy`;
}
