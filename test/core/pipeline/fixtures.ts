// Sample texts a runbook pipes into filters: kubectl tables, logs, redis INFO, JSON.

export const PODS = `NAME                       READY   STATUS             RESTARTS       AGE
api-7d9f8b6c5-x2k4p        1/1     Running            0              3d2h
api-7d9f8b6c5-z9q8w        1/1     Running            2 (5h ago)     3d2h
worker-5c6d7e8f9-abcde     0/1     CrashLoopBackOff   14 (2m ago)    1h
redis-0                    1/1     Running            0              12d
postgres-0                 1/1     Running            1              12d
batch-job-28391-xk2z       0/1     Completed          0              45m
`;

export const NODES = `NAME           STATUS   ROLES           AGE   VERSION
control-1      Ready    control-plane   40d   v1.32.1
worker-1       Ready    <none>          40d   v1.32.1
worker-2       NotReady <none>          12d   v1.31.4
`;

export const LOG = `2024-05-01T10:00:01Z INFO  api request served in 12ms path=/health
2024-05-01T10:00:02Z ERROR db connection refused host=postgres-0 took 3012ms
2024-05-01T10:00:02Z WARN  slow query took 850ms table=orders
2024-05-01T10:00:03Z INFO  api request served in 9ms path=/orders
2024-05-01T10:00:04Z ERROR timeout calling redis-0 after 5000ms
2024-05-01T10:00:05Z INFO  cache hit ratio 0.93
2024-05-01T10:00:06Z WARN  retrying job batch-job-28391 attempt=2
2024-05-01T10:00:07Z ERROR db connection refused host=postgres-0 took 3001ms
2024-05-01T10:00:08Z info  lowercase level line
`;

/** redis-cli INFO output uses CRLF line endings. */
export const REDIS_INFO = [
  '# Server',
  'redis_version:7.2.4',
  'uptime_in_seconds:86400',
  '',
  '# Clients',
  'connected_clients:42',
  'blocked_clients:0',
  '',
  '# Stats',
  'keyspace_hits:123',
  'keyspace_misses:45',
  'evicted_keys:0',
  'used_memory_human:1.5G',
  '',
].join('\r\n');

export const REDIS_LF = REDIS_INFO.replaceAll('\r\n', '\n');

export const PODS_JSON = JSON.stringify(
  {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      { metadata: { name: 'api-7d9f8b6c5-x2k4p', labels: { app: 'api', tier: 'web' } }, status: { phase: 'Running', restarts: 0 } },
      { metadata: { name: 'worker-5c6d7e8f9-abcde', labels: { app: 'worker' } }, status: { phase: 'Failed', restarts: 14 } },
      { metadata: { name: 'batch-job-28391-xk2z', labels: { app: 'batch' } }, status: { phase: 'Succeeded', restarts: 0 } },
    ],
    nums: [1, 2.5, 3, 1e3, 0.1],
    text: ['  padded  ', '', 'tab\there', 'ünïcode ✓'],
  },
  null,
  2,
) + '\n';

export const UNICODE = 'naïve café\n日本語 テキスト\nemoji 😀 ok\nstraße ÉCOLE\n';

export const NO_FINAL_NEWLINE = 'alpha 1\nbeta 2\ngamma 3';

export const CRLF_CSV = 'name,cpu,mem\r\napi,250,512\r\nworker,1200,2048\r\n';

export const CSV = 'name,cpu,mem\napi,250,512\nworker,1200,2048\nredis,75.5,128\n';

export const NUMBERS = '10\n9\n100\n-3\n2.5\n1e3\n007\n\n  7\nabc\n-0\n';

export const SIZES = '1.5G\n200M\n3K\n512\n1T\n0\n-2K\n';

export const VERSIONS = 'v1.32.1\nv1.9.0\nv1.31.10\nv1.31.4\nv1.10.0\n';

export const REPEATS = 'Running\nRunning\nPending\nRunning\nrunning\nFailed\nFailed\n';

export const SEQ = Array.from({ length: 25 }, (_, i) => `${i + 1}`).join('\n') + '\n';
