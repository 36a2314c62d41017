// kubectl's own top-level command names (1.32), so a misspelt subcommand
// (`kubectl gte pods`) fails as kubectl fails, with cobra's "Did you mean
// this?" list, while a command kubectl has but we do not run natively
// (`kubectl auth`, `kubectl drain`) is still offered a terminal.

import { editDistance } from '../../text/editDistance';
import { goQuote } from './printers/goValues';

/** The commands cobra may suggest, in the order kubectl adds them to its root command. */
export const KUBECTL_COMMANDS: readonly string[] = [
  'create', 'expose', 'run', 'set',
  'explain', 'get', 'edit', 'delete',
  'rollout', 'scale', 'autoscale',
  'certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint',
  'describe', 'logs', 'attach', 'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events',
  'diff', 'apply', 'patch', 'replace', 'wait', 'kustomize',
  'label', 'annotate', 'completion',
  'config', 'plugin', 'version', 'api-versions', 'api-resources', 'options',
];

/** Commands kubectl runs but never suggests: `alpha` (hidden while it is empty), cobra's `help` and completion requests. */
const UNSUGGESTED = new Set(['alpha', 'help', '__complete', '__completeNoDesc']);

export function isKubectlCommand(name: string): boolean {
  return KUBECTL_COMMANDS.includes(name) || UNSUGGESTED.has(name);
}

/**
 * cobra's suggestions: every name within edit distance 2 of what was typed,
 * or starting with it, ignoring case. Go measures the distance in bytes.
 */
export function suggestionsFor(typed: string, names: readonly string[]): string[] {
  const lower = typed.toLowerCase();
  const bytes = Buffer.from(lower, 'utf8');
  return names.filter((name) => editDistance(bytes, Buffer.from(name.toLowerCase(), 'utf8')) <= 2 || name.toLowerCase().startsWith(lower));
}

/** What kubectl prints (on stderr, exit code 1) for a first word that is neither a command nor a plugin. */
export function unknownCommandMessage(typed: string): string {
  const suggestions = suggestionsFor(typed, KUBECTL_COMMANDS);
  const hint = suggestions.length ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join('')}` : '';
  return `Error: unknown command ${goQuote(typed)} for "kubectl"${hint}`;
}

/**
 * kubectl looks for a plugin before it reports an unknown command, and a
 * plugin's name must come first: `kubectl -n prod gte pods` fails on `-n`.
 */
export function flagBeforePluginMessage(flag: string): string {
  return `Error: flags cannot be placed before plugin name: ${flag}`;
}

/** cobra's answer when a command whose subcommands we know is given another word (`kubectl rollout statsu`). */
export function unknownSubcommandMessage(command: string, words: readonly string[]): string {
  return `error: unknown command ${goQuote(words.join(' '))}\nSee '${command} -h' for help and examples`;
}
