// PostgreSQL for the health view: one session to one database, opened as psql
// cells open theirs (PG*, pg_service.conf, the password file, RUNBOOK_HOSTS),
// polled for connections against max_connections (every row of
// pg_stat_activity, as a cell's `SELECT count(*) FROM pg_stat_activity`
// counts), streaming replicas and their lag, and the database's size.

import { destroy, openSession, PgConnectError, resolveSettings, type ConnectionSettings, type PgSession } from '../../connections/postgres';
import type { PostgresConnectionsData, PostgresReplicationData } from '../../results/toolData';
import { postgresMeasurements, storageMeasurement, type Measurement } from '../../thresholds';
import { startPoller, type HealthSource, type Unreachable } from './poller';

type Env = Readonly<Record<string, string | undefined>>;

/** The database's volume: a PVC and its capacity, from the cluster (the caller picks it, e.g. with databaseVolumes). */
export interface DatabaseVolume {
  pvc: string;
  capacityBytes: number;
}

export interface PostgresSourceOptions {
  /** The env cells use (a Session's env): PG* variables, PGSERVICE, RUNBOOK_HOSTS. */
  env: Env;
  /** A database other than the settings' own (PGDATABASE); one source per database. */
  database?: string;
  intervalMs: number;
  /** Asked at every read: the volumes that hold this database, for the storage measurement. */
  volumes?: () => readonly DatabaseVolume[];
}

export interface PostgresSnapshot {
  /** `database tiktoktoe on 127.0.0.1:5433 as postgres`. */
  database: string;
  connections: PostgresConnectionsData;
  replication: PostgresReplicationData;
  sizeBytes: number;
  /** As cells measure them: connections (% and count), replicas, replication_lag, storage (with a volume). */
  measurements: Measurement[];
}

const CONNECTIONS = `SELECT count(*), current_setting('max_connections') FROM pg_stat_activity`;
// The lag as cells work it out from pg_stat_replication: sent_lsn - replay_lsn, the largest over the replicas.
const REPLICATION = `SELECT count(*), max(pg_wal_lsn_diff(sent_lsn, replay_lsn))::bigint FROM pg_stat_replication`;
const SIZE = `SELECT pg_database_size(current_database())`;

export function startPostgresSource(options: PostgresSourceOptions): HealthSource<PostgresSnapshot> {
  let session: PgSession | undefined;
  let settings: ConnectionSettings | undefined;

  const connected = async (signal: AbortSignal): Promise<PgSession> => {
    if (session && !session.broken) return session;
    settings = resolveSettings(options.database ? { dbname: options.database } : {}, options.env);
    const opened = await openSession({ ...settings, applicationName: 'runbook-health' }, options.env, signal, () => undefined);
    session = opened;
    return opened;
  };

  const read = async (signal: AbortSignal): Promise<PostgresSnapshot> => {
    const pg = await connected(signal);
    // A statement that outlasts the read's time ends with its session.
    const abort = () => destroy(pg.client);
    signal.addEventListener('abort', abort, { once: true });
    try {
      return await readSession(pg);
    } finally {
      signal.removeEventListener('abort', abort);
    }
  };

  const readSession = async (pg: PgSession): Promise<PostgresSnapshot> => {
    const row = async (sql: string) => {
      const result = await pg.client.query({ text: sql, rowMode: 'array' });
      return result.rows[0] as (string | number | null)[];
    };
    const [count, max] = await row(CONNECTIONS);
    const [replicas, lag] = await row(REPLICATION);
    const [size] = await row(SIZE);
    const connections: PostgresConnectionsData = { kind: 'postgres-connections', count: Number(count), maxConnections: Number(max) };
    const replication: PostgresReplicationData = { kind: 'postgres-replication', replicas: Number(replicas), ...(lag !== null ? { lagBytes: Number(lag) } : {}) };
    const sizeBytes = Number(size);
    const measurements = [...postgresMeasurements(connections, pg.dbname), ...postgresMeasurements(replication, pg.dbname)];
    for (const v of options.volumes?.() ?? []) measurements.push(storageMeasurement([[pg.dbname, sizeBytes]], v.pvc, v.capacityBytes));
    const where = pg.host.startsWith('/') ? `socket ${pg.host}` : `${pg.host}:${pg.port}`;
    return { database: `database ${pg.dbname} on ${where} as ${pg.user}`, connections, replication, sizeBytes, measurements };
  };

  const close = async () => {
    const open = session;
    session = undefined;
    await open?.client.end().catch(() => undefined);
  };

  return startPoller({
    read: (signal) =>
      read(signal).catch(async (error: unknown) => {
        // A session that failed mid-read is not used again.
        await close();
        throw error;
      }),
    explain: (error) => explainPostgres(error, settings),
    close,
    intervalMs: options.intervalMs,
  });
}

/** libpq's words for the failure, and what to check. */
export function explainPostgres(error: unknown, settings: ConnectionSettings | undefined): Unreachable {
  const message = error instanceof Error ? error.message : String(error);
  const where = settings ? `${settings.hosts.join(',')}:${settings.ports.join(',')}` : 'the server';
  if (/no password supplied|password authentication failed/.test(message)) {
    return { error: message, hint: 'Check the password: set PGPASSWORD (for example in the runbook env file) or add a line for this server to ~/.pgpass.' };
  }
  if (/database ".*" does not exist/.test(message)) return { error: message, hint: 'Check the database name (PGDATABASE, or the service in pg_service.conf).' };
  if (/service file|definition of service|invalid (port|sslmode)|connection (info|option)|URI/.test(message)) {
    return { error: message, hint: 'Check the connection settings: PGSERVICE and pg_service.conf, PGPORT, PGSSLMODE, or the connection string.' };
  }
  if (error instanceof PgConnectError) {
    return { error: message, hint: `Check that PostgreSQL is running at ${where} and that PGHOST, PGPORT (or PGSERVICE) and RUNBOOK_HOSTS point at it.` };
  }
  return { error: message, hint: `The session to ${where} failed; it is opened again at the next refresh.` };
}
