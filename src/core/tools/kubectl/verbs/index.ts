// Every kubectl subcommand the tool knows: the ones it runs natively, and
// the ones that need a terminal. Adding a verb is one file and one line here.

import type { Verb } from './verb';
import { describe } from './describe';
import { get } from './get';
import { logs } from './logs';
import { top } from './top';
import { events } from './events';
import { wait } from './wait';
import { clusterInfo } from './clusterInfo';
import { version } from './version';
import { apiResources } from './apiResources';
import { apiVersions } from './apiVersions';
import { config } from './config';
import { scale } from './scale';
import { patch } from './patch';
import { apply } from './apply';
import { create } from './create';
import { del } from './delete';
import { label } from './label';
import { annotate } from './annotate';
import { set } from './set';
import { rollout } from './rollout';
import { edit } from './edit';

export const NATIVE_VERBS: readonly Verb[] = [get, logs, top, describe, events, wait, clusterInfo, version, apiResources, apiVersions, scale, patch, apply, create, del, label, annotate, set, rollout, edit, config];

/** Subcommands that need an interactive terminal or a local process. */
export const TERMINAL_VERBS: Readonly<Record<string, string>> = {
  exec: 'kubectl exec attaches to a process in the container; it needs a terminal',
  'port-forward': 'kubectl port-forward keeps a local port open; it needs a terminal',
  attach: 'kubectl attach needs a terminal',
  debug: 'kubectl debug starts an interactive session; it needs a terminal',
  proxy: 'kubectl proxy keeps a local server running; it needs a terminal',
  cp: 'kubectl cp streams files through tar in the container; run it in a terminal',
  run: 'kubectl run usually attaches to the new pod; run it in a terminal',
};

/** Well-known kubectl plugins (`kubectl cnpg ...`): separate programs, run in a terminal. */
export const KNOWN_PLUGINS = new Set(['cnpg', 'krew', 'ctx', 'ns', 'neat', 'tree', 'view-secret', 'who-can', 'df-pv', 'node-shell', 'rook-ceph', 'minio', 'virt', 'mc', 'oidc-login', 'slice', 'stern', 'tail', 'resource-capacity', 'rabbitmq', 'kuttl', 'hns', 'gs', 'cert-manager', 'argo', 'konfig']);

export function findVerb(name: string): Verb | undefined {
  return NATIVE_VERBS.find((v) => v.name === name || v.aliases?.includes(name));
}
