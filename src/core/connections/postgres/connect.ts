// Opens a PostgreSQL session over pg the way libpq does for psql: every
// host and address in turn, the sslmode's TLS rules, the password from the
// settings or the password file, and libpq's words when all attempts fail.

import { lookup } from 'node:dns/promises';
import { connect as netConnect, isIP } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Client, ClientConfig } from 'pg';
import { loadClient } from '../../clients/load';
import { hostMappings, HostMappingError, routeTo, type HostMapping } from '../hosts';
import { PgConnectError } from './errors';
import { formatServerMessage, LOST_CONNECTION, type ServerMessage } from './serverMessage';
import { passwordFromFile, type ConnectionSettings } from './settings';
import { TlsSetupError, tlsFailure, tlsOptions } from './tls';

type PgModule = { Client: typeof Client };
type Env = Readonly<Record<string, string | undefined>>;

export function pgModule(): PgModule {
  return loadClient<PgModule>('pg', 'pg');
}

/** A connected session and what psql's \conninfo reports about it. */
export interface PgSession {
  client: Client;
  host: string;
  /** The address used for a TCP connection. */
  hostaddr?: string;
  port: string;
  /** The port the TCP connection uses: `port`, unless a host mapping (RUNBOOK_HOSTS) sends the name elsewhere. */
  dialPort: string;
  dbname: string;
  user: string;
  ssl?: { protocol: string; cipher: string; bits: string };
  broken: boolean;
  /** Called with each NOTICE/WARNING the server sends. */
  onNotice?: (notice: ServerMessage) => void;
}

const NO_PASSWORD = 'fe_sendauth: no password supplied';

class AttemptError extends Error {
  /** A failed attempt on the same address before this one (sslmode prefer/allow retries). */
  earlier?: AttemptError;

  /**
   * `server`: the server refused (FATAL). `retryable`: it failed during the
   * TLS handshake or authentication, where libpq tries sslmode prefer/allow's
   * other way.
   */
  constructor(message: string, readonly server: boolean, public retryable = server) {
    super(message);
  }
}

const SOCKET_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'Connection refused',
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  ETIMEDOUT: 'Connection timed out',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  ECONNRESET: 'Connection reset by peer',
};

const GAI_ERRORS: Record<string, string> = {
  ENOTFOUND: 'Name or service not known',
  EAI_AGAIN: 'Temporary failure in name resolution',
  ENODATA: 'No address associated with hostname',
  EAI_FAIL: 'Non-recoverable failure in name resolution',
};

/** Connects or throws a PgConnectError with libpq's text and exit code 2 (130 when cancelled). */
export async function openSession(
  settings: ConnectionSettings,
  env: Env,
  signal: AbortSignal,
  warn: (text: string) => void,
  passfilePassword: (password: string) => void = () => undefined,
): Promise<PgSession> {
  let messages = '';
  let passfileUsed = false;
  const fail = () => new PgConnectError(messages.trimEnd(), 2);
  const mappings = mappingsOf(env);
  for (let i = 0; i < settings.hosts.length; i++) {
    const host = settings.hosts[i];
    const port = settings.ports[i];
    let password = settings.password;
    passfileUsed = false;
    if (password === undefined) {
      const found = passwordFromFile(settings.passfile, host, port, settings.dbname, settings.user);
      if (found.warning) warn(found.warning);
      password = found.password;
      passfileUsed = password !== undefined;
      if (password !== undefined) passfilePassword(password);
    }
    const socket = host.startsWith('/');
    const hostaddr = settings.hostaddrs[i];
    // A mapped name dials the mapped address and port; messages, the password file and TLS keep the name.
    const dial = socket || hostaddr ? { host, port: Number(port) } : routeTo(mappings, host, Number(port));
    const dialPort = String(dial.port);
    let addresses: (string | undefined)[] = [hostaddr];
    if (!socket && !hostaddr) {
      if (isIP(dial.host)) addresses = [dial.host];
      else {
        try {
          addresses = (await lookup(dial.host, { all: true })).map((a) => a.address);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? '';
          messages += `could not translate host name "${dial.host}" to address: ${GAI_ERRORS[code] ?? code}\n`;
          continue;
        }
      }
    }
    for (const address of addresses) {
      if (signal.aborted) throw new PgConnectError('cancelled', 130);
      const where = socket
        ? `connection to server on socket "${host}/.s.PGSQL.${port}" failed: `
        : hostaddr
          ? `connection to server at "${hostaddr}", port ${port} failed: `
          : `connection to server at "${host}"${address && address !== host ? ` (${address})` : ''}, port ${port} failed: `;
      try {
        return await attemptWithSsl(settings, env, { host, address, port, dialPort, password }, signal);
      } catch (error) {
        if (!(error instanceof AttemptError)) throw error;
        const chain: AttemptError[] = [];
        for (let e: AttemptError | undefined = error; e; e = e.earlier) chain.unshift(e);
        for (const e of chain) {
          messages += where + e.message + '\n';
          if (passfileUsed && /password authentication failed/.test(e.message)) messages += `password retrieved from file "${settings.passfile}"\n`;
        }
        if (error.server) throw fail();
      }
    }
  }
  throw fail();
}

/** RUNBOOK_HOSTS, or a PgConnectError for a malformed value. */
function mappingsOf(env: Env): HostMapping[] {
  try {
    return hostMappings(env);
  } catch (error) {
    if (error instanceof HostMappingError) throw new PgConnectError(error.message, 2);
    throw error;
  }
}

/** Servers that answered an SSL request with "no": sslmode=prefer goes straight to plain there. */
const PLAIN_ONLY = new Set<string>();

interface Endpoint {
  host: string;
  address?: string;
  port: string;
  dialPort: string;
  password?: string;
}

async function attemptWithSsl(settings: ConnectionSettings, env: Env, ep: Endpoint, signal: AbortSignal): Promise<PgSession> {
  const mode = ep.host.startsWith('/') ? 'disable' : settings.sslmode;
  let ssl: ClientConfig['ssl'];
  try {
    ssl = mode === 'disable' ? false : tlsOptions(settings, env, ep.host);
  } catch (error) {
    if (error instanceof TlsSetupError) throw new AttemptError(error.message, false);
    throw error;
  }
  if (mode === 'disable') return attempt(settings, ep, false, signal);
  if (mode === 'allow') {
    try {
      return await attempt(settings, ep, false, signal);
    } catch (error) {
      if (!(error instanceof AttemptError) || !error.retryable) throw error;
      return retry(error, () => attempt(settings, ep, ssl, signal));
    }
  }
  const server = `${ep.address ?? ep.host}:${ep.dialPort}`;
  if (mode === 'prefer' && PLAIN_ONLY.has(server)) return attempt(settings, ep, false, signal);
  try {
    return await attempt(settings, ep, ssl, signal);
  } catch (error) {
    const unsupported = error instanceof AttemptError && error.message === 'The server does not support SSL connections';
    if (unsupported && mode === 'prefer') {
      PLAIN_ONLY.add(server);
      return attempt(settings, ep, false, signal);
    }
    if (unsupported) throw new AttemptError('server does not support SSL, but SSL was required', false);
    if (mode === 'prefer' && error instanceof AttemptError && error.retryable) return retry(error, () => attempt(settings, ep, false, signal));
    throw error;
  }
}

/** libpq's second try for sslmode prefer/allow: on failure, both attempts are reported. */
async function retry(first: AttemptError, again: () => Promise<PgSession>): Promise<PgSession> {
  try {
    return await again();
  } catch (error) {
    if (error instanceof AttemptError) error.earlier = first;
    throw error;
  }
}

function attempt(settings: ConnectionSettings, ep: Endpoint, ssl: ClientConfig['ssl'], signal: AbortSignal): Promise<PgSession> {
  const { Client: PgClient } = pgModule();
  const client = new PgClient({
    host: ep.address ?? ep.host,
    port: Number(ep.dialPort),
    user: settings.user,
    database: settings.dbname,
    password: async () => {
      if (ep.password === undefined) throw new AttemptError(NO_PASSWORD, false);
      return ep.password;
    },
    ssl,
    application_name: settings.applicationName,
    options: settings.options,
    client_encoding: 'UTF8',
    sslnegotiation: 'postgres',
    connectionTimeoutMillis: settings.connectTimeout * 1000,
    keepAlive: true,
  } as ClientConfig);
  const session: PgSession = { client, host: ep.host, hostaddr: ep.address, port: ep.port, dialPort: ep.dialPort, dbname: settings.dbname, user: settings.user, broken: false };
  client.on('error', () => void (session.broken = true));
  client.on('end', () => void (session.broken = true));
  client.on('notice', (notice) => session.onNotice?.(notice as unknown as ServerMessage));
  let authenticated = false;
  (client as unknown as { connection: { once(event: string, listener: () => void): void } }).connection.once('authenticationOk', () => void (authenticated = true));
  const stop = () => destroy(client);
  signal.addEventListener('abort', stop, { once: true });
  return client
    .connect()
    .then(() => {
      const stream = (client as unknown as { connection: { stream: Partial<TLSSocket> } }).connection.stream;
      if (typeof stream.getCipher === 'function') {
        const cipher = stream.getCipher();
        session.ssl = { protocol: stream.getProtocol?.() ?? 'unknown', cipher: cipher.name, bits: /CHACHA20|256/.test(cipher.name) ? '256' : /128/.test(cipher.name) ? '128' : 'unknown' };
      }
      return session;
    })
    .catch((error: unknown) => {
      destroy(client);
      if (signal.aborted) throw new PgConnectError('cancelled', 130);
      const failure = toAttemptError(error);
      if (authenticated) failure.retryable = false;
      throw failure;
    })
    .finally(() => signal.removeEventListener('abort', stop));
}

function toAttemptError(error: unknown): AttemptError {
  if (error instanceof AttemptError) return error;
  const err = error as Partial<ServerMessage> & NodeJS.ErrnoException;
  if (err.severity) return new AttemptError(formatServerMessage(err as ServerMessage, undefined, true).trimEnd(), true);
  const socketText = err.code ? SOCKET_ERRORS[err.code] : undefined;
  if (socketText) {
    const hint = (err as { address?: string }).address?.startsWith('/') || err.code === 'ENOENT' || err.code === 'EACCES'
      ? 'Is the server running locally and accepting connections on that socket?'
      : 'Is the server running on that host and accepting TCP/IP connections?';
    return new AttemptError(`${socketText}\n\t${hint}`, false);
  }
  const tls = tlsFailure(err);
  if (tls) return new AttemptError(tls, false, true);
  if (/timeout/i.test(err.message ?? '')) return new AttemptError('timeout expired', false);
  if (/terminated unexpectedly/.test(err.message ?? '')) return new AttemptError(LOST_CONNECTION.trimEnd(), false, true);
  return new AttemptError(err.message ?? String(error), false);
}

export function destroy(client: Client): void {
  (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
}

/** Sends a CancelRequest for the session's running statement, as psql does on Ctrl-C. */
export function sendCancel(session: PgSession): Promise<void> {
  const { processID, secretKey } = session.client as unknown as { processID: number; secretKey: number };
  return new Promise((done) => {
    const socket = session.host.startsWith('/')
      ? netConnect(`${session.host}/.s.PGSQL.${session.port}`)
      : netConnect(Number(session.dialPort), session.hostaddr ?? session.host);
    const timer = setTimeout(() => socket.destroy(), 1000);
    socket.on('connect', () => {
      const packet = Buffer.alloc(16);
      packet.writeInt32BE(16, 0);
      packet.writeInt32BE(80877102, 4);
      packet.writeInt32BE(processID, 8);
      packet.writeInt32BE(secretKey, 12);
      socket.end(packet);
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      clearTimeout(timer);
      done();
    });
  });
}
