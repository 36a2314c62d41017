// Which cluster, user and namespace a kubectl command talks to: KUBECONFIG
// (a list of files, merged), --kubeconfig, --context, -n, and the context's
// own namespace, as kubectl resolves them.

import { existsSync } from 'node:fs';
import type { KubeConfig } from '@kubernetes/client-node';
import { loadClient } from '../clients/load';
import { kubeconfigFiles } from './kubeconfigPaths';

type KubeLib = typeof import('@kubernetes/client-node');

export interface KubeSelection {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  server?: string;
}

export interface ResolvedKubeConfig {
  kc: KubeConfig;
  /** Files read, in order. */
  files: string[];
  context: string;
  cluster: string;
  user: string;
  server: string;
  namespace: string;
}

export class KubeConfigError extends Error {}

export function kubeLib(): KubeLib {
  return loadClient<KubeLib>('kubernetes', '@kubernetes/client-node');
}

export function resolveKubeConfig(env: Readonly<Record<string, string | undefined>>, selection: KubeSelection): ResolvedKubeConfig {
  const { KubeConfig } = kubeLib();
  const files = kubeconfigFiles(env, selection.kubeconfig);
  if (selection.kubeconfig && !existsSync(selection.kubeconfig)) {
    throw new KubeConfigError(`error: stat ${selection.kubeconfig}: no such file or directory`);
  }
  if (files.length === 0) {
    throw new KubeConfigError(
      'The connection to the server localhost:8080 was refused - did you specify the right host or port?',
    );
  }
  const kc = new KubeConfig();
  files.forEach((file, index) => {
    const part = new KubeConfig();
    part.loadFromFile(file);
    if (index === 0) kc.loadFromOptions({ clusters: part.clusters, users: part.users, contexts: part.contexts, currentContext: part.currentContext });
    else kc.mergeConfig(part, true);
  });
  // A plain-http server has no TLS to verify; client-node refuses it unless told so.
  kc.clusters = kc.clusters.map((c) => (c.server.startsWith('http:') ? { ...c, skipTLSVerify: true } : c));
  const contextName = selection.context ?? kc.getCurrentContext();
  if (!contextName) throw new KubeConfigError('error: current-context is not set');
  const context = kc.getContextObject(contextName);
  if (!context) throw new KubeConfigError(`Error in configuration: context was not found for specified context: ${contextName}`);
  kc.setCurrentContext(contextName);
  const cluster = kc.getCluster(context.cluster);
  if (!cluster) throw new KubeConfigError(`error: cluster "${context.cluster}" does not exist`);
  return {
    kc,
    files,
    context: contextName,
    cluster: cluster.name,
    user: context.user,
    server: selection.server ?? cluster.server,
    namespace: selection.namespace ?? context.namespace ?? 'default',
  };
}
