// The objects `-f` names: YAML or JSON files, directories (their .yaml, .yml
// and .json files; with -R, their subdirectories too) and `-` for standard
// input (a here-document in the cell). Multi-document YAML and `kind: List`
// give several objects. YAML is read with kubectl's YAML 1.1 rules.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments, type Tags } from 'yaml';
import { flagBool, flagList, flagString } from './args';
import type { ResourceType } from './discovery';
import type { KubeObject } from './printers/objects';
import { KubectlError, type KubectlRun } from './session';

export interface Manifest {
  /** The file as the user named it (`STDIN` for `-`), for messages. */
  source: string;
  object: KubeObject;
}

const EXTENSIONS = ['.json', '.yaml', '.yml'];
const NO_FILES_CREATE = 'error: must specify one of -f and -k';

/** Every object of every `-f`, in order; kubectl's errors for missing paths and unreadable files. */
export function readManifests(run: KubectlRun, verb: string): Manifest[] {
  const files = flagList(run.args, 'filename');
  if (files.length === 0) throw new KubectlError(verb === 'create' ? NO_FILES_CREATE : 'error: must specify one of -f and -k');
  const recursive = flagBool(run.args, 'recursive');
  const manifests: Manifest[] = [];
  for (const name of files) {
    if (name === '-') {
      manifests.push(...parseManifests(run.ctx.stdin ?? '', 'STDIN'));
      continue;
    }
    if (/^https?:\/\//.test(name)) throw new KubectlError(`error: reading ${name} over the network is not supported here; download it and apply the file`);
    const path = resolve(run.ctx.cwd, name);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw new KubectlError(`error: the path "${name}" does not exist`);
    }
    if (!isDirectory) {
      manifests.push(...parseManifests(readFileSync(path, 'utf8'), name));
      continue;
    }
    const found = walk(path, name, recursive);
    if (found.length === 0) throw new KubectlError(`error: error reading [${name}]: recognized file extensions are [${EXTENSIONS.join(' ')}]`);
    for (const file of found) manifests.push(...parseManifests(readFileSync(file.path, 'utf8'), file.shown));
  }
  return manifests;
}

function walk(dir: string, shown: string, recursive: boolean): { path: string; shown: string }[] {
  const out: { path: string; shown: string }[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const child = join(shown, entry.name);
    if (entry.isDirectory()) {
      if (recursive) out.push(...walk(path, child, true));
    } else if (EXTENSIONS.some((ext) => entry.name.endsWith(ext))) out.push({ path, shown: child });
  }
  return out;
}

/** kubectl reads YAML 1.1 (yes/no are booleans) but keeps timestamps as strings. */
const yamlTags = (tags: Tags): Tags => tags.filter((t) => typeof t !== 'object' || !(t.tag.endsWith(':timestamp') || t.format === 'TIME'));

export class YamlSyntaxError extends Error {}

/** The values of a YAML stream, one a document; YamlSyntaxError with a go-yaml-like message. */
export function parseYamlDocuments(text: string): unknown[] {
  return parseAllDocuments(text, { version: '1.1', customTags: yamlTags, uniqueKeys: false }).map((doc) => {
    if (doc.errors.length) {
      const error = doc.errors[0];
      const line = error.linePos?.[0]?.line;
      throw new YamlSyntaxError(`error converting YAML to JSON: yaml: ${line ? `line ${line}: ` : ''}${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`);
    }
    return doc.toJS({ maxAliasCount: 1000 }) as unknown;
  });
}

export function parseManifests(text: string, source: string): Manifest[] {
  const manifests: Manifest[] = [];
  let values: unknown[];
  try {
    values = parseYamlDocuments(text);
  } catch (error) {
    if (error instanceof YamlSyntaxError) throw new KubectlError(`error: error parsing ${source}: ${error.message}`);
    throw error;
  }
  for (const value of values) {
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) throw new KubectlError(`error: error validating "${source}": error validating data: invalid object; if you choose to ignore these errors, turn validation off with --validate=false`);
    const object = value as KubeObject;
    if (!object.apiVersion) throw new KubectlError(`error: error validating "${source}": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false`);
    if (!object.kind) throw new KubectlError(`error: error validating "${source}": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false`);
    if (object.kind === 'List' || (object.kind.endsWith('List') && Array.isArray(object.items))) {
      for (const item of (object.items as KubeObject[] | undefined) ?? []) manifests.push({ source, object: item });
    } else manifests.push({ source, object });
  }
  return manifests;
}

/** The resource type of a manifest's apiVersion and kind, or kubectl's "no matches" error. */
export async function manifestType(run: KubectlRun, manifest: Manifest): Promise<ResourceType> {
  const { apiVersion = '', kind = '' } = manifest.object;
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const catalog = await run.catalog();
  const sameKind = catalog.types.filter((t) => t.kind === kind && t.group === group);
  const exact = sameKind.find((t) => t.version === version);
  if (exact) return exact;
  if (sameKind.length) return { ...sameKind[0], version };
  const name = manifest.object.metadata?.name ?? '';
  const namespace = manifest.object.metadata?.namespace ?? '';
  throw new KubectlError(
    `error: resource mapping not found for name: "${name}" namespace: "${namespace}" from "${manifest.source}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`,
  );
}

/** The namespace an object goes to: its own, or the command's; kubectl's error when they disagree. */
export function manifestNamespace(type: ResourceType, object: KubeObject, defaultNamespace: string, explicit: boolean): string {
  if (!type.namespaced) return '';
  const own = object.metadata?.namespace;
  if (own && explicit && own !== defaultNamespace) {
    throw new KubectlError(`error: the namespace from the provided object "${own}" does not match the namespace "${defaultNamespace}". You must pass '--namespace=${own}' to perform this operation.`);
  }
  return own || defaultNamespace;
}

export interface PlannedManifest {
  manifest: Manifest;
  type: ResourceType;
  namespace: string;
}

/** Every object of -f with its type and namespace, all checked before anything is sent (as kubectl does). */
export async function planManifests(run: KubectlRun, verb: string): Promise<PlannedManifest[]> {
  const manifests = readManifests(run, verb);
  if (manifests.length === 0) throw new KubectlError(`error: no objects passed to ${verb}`);
  await run.setTarget();
  const namespace = await run.namespace();
  const explicit = flagString(run.args, 'namespace') !== undefined;
  const planned: PlannedManifest[] = [];
  for (const manifest of manifests) {
    const type = await manifestType(run, manifest);
    planned.push({ manifest, type, namespace: manifestNamespace(type, manifest.object, namespace, explicit) });
  }
  return planned;
}
