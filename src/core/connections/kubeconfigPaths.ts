// Which kubeconfig files a kubectl command reads: --kubeconfig, else the
// KUBECONFIG list (files that exist), else ~/.kube/config.

import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function kubeconfigFiles(env: Readonly<Record<string, string | undefined>>, flag?: string): string[] {
  if (flag) return [flag];
  const fromEnv = env.KUBECONFIG?.split(':').filter(Boolean) ?? [];
  if (fromEnv.length) return fromEnv.filter((f) => existsSync(f));
  const home = env.HOME ?? env.USERPROFILE;
  const fallback = home ? join(home, '.kube', 'config') : undefined;
  return fallback && existsSync(fallback) ? [fallback] : [];
}
