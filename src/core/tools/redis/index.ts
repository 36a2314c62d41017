// redis-cli as a native tool: the same options, output and exit codes as
// redis-cli 7 for one command, over a kept-alive ioredis connection; and its
// special modes (--scan, --bigkeys, --memkeys, --latency, --stat, --cluster)
// and streams (MONITOR, SUBSCRIBE), each on a connection of its own.

import type { Tool, ToolContext, ToolPlan } from '../../engine/tool';
import { parseRedisArgs, RedisUsageError, type RedisArgs } from './args';
import { commandAction, isReadOnly, isStatusCommand, isStreaming, isVerbatim } from './commands';
import { connection, ConnectError, redisTarget, resolveSettings, type RedisConnection, type RedisSettings } from './connect';
import { formatReply, toReply, type Reply } from './format';
import { infoResults } from './info';
import { clusterHost } from './clusterManager';
import { modePlan, runMode, streams } from './modes';
import { runStreaming } from './stream';
import { needsExactTypes, sendExact } from './exact';

const PASSWORD_WARNING = "Warning: Using a password with '-a' or '-u' option on the command line interface may not be safe.\n";

function notNative(args: RedisArgs): string | undefined {
  if (args.unsupported.length) return `redis-cli ${args.unsupported.join(' ')} has no native runner; run it in a terminal`;
  if (args.mode) return undefined;
  if (args.command.length === 0) return 'redis-cli without a command is an interactive session; run it in a terminal';
  const name = args.command[0]!.toUpperCase();
  if (name === 'SYNC' || name === 'PSYNC') return `redis-cli ${args.command[0]} is replication; run it in a terminal`;
  return undefined;
}

/** ioredis reshapes some replies by lowercase command name (HGETALL into an object); the upper case keeps them as sent. */
const RESHAPED = new Set(['hgetall', 'vsim', 'mset', 'msetnx', 'hset', 'hmset']);
const commandName = (name: string) => (RESHAPED.has(name.toLowerCase()) ? name.toUpperCase() : name);

/** Sends one command; with -c follows MOVED and ASK redirections to the node that holds the slot. */
async function send(ctx: ToolContext, conn: RedisConnection, s: RedisSettings, args: RedisArgs, command: string[]): Promise<Reply> {
  const [name, ...rest] = command;
  for (let hops = 0; ; hops++) {
    try {
      const value: unknown = await conn.redis.callBuffer(commandName(name!), ...rest);
      return toReply(value, isStatusCommand(command));
    } catch (error) {
      if ((error as Error).name !== 'ReplyError') throw error;
      const message = (error as Error).message;
      const redirect = /^(MOVED|ASK) (\d+) (.+):(\d+)$/.exec(message);
      if (!args.cluster || !redirect || hops >= 16) return { type: 'error', value: message };
      const next = { ...s, host: redirect[3]!, port: Number(redirect[4]) };
      conn = await connection(ctx, next);
      s = next;
      if (redirect[1] === 'ASK') await conn.redis.callBuffer('ASKING');
    }
  }
}

export const redisTool: Tool = {
  names: ['redis-cli'],

  plan(argv): ToolPlan {
    let args: RedisArgs;
    try {
      args = parseRedisArgs(argv);
    } catch (error) {
      return { native: true, terminal: false, mutates: false, reason: (error as Error).message.trim() };
    }
    const reason = notNative(args);
    if (reason) return { native: false, terminal: true, mutates: !args.command.length || !isReadOnly(args.command), streams: streams(args), reason };
    if (args.mode) return modePlan(args);
    if (isStreaming(args.command)) return { native: true, terminal: false, mutates: false, streams: true, action: commandAction(args.command) };
    return { native: true, terminal: false, mutates: !isReadOnly(args.command), action: commandAction(args.command) };
  },

  async target(argv, ctx) {
    try {
      return redisTarget(settingsFor(parseRedisArgs(argv), ctx.env));
    } catch {
      return undefined;
    }
  },

  async run(argv, ctx): Promise<number> {
    let args: RedisArgs;
    try {
      args = parseRedisArgs(argv);
    } catch (error) {
      if (!(error instanceof RedisUsageError)) throw error;
      ctx.stderr.write(error.message);
      return 1;
    }
    const reason = notNative(args);
    if (reason) {
      ctx.stderr.write(`redis-cli: not run: ${reason}\n`);
      return 127;
    }
    if (args.pass !== undefined && !args.noAuthWarning) ctx.stderr.write(PASSWORD_WARNING);
    const settings = resolveSettings(args, ctx.env);
    ctx.setTarget(redisTarget(settingsFor(args, ctx.env)));
    const raw = args.noRaw ? false : args.raw || !ctx.isTTY;
    if (args.mode) return runMode(ctx, args, settings, raw);
    const command = args.stdinArg ? [...args.command, ctx.stdin ?? ''] : [...args.command];
    if (isStreaming(command)) return runStreaming(ctx, settings, command, raw);
    let reply: Reply;
    try {
      if (needsExactTypes(command)) reply = await sendExact(ctx, settings, command);
      else reply = await send(ctx, await connection(ctx, settings), settings, args, command);
    } catch (error) {
      if (ctx.signal.aborted) return 130;
      if (error instanceof ConnectError) {
        ctx.stderr.write(error.message + '\n');
        return 1;
      }
      ctx.stderr.write(`Error: ${(error as Error).message}\n`);
      return 1;
    }
    if (reply.type === 'error' && args.exitOnError) {
      // With -e the error goes to stderr, without the blank line that follows it on stdout.
      ctx.stderr.write(raw ? `${reply.value}\n` : `(error) ${reply.value}\n`);
      return 1;
    }
    ctx.stdout.write(formatReply(reply, { raw, verbatim: isVerbatim(command) && reply.type !== 'error' }));
    if (command[0]!.toUpperCase() === 'INFO' && reply.type === 'bulk') infoResults(ctx, reply.value.toString('utf8'));
    return 0;
  },
};

/** The server a command acts on; for --cluster, the node named in its arguments. */
function settingsFor(args: RedisArgs, env: Readonly<Record<string, string | undefined>>): RedisSettings {
  const settings = resolveSettings(args, env);
  if (args.mode !== 'cluster') return settings;
  const node = clusterHost(args.clusterArgs, settings);
  return node ? { ...settings, ...node, from: args.clusterArgs.length ? undefined : settings.from } : settings;
}
