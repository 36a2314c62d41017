// Which server, database and user a psql command connects to, resolved as
// libpq does: command-line values and connection strings first, then the
// service file (PGSERVICE), then PG* variables, then libpq's defaults; the
// password from PGPASSWORD or the password file (~/.pgpass).

import { readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { ConninfoError, CONNINFO_KEYS, isConnectionString, parseConninfo } from './conninfo';
import { PgConnectError } from './errors';

type Env = Readonly<Record<string, string | undefined>>;

export interface ConnectionRequest {
  host?: string;
  port?: string;
  user?: string;
  /** A database name or a whole connection string. */
  dbname?: string;
}

export interface ConnectionSettings {
  /** One entry per host to try: a name, an address or a Unix-socket directory. */
  hosts: string[];
  ports: string[];
  hostaddrs: (string | undefined)[];
  user: string;
  dbname: string;
  password?: string;
  passfile: string;
  sslmode: string;
  sslrootcert?: string;
  sslcert?: string;
  sslkey?: string;
  /** Seconds; 0 waits as long as the network does. */
  connectTimeout: number;
  applicationName: string;
  options?: string;
  service?: string;
}

const ENV_KEYS: Record<string, string> = {
  host: 'PGHOST', hostaddr: 'PGHOSTADDR', port: 'PGPORT', dbname: 'PGDATABASE', user: 'PGUSER',
  password: 'PGPASSWORD', passfile: 'PGPASSFILE', options: 'PGOPTIONS', application_name: 'PGAPPNAME',
  sslmode: 'PGSSLMODE', sslcert: 'PGSSLCERT', sslkey: 'PGSSLKEY', sslrootcert: 'PGSSLROOTCERT',
  connect_timeout: 'PGCONNECT_TIMEOUT', client_encoding: 'PGCLIENTENCODING', target_session_attrs: 'PGTARGETSESSIONATTRS',
};

export const DEFAULT_SOCKET_DIR = '/var/run/postgresql';

export function homeDir(env: Env): string {
  return env.HOME || userInfo().homedir;
}

export function osUser(env: Env): string {
  return env.USER || env.LOGNAME || userInfo().username;
}

export function resolveSettings(request: ConnectionRequest, env: Env): ConnectionSettings {
  const given: Record<string, string> = {};
  for (const key of ['host', 'port', 'user'] as const) if (request[key]) given[key] = request[key]!;
  try {
    if (request.dbname && isConnectionString(request.dbname)) Object.assign(given, parseConninfo(request.dbname));
    else if (request.dbname) given.dbname = request.dbname;
  } catch (error) {
    if (error instanceof ConninfoError) throw new PgConnectError(error.message, 1);
    throw error;
  }
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(given)) if (v !== '') values[k] = v;
  const service = values.service || env.PGSERVICE;
  if (service) applyService(values, service, env);
  for (const [key, name] of Object.entries(ENV_KEYS)) if (!values[key] && env[name]) values[key] = env[name]!;

  const user = values.user || osUser(env);
  const hosts = (values.host ?? '').split(',').map((h) => h || DEFAULT_SOCKET_DIR);
  const portList = (values.port ?? '').split(',').map((p) => p || '5432');
  if (portList.length !== 1 && portList.length !== hosts.length) {
    throw new PgConnectError(`could not match ${portList.length} port numbers to ${hosts.length} hosts`, 2);
  }
  for (const port of portList) {
    // libpq: a port that is not a whole number is an invalid integer; one out of range an invalid port number.
    if (!/^-?\d+$/.test(port)) throw new PgConnectError(`invalid integer value "${port}" for connection option "port"`, 2);
    if (Number(port) < 1 || Number(port) > 65535) throw new PgConnectError(`invalid port number: "${port}"`, 2);
  }
  const hostaddrs = values.hostaddr ? values.hostaddr.split(',').map((a) => a || undefined) : hosts.map(() => undefined);
  const sslmode = values.sslmode || (values.requiressl === '1' ? 'require' : 'prefer');
  if (!['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'].includes(sslmode)) {
    throw new PgConnectError(`invalid sslmode value: "${sslmode}"`, 2);
  }
  const timeout = Number.parseInt(values.connect_timeout ?? '0', 10);
  return {
    hosts,
    ports: hosts.map((_, i) => portList[portList.length === 1 ? 0 : i]),
    hostaddrs,
    user,
    dbname: values.dbname || user,
    password: values.password || undefined,
    passfile: values.passfile || join(homeDir(env), '.pgpass'),
    sslmode,
    sslrootcert: values.sslrootcert,
    sslcert: values.sslcert,
    sslkey: values.sslkey,
    connectTimeout: Number.isFinite(timeout) && timeout > 0 ? Math.max(2, timeout) : 0,
    applicationName: values.application_name || 'psql',
    options: values.options,
    service,
  };
}

/** Fills values not given yet from the service's section of pg_service.conf. */
function applyService(values: Record<string, string>, service: string, env: Env): void {
  const files = [env.PGSERVICEFILE || join(homeDir(env), '.pg_service.conf'), join(env.PGSYSCONFDIR || '/etc/postgresql-common', 'pg_service.conf')];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    let inGroup = false;
    let found = false;
    const lines = text.split('\n');
    for (let n = 0; n < lines.length; n++) {
      const line = lines[n].trim();
      if (!line || line.startsWith('#')) continue;
      if (line.startsWith('[')) {
        if (found && inGroup) break;
        inGroup = line === `[${service}]`;
        found ||= inGroup;
        continue;
      }
      if (!inGroup) continue;
      const eq = line.indexOf('=');
      const key = eq >= 0 ? line.slice(0, eq) : '';
      if (eq < 0 || key === 'service' || !CONNINFO_KEYS.has(key)) {
        throw new PgConnectError(`${eq < 0 || key !== 'service' ? `syntax error in service file "${file}", line ${n + 1}` : `nested service specifications not supported in service file "${file}", line ${n + 1}`}`, 2);
      }
      if (!values[key]) values[key] = line.slice(eq + 1);
    }
    if (found) return;
  }
  throw new PgConnectError(`definition of service "${service}" not found`, 2);
}

export interface PassfileLookup {
  password?: string;
  warning?: string;
}

/** The first matching line of the password file (`host:port:db:user:password`, `*` matches any). */
export function passwordFromFile(file: string, host: string, port: string, dbname: string, user: string): PassfileLookup {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return {};
  }
  if (!stat.isFile()) return { warning: `WARNING: password file "${file}" is not a plain file\n` };
  if (stat.mode & 0o077) {
    return { warning: `WARNING: password file "${file}" has group or world access; permissions should be u=rw (0600) or less\n` };
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  const matchHost = !host || host.startsWith('/') ? 'localhost' : host;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!line || line.startsWith('#')) continue;
    const fields: string[] = [];
    let field = '';
    for (let i = 0; i < line.length; i++) {
      if (line[i] === '\\' && i + 1 < line.length) field += line[++i];
      else if (line[i] === ':' && fields.length < 4) {
        fields.push(field);
        field = '';
      } else field += line[i];
    }
    fields.push(field);
    if (fields.length < 5) continue;
    const wanted = [matchHost, port, dbname, user];
    if (wanted.every((value, i) => fields[i] === '*' || fields[i] === value)) return { password: fields[4] };
  }
  return {};
}

/** One line for people: `database tiktoktoe on 127.0.0.1:5433 as postgres`. */
export function describeSettings(s: ConnectionSettings): { label: string; details: Record<string, string> } {
  const host = s.hosts[0];
  const port = s.ports[0];
  const where = host.startsWith('/') ? `socket ${host}/.s.PGSQL.${port}` : `${host}:${port}`;
  return {
    label: `database ${s.dbname} on ${where} as ${s.user}`,
    details: { host, port, database: s.dbname, user: s.user },
  };
}
