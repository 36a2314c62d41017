// A redis-cli command line worked out once: its options, plan and command
// traits by its words, and where it connects for a given environment. The
// engine plans a command and then runs it, and a runbook step is often run
// again (and again, under watch): the second time nothing is parsed.
// Everything kept is frozen, so no caller can change what the next one reads.
// A frozen argv (the engine's, re-run) is its own key; other arrays are keyed
// by their words.

import type { ToolPlan } from '../../engine/tool';
import { Lru } from '../../util/lru';
import { parseRedisArgs, type RedisArgs } from './args';
import { commandTraits, type CommandTraits } from './commands';
import { connectionKey, resolveSettings, type RedisSettings } from './connect';

type Env = Readonly<Record<string, string | undefined>>;

export interface PreparedLine {
  args: RedisArgs;
  /** Of the command as written (a -x command gets stdin appended and its own traits). */
  traits: CommandTraits;
}

interface Kept<V> {
  byArray: WeakMap<readonly string[], V>;
  byWords: Lru<string, V>;
}

const keep = <V>(): Kept<V> => ({ byArray: new WeakMap(), byWords: new Lru(64) });
const lines = keep<PreparedLine>();
const plans = keep<ToolPlan>();

/** What `make` made for these words, made now the first time; `make` returns it frozen. */
function kept<V>(store: Kept<V>, argv: readonly string[], make: () => V): V {
  const frozen = Object.isFrozen(argv);
  const same = frozen ? store.byArray.get(argv) : undefined;
  if (same) return same;
  const key = JSON.stringify(argv);
  const value = store.byWords.get(key) ?? store.byWords.set(key, make());
  if (frozen) store.byArray.set(argv, value);
  return value;
}

/** The parsed line; throws RedisUsageError as parseRedisArgs does (errors are not kept). */
export function preparedLine(argv: readonly string[]): PreparedLine {
  return kept(lines, argv, () => {
    const args = parseRedisArgs(argv);
    Object.freeze(args.command);
    Object.freeze(args.clusterArgs);
    return Object.freeze({ args: Object.freeze(args), traits: Object.freeze(commandTraits(args.command)) });
  });
}

/** The plan of a line, made by `make` the first time (a plan depends on the words alone). */
export function preparedPlan(argv: readonly string[], make: () => ToolPlan): ToolPlan {
  return kept(plans, argv, () => Object.freeze(make()));
}

/** Where a line connects in `env`, and its connection's key; the same objects while the environment stays the same. */
export function preparedSettings(args: RedisArgs, env: Env): { settings: RedisSettings; key: string } {
  const known = settingsByArgs.get(args);
  if (known?.env === env) return known.value;
  const settings = Object.freeze(resolveSettings(args, env));
  const value = { settings, key: connectionKey(settings) };
  settingsByArgs.set(args, { env, value });
  return value;
}

const settingsByArgs = new WeakMap<RedisArgs, { env: Env; value: { settings: RedisSettings; key: string } }>();
