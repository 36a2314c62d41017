// What redis-cli commands do: which only read, which answer with a status
// line rather than a bulk string, which redis-cli prints verbatim.

/** The commands and subcommands (`CONFIG|GET`) that only read; every other one is taken to change state. */
export const READ_ONLY: ReadonlySet<string> = new Set(
  (
    'GET MGET STRLEN GETRANGE SUBSTR EXISTS TYPE TTL PTTL EXPIRETIME PEXPIRETIME KEYS SCAN DBSIZE INFO PING ECHO TIME LASTSAVE ' +
    'LRANGE LLEN LINDEX LPOS HGET HMGET HGETALL HKEYS HVALS HLEN HEXISTS HSTRLEN HSCAN HRANDFIELD ' +
    'SMEMBERS SISMEMBER SMISMEMBER SCARD SRANDMEMBER SSCAN SINTER SUNION SDIFF SINTERCARD ' +
    'ZRANGE ZREVRANGE ZRANGEBYSCORE ZREVRANGEBYSCORE ZRANGEBYLEX ZREVRANGEBYLEX ZSCORE ZMSCORE ZRANK ZREVRANK ZCARD ZCOUNT ' +
    'ZLEXCOUNT ZSCAN ZRANDMEMBER ZINTER ZUNION ZDIFF ZINTERCARD XRANGE XREVRANGE XLEN XREAD XPENDING XINFO PFCOUNT ' +
    'GETBIT BITCOUNT BITPOS GEOPOS GEODIST GEOHASH GEORADIUS_RO GEORADIUSBYMEMBER_RO GEOSEARCH OBJECT DUMP RANDOMKEY TOUCH ' +
    'ROLE LOLWUT COMMAND AUTH SELECT READONLY READWRITE HELLO LCS SORT_RO EVAL_RO EVALSHA_RO FCALL_RO PUBSUB ' +
    'CONFIG|GET SLOWLOG|GET SLOWLOG|LEN SLOWLOG|HELP LATENCY|LATEST LATENCY|HISTORY LATENCY|DOCTOR LATENCY|GRAPH LATENCY|HISTOGRAM ' +
    'CLIENT|LIST CLIENT|INFO CLIENT|GETNAME CLIENT|ID MEMORY|USAGE MEMORY|STATS MEMORY|DOCTOR MEMORY|MALLOC-STATS ' +
    'CLUSTER|INFO CLUSTER|NODES CLUSTER|SLOTS CLUSTER|SHARDS CLUSTER|KEYSLOT CLUSTER|COUNTKEYSINSLOT CLUSTER|GETKEYSINSLOT ' +
    'CLUSTER|MYID CLUSTER|MYSHARDID CLUSTER|LINKS CLUSTER|REPLICAS ACL|WHOAMI ACL|LIST ACL|USERS ACL|GETUSER ACL|CAT ACL|LOG ' +
    'MODULE|LIST FUNCTION|LIST FUNCTION|DUMP FUNCTION|STATS SCRIPT|EXISTS ' +
    'SENTINEL|MASTERS SENTINEL|MASTER SENTINEL|REPLICAS SENTINEL|SLAVES SENTINEL|SENTINELS SENTINEL|GET-MASTER-ADDR-BY-NAME SENTINEL|CKQUORUM SENTINEL|MYID'
  ).split(' '),
);

/** Commands whose string replies are status lines (`OK`, `PONG`, `string`). */
const STATUS = new Set(
  (
    'SET MSET SETEX PSETEX RENAME HMSET LSET LTRIM FLUSHALL FLUSHDB SELECT AUTH SAVE BGSAVE BGREWRITEAOF SHUTDOWN TYPE ' +
    'WATCH UNWATCH MULTI DISCARD RESTORE MIGRATE PFMERGE SWAPDB READONLY READWRITE RESET QUIT ASKING REPLICAOF SLAVEOF ' +
    'CONFIG SLOWLOG CLIENT CLUSTER SCRIPT FUNCTION DEBUG MEMORY ACL MODULE XGROUP XSETID FAILOVER'
  ).split(' '),
);

/** Replies redis-cli prints as they are, even on a terminal. */
const VERBATIM = new Set(['INFO', 'LOLWUT', 'CLUSTER|INFO', 'CLUSTER|NODES', 'CLIENT|LIST', 'CLIENT|INFO', 'MEMORY|STATS', 'MEMORY|DOCTOR', 'MEMORY|MALLOC-STATS', 'LATENCY|GRAPH', 'LATENCY|DOCTOR', 'DEBUG|HTSTATS', 'DEBUG|HTSTATS-KEY', 'DEBUG|LISTPACK', 'DEBUG|QUICKLIST-PACKED-THRESHOLD']);

const STREAMING = new Set(['MONITOR', 'SUBSCRIBE', 'PSUBSCRIBE', 'SSUBSCRIBE', 'SYNC', 'PSYNC']);

function names(command: readonly string[]): [string, string] {
  const name = (command[0] ?? '').toUpperCase();
  return [name, command.length > 1 ? `${name}|${command[1]!.toUpperCase()}` : name];
}

export function isReadOnly(command: readonly string[]): boolean {
  const [name, sub] = names(command);
  if (name === 'SET' && command.length > 3) return false;
  return READ_ONLY.has(name) || READ_ONLY.has(sub);
}

export function isStatusCommand(command: readonly string[]): boolean {
  const [name] = names(command);
  if (name === 'SET') return !command.slice(3).some((a) => a.toUpperCase() === 'GET');
  if (name === 'PING') return command.length === 1;
  if (name === 'CONFIG' || name === 'CLUSTER' || name === 'CLIENT' || name === 'MEMORY' || name === 'ACL' || name === 'FUNCTION') {
    return !isReadOnly(command) || names(command)[1] === 'CLIENT|GETNAME';
  }
  return STATUS.has(name);
}

export function isVerbatim(command: readonly string[]): boolean {
  const [name, sub] = names(command);
  return VERBATIM.has(name) || VERBATIM.has(sub);
}

export function isStreaming(command: readonly string[]): boolean {
  return STREAMING.has(names(command)[0]);
}

export function isClusterCommand(command: readonly string[]): boolean {
  return names(command)[0] === 'CLUSTER';
}

/** What running a command involves, worked out once per command. */
export interface CommandTraits {
  /** Sent with ioredis's name for it (HGETALL upper-cased, so ioredis does not reshape the reply). */
  sentName: string;
  status: boolean;
  verbatim: boolean;
  streaming: boolean;
  /** COMMAND and its kin: over a connection that keeps the reply's types. */
  exact: boolean;
  info: boolean;
}

/** ioredis reshapes some replies by lowercase command name (HGETALL into an object); the upper case keeps them as sent. */
const RESHAPED = new Set(['hgetall', 'vsim', 'mset', 'msetnx', 'hset', 'hmset']);

export function commandTraits(command: readonly string[]): CommandTraits {
  const [name] = names(command);
  const first = command[0] ?? '';
  return {
    sentName: RESHAPED.has(first.toLowerCase()) ? first.toUpperCase() : first,
    status: isStatusCommand(command),
    verbatim: isVerbatim(command),
    streaming: isStreaming(command),
    exact: name === 'COMMAND',
    info: name === 'INFO',
  };
}

/** `set session:1`, `config set maxmemory`, `flushall`: the verb and its object for confirmations. */
export function commandAction(command: readonly string[]): string {
  const name = (command[0] ?? '').toUpperCase();
  const hasSub = ['CONFIG', 'CLUSTER', 'CLIENT', 'SLOWLOG', 'ACL', 'MEMORY', 'SCRIPT', 'FUNCTION', 'LATENCY', 'OBJECT', 'XGROUP', 'MODULE', 'DEBUG'].includes(name);
  const verbs = hasSub && command.length > 1 ? 2 : 1;
  const words = [...command.slice(0, verbs).map((w) => w.toLowerCase()), ...command.slice(verbs, verbs + 1)];
  return words.join(' ') || 'redis-cli';
}
