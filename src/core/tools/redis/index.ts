// redis-cli as a native tool: the same options, output and exit codes as
// redis-cli 7 for one command, over a kept-alive ioredis connection; and its
// special modes (--scan, --bigkeys, --memkeys, --latency, --stat, --cluster)
// and streams (MONITOR, SUBSCRIBE), each on a connection of its own.

import { toolPlan, unreadableLine, type ParsedCommand, type Tool, type ToolContext, type ToolPlan } from '../../engine/tool';
import { parseRedisArgs, RedisUsageError, type RedisArgs } from './args';
import { commandAction, commandTraits, type CommandTraits } from './commands';
import { commandEffect } from './effect';
import { connection, connectionKey, ConnectError, readyConnection, redisTarget, resolveSettings, type RedisConnection, type RedisSettings } from './connect';
import { formatReply, toReply, type Reply } from './format';
import { infoResults } from './info';
import { clusterHost } from './clusterManager';
import { modePlan, runMode, streams } from './modes';
import { runStreaming } from './stream';
import { sendExact } from './exact';
import { lineSecrets, registerConnectionSecret } from './secrets';
import { deletesKeys, redisDeletePreview } from './preview';
import { replyNote } from './replyNotes';

const PASSWORD_WARNING = "Warning: Using a password with '-a' or '-u' option on the command line interface may not be safe.\n";

function notNative(args: RedisArgs): string | undefined {
  if (args.unsupported.length) return `redis-cli ${args.unsupported.join(' ')} has no native runner; run it in a terminal`;
  if (args.mode) return undefined;
  if (args.command.length === 0) return 'redis-cli without a command is an interactive session; run it in a terminal';
  const name = args.command[0]!.toUpperCase();
  if (name === 'SYNC' || name === 'PSYNC') return `redis-cli ${args.command[0]} is replication; run it in a terminal`;
  return undefined;
}

/**
 * Sends one command; with -c follows MOVED and ASK redirections to the node
 * that holds the slot. A command can wait forever (BLPOP k 0, or any command
 * to a server that stopped answering), so a stop closes its connection: the
 * server forgets the waiting client, and the session's next command opens a
 * new one.
 */
async function send(ctx: ToolContext, conn: RedisConnection, s: RedisSettings, args: RedisArgs, command: readonly string[], traits: CommandTraits): Promise<Reply> {
  const rest = command.slice(1);
  for (let hops = 0; ; hops++) {
    const stop = () => conn.redis.disconnect();
    ctx.signal.addEventListener('abort', stop, { once: true });
    try {
      const value: unknown = await conn.redis.callBuffer(traits.sentName, ...rest);
      return toReply(value, traits.status);
    } catch (error) {
      if ((error as Error).name !== 'ReplyError') throw error;
      const message = (error as Error).message;
      const redirect = /^(MOVED|ASK) (\d+) (.+):(\d+)$/.exec(message);
      if (!args.cluster || !redirect || hops >= 16) return { type: 'error', value: message };
      const next = { ...s, host: redirect[3]!, port: Number(redirect[4]) };
      conn = await connection(ctx, next);
      s = next;
      if (redirect[1] === 'ASK') await conn.redis.callBuffer('ASKING');
    } finally {
      ctx.signal.removeEventListener('abort', stop);
    }
  }
}

/** What redis-cli would do with these options and this command (traits: of the command as written). */
function planFor(args: RedisArgs, traits: CommandTraits): ToolPlan {
  const reason = notNative(args);
  // An interactive session (no command) may send anything: at least a change.
  if (reason) return toolPlan({ native: false, terminal: true, effect: args.command.length ? commandEffect(args.command) : 'change', streams: streams(args), reason });
  if (args.mode) return modePlan(args);
  if (traits.streaming) return toolPlan({ native: true, terminal: false, effect: 'read', streams: true, action: commandAction(args.command) });
  return toolPlan({ native: true, terminal: false, effect: commandEffect(args.command), action: commandAction(args.command) });
}

export const redisTool: Tool = {
  names: ['redis-cli'],
  parse: parseRedisLine,
};

/** A redis-cli line read once: its options, its command's traits and what it would do. */
function parseRedisLine(argv: readonly string[]): ParsedCommand {
  let args: RedisArgs;
  try {
    args = parseRedisArgs(argv);
  } catch (error) {
    return unreadableLine((error as Error).message.trim(), (ctx) => {
      if (!(error instanceof RedisUsageError)) throw error;
      ctx.stderr.write(error.message);
      return 1;
    });
  }
  const traits = commandTraits(args.command);
  return {
    plan: planFor(args, traits),
    secrets: lineSecrets(args),
    async target(ctx) {
      try {
        return redisTarget(settingsFor(args, resolveSettings(args, ctx.env)));
      } catch {
        return undefined;
      }
    },
    preview: !notNative(args) && !args.mode && !args.stdinArg && deletesKeys(args.command) ? (ctx) => redisDeletePreview(args.command, resolveSettings(args, ctx.env), ctx) : undefined,
    run: (ctx) => run(ctx, args, traits),
  };
}

async function run(ctx: ToolContext, args: RedisArgs, written: CommandTraits): Promise<number> {
  const reason = notNative(args);
  if (reason) {
    ctx.stderr.write(`redis-cli: not run: ${reason}\n`);
    return 127;
  }
  if (args.pass !== undefined && !args.noAuthWarning) ctx.stderr.write(PASSWORD_WARNING);
  const settings = resolveSettings(args, ctx.env);
  registerConnectionSecret(ctx, settings);
  const raw = args.noRaw ? false : args.raw || !ctx.isTTY;
  const command = args.stdinArg ? [...args.command, ctx.stdin ?? ''] : args.command;
  const traits = args.stdinArg ? commandTraits(command) : written;
  if (args.mode || traits.streaming) {
    ctx.setTarget(redisTarget(settingsFor(args, settings)));
    return args.mode ? runMode(ctx, args, settings, raw) : runStreaming(ctx, settings, [...command], raw);
  }
  let reply: Reply;
  try {
    // On an open connection the command goes out now, and the target is recorded while it is in flight.
    const ready = traits.exact ? undefined : readyConnection(ctx, connectionKey(settings), settings.db);
    const sending = ready
      ? send(ctx, ready, settings, args, command, traits)
      : traits.exact
        ? sendExact(ctx, settings, command)
        : connection(ctx, settings).then((conn) => send(ctx, conn, settings, args, command, traits));
    ctx.setTarget(redisTarget(settings));
    reply = await sending;
  } catch (error) {
    if (ctx.signal.aborted) return 130;
    if (error instanceof ConnectError) {
      ctx.stderr.write(error.message + '\n');
      return 1;
    }
    ctx.stderr.write(`Error: ${(error as Error).message}\n`);
    return 1;
  }
  const note = reply.type === 'error' ? replyNote(reply.value) : undefined;
  if (note) ctx.note(note);
  if (reply.type === 'error' && args.exitOnError) {
    // With -e the error goes to stderr as the server sent it, in raw and --no-raw alike.
    ctx.stderr.write(`${reply.value}\n`);
    return 1;
  }
  const text = formatReply(reply, { raw, verbatim: traits.verbatim && reply.type !== 'error' });
  ctx.stdout.write(text);
  // INFO prints verbatim: the printed text is the reply.
  if (traits.info && reply.type === 'bulk') infoResults(ctx, text);
  return 0;
}

/** The server a command acts on; for --cluster, the node named in its arguments. */
function settingsFor(args: RedisArgs, settings: RedisSettings): RedisSettings {
  if (args.mode !== 'cluster') return settings;
  const node = clusterHost(args.clusterArgs, settings);
  return node ? { ...settings, ...node, from: args.clusterArgs.length ? undefined : settings.from } : settings;
}
