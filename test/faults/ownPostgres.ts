// A PostgreSQL primary and replica of a fault test's own (never the shared
// sandbox's): the sandbox's servers in a temporary directory, with the
// connection settings psql reads, and one stop() that removes everything.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type PostgresCluster } from '../sandbox/postgres';
import { SCENARIOS } from '../sandbox/scenario';

export interface OwnPostgres {
  cluster: PostgresCluster;
  /** PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGREPLICA_PORT, and a HOME of its own (no ~/.pgpass, no ~/.psqlrc). */
  env: Record<string, string | undefined>;
  stop(): Promise<void>;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-faults-pg-'));
  chmodSync(dir, 0o755); // the postgres user must reach its data directory
  let cluster: PostgresCluster;
  try {
    cluster = await startPostgres({ dir, scenario: SCENARIOS.normal });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const env = {
    ...process.env,
    HOME: dir,
    PGHOST: cluster.host,
    PGPORT: String(cluster.port),
    PGUSER: cluster.user,
    PGPASSWORD: cluster.password,
    PGDATABASE: cluster.database,
    PGREPLICA_PORT: String(cluster.replicaPort),
    PGOPTIONS: undefined,
    PGSERVICE: undefined,
  };
  return {
    cluster,
    env,
    async stop() {
      try {
        await cluster.stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
