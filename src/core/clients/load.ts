// Client libraries load on first use, never at activation. In the extension
// and CLI bundles each library is its own CommonJS file under dist/clients/,
// required only when a cell first needs it; from source (tests, tsx) the
// prebuilt file is used when present, else the package itself.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

declare const RUNBOOK_BUNDLE: boolean | undefined;

const cache = new Map<string, unknown>();

export type ClientBundle = 'kubernetes' | 'pg' | 'redis' | 's3' | 'cloudfront' | 'jq' | 'pgquery';

export function loadClient<T>(bundle: ClientBundle, packageName: string): T {
  const cached = cache.get(bundle);
  if (cached) return cached as T;
  const loaded = requireClient(bundle, packageName) as T;
  cache.set(bundle, loaded);
  return loaded;
}

function requireClient(bundle: string, packageName: string): unknown {
  // A computed specifier keeps esbuild from inlining the library into the caller's bundle.
  const load = (specifier: string): unknown => require(specifier);
  if (typeof RUNBOOK_BUNDLE !== 'undefined' && RUNBOOK_BUNDLE) return load(join(__dirname, 'clients', `${bundle}.js`));
  const built = findBuiltClient(bundle);
  return load(built ?? packageName);
}

function findBuiltClient(bundle: string): string | undefined {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'dist', 'clients', `${bundle}.js`);
    if (existsSync(join(dir, 'package.json'))) return existsSync(candidate) ? candidate : undefined;
    dir = dirname(dir);
  }
  return undefined;
}
