// The kubeconfig files as `kubectl config` sees them: merged in KUBECONFIG
// order (the first file to define a name or the current context wins), each
// entry remembering its file; printed as kubectl prints them, with secrets
// redacted (`REDACTED`, `DATA+OMITTED`) unless --raw; and small in-place
// edits that keep the rest of a file (comments, order) as it was.

import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { parse, parseDocument, type Document } from 'yaml';
import { kubeconfigFiles } from '../../connections';

type Fields = Record<string, unknown>;

export interface Named {
  name: string;
  fields: Fields;
  /** The file that defines it. */
  file: string;
}

export interface MergedKubeconfig {
  files: string[];
  clusters: Named[];
  users: Named[];
  contexts: Named[];
  currentContext: string;
  preferences: Fields;
  /** Whether the files came from --kubeconfig. */
  explicit: boolean;
}

const CLUSTER_FIELDS = ['server', 'tls-server-name', 'insecure-skip-tls-verify', 'certificate-authority', 'certificate-authority-data', 'proxy-url', 'disable-compression', 'extensions'];
const USER_FIELDS = ['client-certificate', 'client-certificate-data', 'client-key', 'client-key-data', 'token', 'tokenFile', 'as', 'as-uid', 'as-groups', 'as-user-extra', 'username', 'password', 'auth-provider', 'exec', 'extensions'];
const CONTEXT_FIELDS = ['cluster', 'user', 'namespace', 'extensions'];
const PATH_FIELDS = new Set(['certificate-authority', 'client-certificate', 'client-key', 'tokenFile']);

export function loadKubeconfig(env: Readonly<Record<string, string | undefined>>, flag?: string): MergedKubeconfig {
  const files = kubeconfigFiles(env, flag);
  const merged: MergedKubeconfig = { files, clusters: [], users: [], contexts: [], currentContext: '', preferences: {}, explicit: Boolean(flag) };
  let preferencesSet = false;
  for (const file of files) {
    if (!existsSync(file)) continue;
    const doc = (parse(readFileSync(file, 'utf8')) ?? {}) as Fields;
    const add = (into: Named[], list: unknown, key: string, fields: string[]) => {
      for (const item of Array.isArray(list) ? (list as Fields[]) : []) {
        const name = String(item?.name ?? '');
        if (into.some((n) => n.name === name)) continue;
        into.push({ name, fields: pick((item?.[key] ?? {}) as Fields, fields, dirname(file)), file });
      }
    };
    add(merged.clusters, doc.clusters, 'cluster', CLUSTER_FIELDS);
    add(merged.users, doc.users, 'user', USER_FIELDS);
    add(merged.contexts, doc.contexts, 'context', CONTEXT_FIELDS);
    if (!merged.currentContext && typeof doc['current-context'] === 'string') merged.currentContext = doc['current-context'];
    if (!preferencesSet && doc.preferences && typeof doc.preferences === 'object') {
      merged.preferences = doc.preferences as Fields;
      preferencesSet = true;
    }
  }
  const byName = (a: Named, b: Named) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  merged.clusters.sort(byName);
  merged.users.sort(byName);
  merged.contexts.sort(byName);
  return merged;
}

/** Known fields in kubectl's order, empty ones left out, file paths made absolute. */
function pick(raw: Fields, fields: string[], base: string): Fields {
  const out: Fields = {};
  for (const f of fields) {
    const v = raw[f];
    if (v === undefined || v === null || v === '' || v === false || (Array.isArray(v) && v.length === 0)) continue;
    out[f] = PATH_FIELDS.has(f) && typeof v === 'string' && !isAbsolute(v) ? join(base, v) : v;
  }
  return out;
}

export interface ViewOptions {
  raw: boolean;
  minify: boolean;
  /** --context: the context --minify keeps. */
  context?: string;
}

/** The merged config as `kubectl config view` shows it (fields in kubectl's order). */
export function viewObject(config: MergedKubeconfig, options: ViewOptions): Fields {
  let { clusters, users, contexts } = config;
  let current = config.currentContext;
  if (options.minify) {
    if (options.context) current = options.context;
    if (!current) throw new Error('current-context must exist in order to minify');
    const context = contexts.find((c) => c.name === current);
    if (!context) throw new Error(`cannot locate context ${current}`);
    contexts = [context];
    clusters = clusters.filter((c) => c.name === context.fields.cluster);
    users = users.filter((u) => u.name === context.fields.user);
  }
  const redact = (fields: Fields): Fields => {
    if (options.raw) return fields;
    const out = { ...fields };
    for (const f of ['certificate-authority-data', 'client-certificate-data', 'client-key-data']) if (out[f]) out[f] = 'DATA+OMITTED';
    for (const f of ['token', 'password']) if (out[f]) out[f] = 'REDACTED';
    return out;
  };
  const list = (items: Named[], key: string) => (items.length ? items.map((n) => ({ name: n.name, [key]: redact(n.fields) })) : null);
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: config.preferences,
    clusters: list(clusters, 'cluster'),
    users: list(users, 'user'),
    contexts: list(contexts, 'context'),
    'current-context': current,
  };
}

/** Where kubectl writes a change that has no file of its own: --kubeconfig, the one KUBECONFIG file, the first that exists, or the last. */
export function defaultFile(config: MergedKubeconfig, env: Readonly<Record<string, string | undefined>>): string {
  if (config.explicit) return config.files[0];
  const fromEnv = env.KUBECONFIG?.split(':').filter(Boolean) ?? [];
  if (fromEnv.length === 1) return fromEnv[0];
  if (fromEnv.length > 1) return fromEnv.find((f) => existsSync(f)) ?? fromEnv[fromEnv.length - 1];
  return join(env.HOME ?? env.USERPROFILE ?? '.', '.kube', 'config');
}

/** Edits one kubeconfig file in place, keeping its comments and layout. */
export function editFile(file: string, edit: (doc: Document) => void): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : 'apiVersion: v1\nkind: Config\n';
  const doc = parseDocument(text);
  edit(doc);
  const mode = existsSync(file) ? statSync(file).mode & 0o777 : 0o600;
  // Keep the file's own list style (kubectl writes `- name:` flush with its parent key).
  writeFileSync(file, doc.toString({ indentSeq: !/^- /m.test(text) }), { mode });
}
