// What to do about the error replies an on-call engineer meets when Redis is
// in trouble: a note beside redis-cli's own output, never in it.

const NOTES: Array<[RegExp, string]> = [
  [
    /^OOM /,
    "Redis is at its maxmemory and its policy (maxmemory-policy, e.g. noeviction) refuses writes; reads still work. Free memory (UNLINK big or stale keys, set TTLs), choose an evicting policy, or raise the limit: CONFIG SET maxmemory <bytes>. INFO memory shows used_memory against maxmemory.",
  ],
  [
    /^CLUSTERDOWN /,
    'The cluster cannot serve some hash slots: a primary is down and no replica has taken over yet (or it has none). CLUSTER NODES shows which nodes are marked fail; once a replica is promoted, or the node is back, the next command works.',
  ],
  [
    /^(NOAUTH|WRONGPASS) /,
    'The server wants a password: give it with -a, --user/--pass, a redis:// URL with credentials, or REDISCLI_AUTH.',
  ],
];

/** The note for an error reply, if it is one of those. */
export function replyNote(message: string): string | undefined {
  return NOTES.find(([pattern]) => pattern.test(message))?.[1];
}
