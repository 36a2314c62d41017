// A redis-cli command line worked out once: its options, plan and command
// traits by its words, and where it connects for a given environment. The
// engine plans a command and then runs it, and a runbook step is often run
// again (and again, under watch): the second time nothing is parsed.
// Everything kept is frozen, so no caller can change what the next one reads.

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

const lines = new Lru<string, PreparedLine>(64);
const plans = new Lru<string, ToolPlan>(64);

/** The parsed line; throws RedisUsageError as parseRedisArgs does (errors are not kept). */
export function preparedLine(argv: readonly string[]): PreparedLine {
  const key = JSON.stringify(argv);
  const known = lines.get(key);
  if (known) return known;
  const args = parseRedisArgs(argv);
  Object.freeze(args.command);
  Object.freeze(args.clusterArgs);
  return lines.set(key, Object.freeze({ args: Object.freeze(args), traits: Object.freeze(commandTraits(args.command)) }));
}

/** The plan of a line, made by `make` the first time (a plan depends on the words alone). */
export function preparedPlan(argv: readonly string[], make: () => ToolPlan): ToolPlan {
  const key = JSON.stringify(argv);
  return plans.get(key) ?? plans.set(key, Object.freeze(make()));
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
