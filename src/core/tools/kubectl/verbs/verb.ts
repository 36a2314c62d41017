// One kubectl subcommand: its flags, whether it changes state or streams,
// and how it runs.

import type { Effect } from '../../../engine/tool';
import type { FlagSpec, ParsedArgs } from '../args';
import type { KubectlRun } from '../session';

export interface Verb {
  name: string;
  aliases?: string[];
  flags: readonly FlagSpec[];
  /**
   * When kubectl's command only groups subcommands (`rollout`, `set`): their
   * names and aliases. Any other word fails as kubectl fails, before the verb runs.
   */
  subcommands?: readonly string[];
  /** Usage line kubectl prints for this verb. */
  usage: string;
  /** Whether this form of the verb reads, changes or destroys (a dry run reads). */
  effect(args: ParsedArgs): Effect;
  streams?(args: ParsedArgs): boolean;
  /** Whether this form waits by design under its own `--timeout`, given on the line (then the command timeout does not apply). */
  ownTimeout?(args: ParsedArgs): boolean;
  /** Set when the verb needs an interactive terminal: why. */
  terminal?: string;
  /** Why this form of the verb does not run natively (it runs in a terminal instead); undefined when it does. */
  notNative?(args: ParsedArgs): string | undefined;
  /** `scale deployment/tiktok-toe`: what a confirmation names. */
  action?(args: ParsedArgs): string;
  /**
   * Checks that need no server (a required flag, a flag's allowed values), run
   * when the line is read: it throws kubectl's own error, so a usage error is
   * printed before any confirmation is asked for.
   */
  validate?(args: ParsedArgs): void;
  run(run: KubectlRun): Promise<number>;
}

export const reads = (): Effect => 'read';

/** Output flags shared by get-like verbs. */
export const OUTPUT_FLAGS: readonly FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'no-headers', type: 'bool' },
  { name: 'show-labels', type: 'bool' },
  { name: 'sort-by', type: 'string' },
  { name: 'label-columns', short: 'L', type: 'strings' },
  { name: 'show-kind', type: 'bool' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'template', type: 'string' },
  { name: 'allow-missing-template-keys', type: 'bool' },
  { name: 'chunk-size', type: 'int' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'raw', type: 'string' },
];
