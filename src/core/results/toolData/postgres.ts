// What psql (and SQL cells) emit: every statement's rows, and the figures
// runbook thresholds read.

/** One statement's result. */
export interface SqlRowsData {
  kind: 'rows';
  columns: string[];
  /** At most the first 1000 rows (`truncated` when there were more); the text has them all. */
  rows: (string | null)[][];
  /** The command tag's verb: `SELECT`, `UPDATE`. */
  command?: string;
  rowCount?: number;
  tag: string;
  truncated?: true;
}

/** Client connections (pg_stat_activity, numbackends) and the server's max_connections when known. */
export interface PostgresConnectionsData {
  kind: 'postgres-connections';
  count: number;
  maxConnections?: number;
}

/** pg_stat_replication: streaming replicas and the largest lag in bytes when it can be worked out. */
export interface PostgresReplicationData {
  kind: 'postgres-replication';
  replicas: number;
  lagBytes?: number;
}

/** pg_database_size of one database. */
export interface PostgresDatabaseSizeData {
  kind: 'postgres-database-size';
  bytes: number;
  database?: string;
}
