// PostgreSQL sessions as libpq opens them for psql, shared by psql cells and
// the health view: settings from the command, connection strings, the service
// file and PG* variables; TLS by sslmode; every host in turn; RUNBOOK_HOSTS.

export { destroy, openSession, pgModule, sendCancel, type PgSession } from './connect';
export { ConninfoError, CONNINFO_KEYS, isConnectionString, parseConninfo } from './conninfo';
export { PgConnectError } from './errors';
export { errorCursor, formatServerMessage, LOST_CONNECTION, type ServerMessage } from './serverMessage';
export { DEFAULT_SOCKET_DIR, describeSettings, homeDir, osUser, passwordFromFile, resolveSettings, type ConnectionRequest, type ConnectionSettings, type PassfileLookup } from './settings';
