// One curl transfer (with -L, a chain of them) over node:http / node:https:
// the request curl would send, the response as curl prints it, curl's timings,
// and curl's exit codes and messages for what goes wrong.
import { lookup } from 'node:dns/promises';
import { readFileSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP, type Socket } from 'node:net';
import { resolve as resolvePath } from 'node:path';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { requestMethod, type CurlOptions } from './args';
import { hostMappings, HostMappingError, type HostMapping } from '../../connections';
import { unresolvedHostNote } from '../../connections/unresolvedHost';
import { connectToMapping, route } from './hosts';
import type { TransferInfo } from './writeout';

export const CURL_VERSION = '7.88.1';

export class CurlError extends Error {
  info?: TransferInfo;
  /** What to do about it, for the cell's notes. */
  note?: string;
  constructor(readonly exitCode: number, message: string, readonly extra = '') {
    super(message);
  }
}

export interface TransferIO {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  signal: AbortSignal;
  /** Response headers (-i, -I) and body, in order, to wherever the output goes. */
  write(chunk: Buffer): void;
}

const TLS_MESSAGES: Record<string, string> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to get local issuer certificate',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get local issuer certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in certificate chain',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  CERT_HAS_EXPIRED: 'certificate has expired',
};
const SSL_HELP = 'More details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the web page mentioned above.\n';

export function emptyInfo(url: string, method: string): TransferInfo {
  return {
    httpCode: 0, timeNamelookup: 0, timeConnect: 0, timeAppconnect: 0, timeStarttransfer: 0, timeTotal: 0, timeRedirect: 0,
    sizeDownload: 0, sizeHeader: 0, sizeUpload: 0, urlEffective: url, method, scheme: url.split(':')[0] ?? '', httpVersion: '0',
    remoteIp: '', remotePort: 0, numRedirects: 0, exitCode: 0, errorMessage: '', headers: {},
  };
}

/** The URL as curl reads it: no scheme means http://. */
export function parseUrl(text: string): URL {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  try {
    return new URL(withScheme);
  } catch {
    throw new CurlError(3, 'URL using bad/illegal format or missing URL');
  }
}

function requestBody(o: CurlOptions, cwd: string): Buffer | undefined {
  if (!o.data.length) return undefined;
  const parts = o.data.map((d) => {
    if (d.startsWith('\0raw')) return d.slice(4);
    const binary = d.startsWith('\0bin');
    const v = binary ? d.slice(4) : d;
    if (!v.startsWith('@')) return v;
    const file = v.slice(1);
    let text: string;
    try {
      text = readFileSync(file === '-' ? 0 : resolvePath(cwd, file), 'utf8');
    } catch {
      // curl warns and sends nothing for an unreadable file
      text = '';
    }
    return binary ? text : text.replace(/[\r\n]/g, '');
  });
  return Buffer.from(parts.join('&'));
}

function headerList(o: CurlOptions, url: URL, body: Buffer | undefined): Array<[string, string]> {
  const list: Array<[string, string]> = [['Host', url.host]];
  if (o.user !== undefined) list.push(['Authorization', `Basic ${Buffer.from(o.user.includes(':') ? o.user : `${o.user}:`).toString('base64')}`]);
  list.push(['User-Agent', `curl/${CURL_VERSION}`], ['Accept', '*/*']);
  if (body) list.push(['Content-Length', String(body.length)], ['Content-Type', 'application/x-www-form-urlencoded']);
  for (const h of o.headers) {
    const m = /^([^:;]+)([:;])\s*(.*)$/.exec(h);
    if (!m) continue;
    const [, name, sep, value] = m;
    const i = list.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
    if (sep === ':' && value === '') {
      if (i >= 0) list.splice(i, 1);
      continue;
    }
    if (i >= 0) list[i] = [name, value];
    else list.push([name, value]);
  }
  return list;
}

interface Exchange {
  res: IncomingMessage;
  socket: Socket;
}

/** Runs the transfer; resolves with curl's transfer info, rejects with a CurlError (info attached). */
export async function transfer(o: CurlOptions, urlText: string, io: TransferIO): Promise<TransferInfo> {
  const started = performance.now();
  const since = () => (performance.now() - started) / 1000;
  let method = requestMethod(o);
  const info = emptyInfo(urlText, method);
  let body = requestBody(o, io.cwd);
  let received = 0;
  let expected: number | undefined;
  let phase: 'connect' | 'transfer' = 'connect';
  const fail = (code: number, message: string, extra = ''): CurlError => {
    info.timeTotal = since();
    info.exitCode = code;
    info.errorMessage = message;
    return Object.assign(new CurlError(code, message, extra), { info });
  };
  let connectTo: HostMapping[];
  try {
    connectTo = [...o.connectTo.map(connectToMapping), ...hostMappings(io.env)];
  } catch (error) {
    // curl's code for a connect-to string it cannot read.
    if (error instanceof HostMappingError) throw fail(49, error.message);
    throw error;
  }
  let ca: Buffer | undefined;
  const caFile = o.cacert ?? io.env.CURL_CA_BUNDLE;
  if (caFile && !o.insecure) {
    try {
      ca = readFileSync(resolvePath(io.cwd, caFile));
    } catch {
      throw fail(77, `error setting certificate file: ${caFile}`);
    }
  }
  // Kept-alive agents: curl sends no `Connection: close`, so neither do we (the server's answer depends on it).
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
  const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 1 });
  const timeout = new AbortController();
  const onAbort = () => timeout.abort();
  io.signal.addEventListener('abort', onAbort, { once: true });
  const limitMs = o.maxTimeSeconds ? o.maxTimeSeconds * 1000 : undefined;
  const timer = limitMs ? setTimeout(() => timeout.abort(), limitMs) : undefined;
  const timedOut = () => {
    const ms = Math.round(performance.now() - started);
    if (phase === 'connect') return fail(28, `Connection timed out after ${ms} milliseconds`);
    const of = expected !== undefined ? ` out of ${expected}` : '';
    return fail(28, `Operation timed out after ${ms} milliseconds with ${received}${of} bytes received`);
  };
  try {
    let url = parseUrl(urlText);
    for (;;) {
      info.urlEffective = url.href;
      info.scheme = url.protocol.slice(0, -1);
      info.method = method;
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw fail(1, `Protocol "${info.scheme}" not supported or disabled in libcurl`);
      const tls = url.protocol === 'https:';
      const host = url.hostname.replace(/^\[|\]$/g, '');
      const r = route(host, Number(url.port || (tls ? 443 : 80)), connectTo, o.resolve);
      let address = r.address ?? (isIP(r.host) ? r.host : undefined);
      if (!address) {
        try {
          address = (await lookup(r.host)).address;
        } catch {
          if (timeout.signal.aborted) throw io.signal.aborted ? new CurlError(130, '') : timedOut();
          throw Object.assign(fail(6, `Could not resolve host: ${r.host}`), { note: unresolvedHostNote(`${r.host}:${r.port}`, 'the URL') });
        }
      }
      info.timeNamelookup = since();
      const headers = headerList(o, url, body);
      phase = 'connect';
      const ex = await new Promise<Exchange>((resolve, reject) => {
        const options = {
          host: address, port: r.port, method, path: `${url.pathname}${url.search}`, agent: tls ? httpsAgent : httpAgent,
          headers: Object.fromEntries(headers), setHost: false, signal: timeout.signal,
          ...(tls ? {
            servername: isIP(host) ? undefined : host, ca, rejectUnauthorized: !o.insecure,
            checkServerIdentity: (_name: string, cert: PeerCertificate) => checkServerIdentity(host, cert),
          } : {}),
        };
        const req = (tls ? httpsRequest : httpRequest)(options, (res) => resolve({ res, socket: req.socket as Socket }));
        req.on('socket', (s: Socket) => {
          s.once('connect', () => {
            info.timeConnect = since();
            if (!tls) phase = 'transfer';
          });
          s.once('secureConnect', () => {
            info.timeAppconnect = since();
            phase = 'transfer';
          });
        });
        req.on('error', (e: NodeJS.ErrnoException) => {
          const ms = Math.round(performance.now() - started);
          if (timeout.signal.aborted) reject(io.signal.aborted ? new CurlError(130, '') : timedOut());
          else if (e.code === 'ECONNREFUSED' || e.code === 'EHOSTUNREACH' || e.code === 'ENETUNREACH')
            reject(fail(7, `Failed to connect to ${r.host} port ${r.port} after ${ms} ms: Couldn't connect to server`));
          else if (e.code === 'ERR_TLS_CERT_ALTNAME_INVALID')
            reject(fail(60, `SSL: no alternative certificate subject name matches target host name '${host}'`, SSL_HELP));
          else if (e.code && TLS_MESSAGES[e.code]) reject(fail(60, `SSL certificate problem: ${TLS_MESSAGES[e.code]}`, SSL_HELP));
          else if (e.code === 'ECONNRESET' && phase === 'connect' && tls) reject(fail(35, `OpenSSL SSL_connect: Connection reset by peer in connection to ${r.host}:${r.port} `));
          else if (e.code === 'ECONNRESET') reject(fail(56, 'Recv failure: Connection reset by peer'));
          else reject(fail(e.code === 'HPE_INVALID_CONSTANT' ? 1 : 56, e.message));
        });
        req.end(body);
      });
      phase = 'transfer';
      const { res } = ex;
      info.timeStarttransfer = since();
      info.httpCode = res.statusCode ?? 0;
      info.httpVersion = res.httpVersion === '1.0' ? '1' : res.httpVersion;
      info.remoteIp = ex.socket.remoteAddress ?? address;
      info.remotePort = ex.socket.remotePort ?? r.port;
      info.headers = {};
      for (let i = 0; i < res.rawHeaders.length; i += 2) info.headers[res.rawHeaders[i].toLowerCase()] = res.rawHeaders[i + 1];
      info.contentType = info.headers['content-type'];
      const cl = info.headers['content-length'];
      expected = cl !== undefined && /^\d+$/.test(cl) ? Number(cl) : undefined;
      let head = `HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage ?? ''}\r\n`;
      for (let i = 0; i < res.rawHeaders.length; i += 2) head += `${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`;
      head += '\r\n';
      info.sizeHeader += Buffer.byteLength(head);
      const location = info.headers.location;
      const redirect = o.location && location !== undefined && [301, 302, 303, 307, 308].includes(info.httpCode);
      const failed = o.fail && info.httpCode >= 400;
      if ((o.include || o.head) && !failed) io.write(Buffer.from(head));
      const keep = !redirect && !failed && method !== 'HEAD';
      // A connection reset mid-body is a receive failure (56); one closed early leaves bytes unread (18).
      let reset = false;
      const onSocketError = (e: NodeJS.ErrnoException) => (reset ||= e.code === 'ECONNRESET');
      ex.socket.on('error', onSocketError);
      const cut = () => (reset ? fail(56, 'Recv failure: Connection reset by peer') : fail(18, `transfer closed with ${(expected ?? 0) - received} bytes remaining to read`));
      await new Promise<void>((resolve, reject) => {
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (keep) io.write(chunk);
        });
        res.on('end', () => resolve());
        res.on('error', () => reject(timeout.signal.aborted ? (io.signal.aborted ? new CurlError(130, '') : timedOut()) : fail(56, 'Failure when receiving data from the peer')));
        res.on('aborted', () => reject(timeout.signal.aborted ? (io.signal.aborted ? new CurlError(130, '') : timedOut()) : cut()));
      }).finally(() => ex.socket.off('error', onSocketError));
      info.sizeDownload = received;
      if (failed) throw fail(22, `The requested URL returned error: ${info.httpCode}`);
      if (!redirect) break;
      if (info.numRedirects >= o.maxRedirs) throw fail(47, `Maximum (${o.maxRedirs}) redirects followed`);
      info.numRedirects++;
      info.timeRedirect = since();
      url = new URL(location, url);
      if (!o.method && (info.httpCode === 303 || ((info.httpCode === 301 || info.httpCode === 302) && method === 'POST'))) {
        if (method !== 'HEAD') method = 'GET';
        body = undefined;
      }
      received = 0;
    }
    info.sizeUpload = body?.length ?? 0;
    info.timeTotal = since();
    return info;
  } catch (error) {
    if (error instanceof CurlError) throw Object.assign(error, { info });
    throw error;
  } finally {
    if (timer) clearTimeout(timer);
    httpAgent.destroy();
    httpsAgent.destroy();
    io.signal.removeEventListener('abort', onAbort);
  }
}
