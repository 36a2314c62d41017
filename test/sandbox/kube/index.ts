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
import { ApiServer } from './server';
import { Store } from './store';

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
}

export interface KubeSimulator {
  url: string;
  port: number;
  /** With `tls`, the server's self-signed certificate (PEM), for clients that verify it. */
  certificate?: string;
  /** Writes a kubeconfig (cluster, context and user 'sandbox'; namespace default). */
  writeKubeconfig(path: string): Promise<void>;
  /** Closes the server and every open watch/log stream, and clears timers. */
  stop(): Promise<void>;
}

/**
 * A kubeconfig for the simulator. Context `sandbox` (current) is an admin;
 * `sandbox-viewer` may only read, `sandbox-nobody` may do nothing, and
 * `sandbox-expired` carries a credential the server rejects.
 */
export function kubeconfigYaml(url: string): string {
  const users = Object.entries({ sandbox: TOKENS.admin, 'sandbox-viewer': TOKENS.viewer, 'sandbox-nobody': TOKENS.nobody, 'sandbox-expired': TOKENS.expired });
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: sandbox',
    '  cluster:',
    `    server: ${url}`,
    '    insecure-skip-tls-verify: true',
    'contexts:',
    ...users.flatMap(([name]) => [`- name: ${name}`, '  context:', '    cluster: sandbox', `    user: ${name}`, '    namespace: default']),
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
  const registry = new Registry(() => store?.list(KEYS.crds) ?? []);
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
  for (const h of store.list(KEYS.hpas)) manager.enqueue(hpa, `${h.metadata.namespace}/${h.metadata.name}`);

  const api = new ApiServer(ctx);
  const host = opts.host ?? '127.0.0.1';
  const keyPair = opts.tls ? selfSignedCertificate(opts.tlsName ?? host) : undefined;
  const server: Server = keyPair ? createHttpsServer(keyPair, api.handle) : createServer(api.handle);
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
    writeKubeconfig: (path) => writeFile(path, kubeconfigYaml(url), { mode: 0o600 }),
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
