// The Kubernetes API simulator of the sandbox: a real HTTP server on loopback that
// speaks enough of the Kubernetes REST protocol for the real kubectl and
// @kubernetes/client-node, seeded with the cluster of the user's scaling runbook.
import { TOKENS } from './auth';
import { selfSignedCertificate } from './tls';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { wallClock, type Clock } from '../clock';
import type { Scenario } from '../scenario';
import { startChurn } from './churn';
import { Timers, type SimContext } from './context';
import { DeploymentController } from './controllers/deployment';
import { HpaController } from './controllers/hpa';
import { Kubelet } from './controllers/kubelet';
import { ControllerManager } from './controllers/manager';
import { ReplicaSetController } from './controllers/replicaset';
import { StatefulSetController } from './controllers/statefulset';
import { GarbageCollector, VolumeExpander } from './controllers/storage';
import { KEYS, Registry } from './resources';
import { seed } from './seed';
import { seedScale } from './seed-scale';
import { ApiServer } from './server';
import { Store } from './store';
import { RequestCounter, type RequestCounts } from './requestCount';
import { KubeFaults } from './faults';
import type { KubeObject } from './util';

export interface KubeSimulatorOptions {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  scenario: Scenario;
  /** Capacity of PVC data-postgresql-0 in bytes; default 10Gi. */
  pvcCapacityBytes?: number;
  /** Pod readiness delay in ms (default 300; must be < 1000). */
  readyDelayMs?: number;
  /** Serve HTTPS with a throwaway self-signed certificate (clients send their tokens only over TLS). */
  tls?: boolean;
  /** The one name the certificate is for (default: `host`), e.g. a cluster's DNS name that a host mapping routes here. */
  tlsName?: string;
  /** The time containers have written their logs up to (default: the wall clock). */
  logClock?: Clock;
  /** Scale: more deployments, namespaces and nodes until the cluster runs this many pods (seed-scale.ts). */
  pods?: number;
  /** Pods restarting (then Ready again) per second; default 0 (churn.ts). */
  churnPerSecond?: number;
}

export interface KubeSimulator {
  url: string;
  port: number;
  /** With `tls`, the server's self-signed certificate (PEM), for clients that verify it. */
  certificate?: string;
  /**
   * Writes a kubeconfig (cluster, context and user 'sandbox'; namespace default). `others`: the URLs
   * of more simulators, as clusters and contexts sandbox-2, sandbox-3... with the admin user.
   */
  writeKubeconfig(path: string, others?: string[]): Promise<void>;
  /** The requests served so far, by verb (WATCH for a watch) and path. */
  requestCounts(): RequestCounts;
  /** Faults to put in front of the API (tests only; faults.ts). */
  faults: KubeFaults;
  /** Closes the server and every open watch/log stream, and clears timers. */
  stop(): Promise<void>;
}

/**
 * A kubeconfig for the simulator. Context `sandbox` (current) is an admin;
 * `sandbox-viewer` may only read, `sandbox-nobody` may do nothing, and
 * `sandbox-expired` carries a credential the server rejects.
 */
export function kubeconfigYaml(url: string, others: string[] = []): string {
  const users = Object.entries({ sandbox: TOKENS.admin, 'sandbox-viewer': TOKENS.viewer, 'sandbox-nobody': TOKENS.nobody, 'sandbox-expired': TOKENS.expired });
  const more = others.map((server, i) => ({ name: `sandbox-${i + 2}`, server }));
  const context = (name: string, cluster: string, user: string) => [`- name: ${name}`, '  context:', `    cluster: ${cluster}`, `    user: ${user}`, '    namespace: default'];
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    ...[{ name: 'sandbox', server: url }, ...more].flatMap((c) => [`- name: ${c.name}`, '  cluster:', `    server: ${c.server}`, '    insecure-skip-tls-verify: true']),
    'contexts:',
    ...users.flatMap(([name]) => context(name, 'sandbox', name)),
    ...more.flatMap((c) => context(c.name, c.name, 'sandbox')),
    'current-context: sandbox',
    'preferences: {}',
    'users:',
    ...users.flatMap(([name, token]) => [`- name: ${name}`, '  user:', `    token: ${token}`]),
    '',
  ].join('\n');
}

export async function startKubeSimulator(opts: KubeSimulatorOptions): Promise<KubeSimulator> {
  const readyDelayMs = opts.readyDelayMs ?? 300;
  if (!(readyDelayMs >= 0 && readyDelayMs < 1000)) throw new Error(`readyDelayMs must be in [0, 1000): ${readyDelayMs}`);
  let store: Store | undefined;
  const registry = new Registry(() => {
    const crds: KubeObject[] = [];
    store?.scan(KEYS.crds, undefined, (crd) => crds.push(crd));
    return crds;
  });
  store = new Store((key) => registry.tracksGeneration(key));
  const ctx: SimContext = {
    store,
    registry,
    scenario: opts.scenario,
    readyDelayMs,
    pvcCapacityBytes: opts.pvcCapacityBytes ?? 10 * 2 ** 30,
    logClock: opts.logClock ?? wallClock,
    timers: new Timers(),
    streams: new Set(),
  };
  seed(ctx);
  if (opts.pods) seedScale(ctx, opts.pods);
  const hpa = new HpaController(ctx);
  const manager = new ControllerManager(ctx, [
    new Kubelet(ctx),
    new ReplicaSetController(ctx),
    new DeploymentController(ctx),
    new StatefulSetController(ctx),
    hpa,
    new VolumeExpander(ctx),
    new GarbageCollector(ctx),
  ]);
  manager.start();
  startChurn(ctx, opts.churnPerSecond ?? 0);
  for (const h of store.list(KEYS.hpas)) manager.enqueue(hpa, `${h.metadata.namespace}/${h.metadata.name}`);

  const api = new ApiServer(ctx);
  const counter = new RequestCounter();
  const faults = new KubeFaults();
  const handle = counter.counting(faults.wrap(api.handle));
  const host = opts.host ?? '127.0.0.1';
  const keyPair = opts.tls ? selfSignedCertificate(opts.tlsName ?? host) : undefined;
  const server: Server = keyPair ? createHttpsServer(keyPair, handle) : createServer(handle);
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `${opts.tls ? 'https' : 'http'}://${host}:${port}`;
  let stopped: Promise<void> | undefined;
  return {
    url,
    port,
    certificate: keyPair?.cert,
    writeKubeconfig: (path, others) => writeFile(path, kubeconfigYaml(url, others), { mode: 0o600 }),
    requestCounts: () => counter.snapshot(),
    faults,
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        manager.stop();
        ctx.timers.stop();
        for (const res of ctx.streams) res.end();
        ctx.streams.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}
