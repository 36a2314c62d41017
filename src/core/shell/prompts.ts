// Cells pasted from a terminal: `$ cmd` and `user@host:~$ cmd` prompt lines
// are commands, and the lines after them that carry no prompt are the output
// that was pasted with them, which is not run. Lines typed at redis-cli's own
// prompt (`127.0.0.1:6379> INFO`, `redis> GET k`, or a bare `> SLOWLOG GET 10`)
// are redis-cli commands.

const SHELL_PROMPT = /^[ \t]*(?:\([^)\s]+\)[ \t]*)?(?:\[[^\]\n]+\][$#]|[\w.-]+@[\w.-]+(?::[^\s$#]*)?[ \t]?[$#]|\$)[ \t]/;

/** `host:port>`, `host:port[db]>`, `redis>`, `not connected>`. */
const REDIS_PROMPT = /^[ \t]*(?:(?:[\w.-]+|\[[0-9a-fA-F:.]+\]):\d+(?:\[\d+\])?|redis(?:\[\d+\])?|not connected)>[ \t]+(?=\S)/;

/** A bare `> ` is a redis-cli prompt only before a Redis command (in a shell, `> file` would truncate a file). */
const BARE_PROMPT = /^[ \t]*>[ \t]+(?=\S)/;
const REDIS_COMMANDS = new Set(
  (
    'ACL APPEND AUTH BGREWRITEAOF BGSAVE BITCOUNT BLPOP BRPOP CLIENT CLUSTER COMMAND CONFIG DBSIZE DEBUG DECR DECRBY DEL ' +
    'ECHO EVAL EXISTS EXPIRE EXPIREAT FLUSHALL FLUSHDB GET GETRANGE HDEL HEXISTS HGET HGETALL HINCRBY HKEYS HLEN HMGET HSET ' +
    'HVALS INCR INCRBY INFO KEYS LASTSAVE LATENCY LINDEX LLEN LPOP LPUSH LRANGE LREM LTRIM MEMORY MGET MONITOR MSET OBJECT ' +
    'PERSIST PEXPIRE PFCOUNT PING PSUBSCRIBE PTTL PUBLISH PUBSUB RENAME REPLICAOF ROLE RPOP RPUSH SADD SAVE SCAN SCARD SCRIPT ' +
    'SELECT SENTINEL SET SETEX SETNX SISMEMBER SLAVEOF SLOWLOG SMEMBERS SREM SSCAN STRLEN SUBSCRIBE TIME TTL TYPE UNLINK WAIT ' +
    'XADD XINFO XLEN XRANGE ZADD ZCARD ZCOUNT ZRANGE ZRANGEBYSCORE ZREM ZSCORE'
  ).split(' '),
);

/** `redis-cli -p 16379` with connection options only: it opens the session the prompt lines after it type into. */
const VALUE_FLAGS = new Set(['-h', '-p', '-a', '-n', '-u', '-s', '--user', '--pass', '--cacert', '--cert', '--key', '--sni']);
const BOOLEAN_FLAGS = new Set(['-c', '--tls', '--raw', '--no-raw', '--no-auth-warning', '--insecure']);

function redisOpener(command: string): string | undefined {
  const words = command.trim().split(/\s+/);
  if (words[0] !== 'redis-cli') return undefined;
  for (let i = 1; i < words.length; i++) {
    if (VALUE_FLAGS.has(words[i]!) && i + 1 < words.length) i++;
    else if (!BOOLEAN_FLAGS.has(words[i]!)) return undefined;
  }
  return command.trim();
}

export interface PromptStripped {
  /** The commands, one line for each line of the cell (dropped lines left empty). */
  text: string;
  /** Whether the cell was written with prompts. */
  hadPrompts: boolean;
}

/** The command a prompt line holds, or undefined for a line without a prompt. */
function promptedCommand(line: string): { command: string; redis: boolean } | undefined {
  const shell = SHELL_PROMPT.exec(line);
  if (shell) return { command: line.slice(shell[0].length), redis: false };
  const redis = REDIS_PROMPT.exec(line);
  if (redis) return { command: line.slice(redis[0].length), redis: true };
  const bare = BARE_PROMPT.exec(line);
  if (bare) {
    const command = line.slice(bare[0].length);
    if (REDIS_COMMANDS.has(command.split(/\s/, 1)[0]!.toUpperCase())) return { command, redis: true };
  }
  return undefined;
}

export function stripPrompts(cell: string): PromptStripped {
  const lines = cell.split('\n');
  const commands = lines.map(promptedCommand);
  if (commands.every((c) => c === undefined)) return { text: cell, hadPrompts: false };
  const out: string[] = [];
  let continuing = false;
  // The redis-cli line that opened the session the following redis prompt lines type into.
  let opener = 'redis-cli';
  const lastRedisPrompt = commands.reduce((last, c, i) => (c?.redis ? i : last), -1);
  lines.forEach((line, i) => {
    const prompted = commands[i];
    if (prompted !== undefined) {
      let command = prompted.command;
      if (prompted.redis) command = `${opener} ${command}`;
      else {
        const opens = redisOpener(command);
        opener = opens ?? 'redis-cli';
        // The opening line itself is an interactive session; its prompt lines run instead.
        if (opens && i < lastRedisPrompt) command = '';
      }
      out.push(command);
      continuing = /\\\r?$/.test(command);
    } else if (continuing) {
      out.push(line);
      continuing = /\\\r?$/.test(line);
    } else {
      out.push('');
    }
  });
  return { text: out.join('\n'), hadPrompts: true };
}
