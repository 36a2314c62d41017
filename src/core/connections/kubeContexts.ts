// The contexts of the kubeconfig(s) KUBECONFIG names, read as plain YAML for
// the status bar: no client library is loaded just to show a name.

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { kubeconfigFiles } from './kubeconfigPaths';

export interface KubeContextInfo {
  name: string;
  cluster: string;
  namespace: string;
}

interface KubeconfigFile {
  'current-context'?: string;
  contexts?: { name?: string; context?: { cluster?: string; namespace?: string } }[];
}

/** As kubectl merges files: the first file that sets something wins. */
export function listKubeContexts(env: Readonly<Record<string, string | undefined>>): { current: string; contexts: KubeContextInfo[] } {
  const files = kubeconfigFiles(env);
  if (files.length === 0) throw new Error('no kubeconfig: set KUBECONFIG or create ~/.kube/config');
  let current = '';
  const contexts = new Map<string, KubeContextInfo>();
  for (const file of files) {
    const config = (parse(readFileSync(file, 'utf8')) ?? {}) as KubeconfigFile;
    current ||= config['current-context'] ?? '';
    for (const c of config.contexts ?? []) {
      if (c.name && !contexts.has(c.name)) contexts.set(c.name, { name: c.name, cluster: c.context?.cluster ?? '', namespace: c.context?.namespace || 'default' });
    }
  }
  return { current, contexts: [...contexts.values()] };
}
