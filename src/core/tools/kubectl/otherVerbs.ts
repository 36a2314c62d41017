// What kubectl's commands without a native runner do, for `runbook plan`,
// confirmations and read-only runs: a few only read; delete and drain
// destroy; every other one, and any plugin, is taken to change state.

import type { Effect } from '../../engine/tool';

/** Commands that only read (`kubectl explain`, `kubectl diff`), or only open a local port (`port-forward`). */
const READ_VERBS = new Set(['explain', 'diff', 'kustomize', 'completion', 'options', 'port-forward', 'proxy']);

/** `kubectl auth` subcommands that only ask the server. */
const READ_AUTH = new Set(['can-i', 'whoami']);

/** Commands that delete objects or take capacity away. */
const DESTRUCTIVE_VERBS = new Set(['delete', 'drain']);

/** `sub`: the word after the verb (`can-i` in `kubectl auth can-i`), when there is one. */
export function otherVerbEffect(verb: string, sub: string | undefined): Effect {
  if (DESTRUCTIVE_VERBS.has(verb)) return 'destructive';
  if (READ_VERBS.has(verb)) return 'read';
  if (verb === 'auth') return READ_AUTH.has(sub ?? '') ? 'read' : 'change';
  if (verb === 'plugin') return sub === 'list' ? 'read' : 'change';
  return 'change';
}
