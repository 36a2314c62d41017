// The secrets kubectl handles, for the session's masker: a --token on the
// line, the credentials of kubeconfig users (token, password, client key, auth-provider tokens) and
// the values of every Kubernetes Secret that comes back from the API server
// or goes to it (each `data` value decoded and as sent, each `stringData`
// value), registered before anything made from them is printed.

import { readFileSync } from 'node:fs';
import type { CommandSecret } from '../../engine/tool';
import type { Masker } from '../../secrets';
import { flagString, type ParsedArgs } from './args';

type Fields = Record<string, unknown>;

const SECRET_KIND = 'k8s-secret';
/** Credential fields of a kubeconfig user, as the file spells them and as client-node names them. */
const VALUE_FIELDS = ['token', 'password', 'client-key-data', 'keyData'];
const FILE_FIELDS = ['client-key', 'keyFile', 'tokenFile'];
const PROVIDER_SECRETS = /token|secret|password/i;

/** A bearer token given on the line (`--token`). */
export function lineSecrets(args: ParsedArgs): CommandSecret[] {
  const token = flagString(args, 'token');
  return token ? [{ value: token, kind: 'token' }] : [];
}

/** The credentials of every user in a kubeconfig (file fields or client-node's `User`). */
export function registerKubeconfigUsers(masker: Masker, users: readonly object[]): void {
  for (const user of users as Fields[]) {
    for (const field of VALUE_FIELDS) {
      const value = user[field];
      if (typeof value !== 'string') continue;
      masker.add(value, 'kubeconfig');
      if (field.endsWith('data') || field.endsWith('Data')) masker.add(Buffer.from(value, 'base64').toString('utf8'), 'kubeconfig');
    }
    for (const field of FILE_FIELDS) {
      const file = user[field];
      if (typeof file === 'string') masker.add(readOrEmpty(file).trim(), 'kubeconfig');
    }
    const provider = (user['auth-provider'] ?? user.authProvider) as { config?: Fields } | undefined;
    for (const [name, value] of Object.entries(provider?.config ?? {})) {
      if (typeof value === 'string' && PROVIDER_SECRETS.test(name)) masker.add(value, 'kubeconfig');
    }
  }
}

/**
 * The values of every Secret in an API body (an object, a List, a Table
 * with objects, or newline-separated watch events). Bodies that cannot hold
 * a Secret are not parsed.
 */
export function registerSecretsInBody(masker: Masker, body: string): void {
  if (!body.includes('Secret')) return;
  for (const document of jsonDocuments(body)) visit(masker, document);
}

function jsonDocuments(body: string): unknown[] {
  try {
    return [JSON.parse(body)];
  } catch {
    const documents: unknown[] = [];
    for (const line of body.split('\n')) {
      try {
        if (line.trim()) documents.push(JSON.parse(line));
      } catch {
        // Not JSON (a YAML manifest is sent as JSON; anything else holds no Secret we can read).
      }
    }
    return documents;
  }
}

function visit(masker: Masker, value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) visit(masker, item);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const object = value as Fields;
  if (object.kind === 'Secret') registerSecret(masker, object);
  for (const child of Object.values(object)) if (child && typeof child === 'object') visit(masker, child);
}

function registerSecret(masker: Masker, secret: Fields): void {
  for (const encoded of stringValues(secret.data)) {
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    masker.add(decoded, SECRET_KIND);
    // The masker knows a value's canonical base64; a value sent otherwise (line breaks, no padding) is added as it is.
    if (Buffer.from(decoded, 'utf8').toString('base64') !== encoded) masker.add(encoded, SECRET_KIND);
  }
  for (const value of stringValues(secret.stringData)) masker.add(value, SECRET_KIND);
}

function stringValues(map: unknown): string[] {
  if (!map || typeof map !== 'object') return [];
  return Object.values(map as Fields).filter((v): v is string => typeof v === 'string');
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
