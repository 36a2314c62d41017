// An HTTP endpoint a runbook's curl steps name, for the health view: the
// status and the total time of a GET, as a curl cell's `-w '%{time_total}'`
// measures it (a new connection each time, name lookup to the last byte).
// RUNBOOK_HOSTS and CURL_CA_BUNDLE hold as they do for curl cells.

import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import { hostMappings, mappedRequestOptions } from '../../connections';
import type { HttpData } from '../../results/toolData';
import { httpFinding, httpMeasurement, type Finding, type Measurement } from '../../thresholds';
import { startPoller, type HealthSource, type Unreachable } from './poller';

type Env = Readonly<Record<string, string | undefined>>;

export interface HttpSourceOptions {
  /** The env cells use: RUNBOOK_HOSTS, CURL_CA_BUNDLE. */
  env: Env;
  url: string;
  intervalMs: number;
}

export interface HttpSnapshot {
  url: string;
  data: HttpData;
  /** response_time, as a curl cell measures it. */
  measurements: Measurement[];
  /** A 5xx answer (critical, as for curl cells). */
  findings: Finding[];
}

export function startHttpSource(options: HttpSourceOptions): HealthSource<HttpSnapshot> {
  const { env, url } = options;
  const read = async (signal: AbortSignal): Promise<HttpSnapshot> => {
    const data = await fetchOnce(url, env, signal);
    const measurement = httpMeasurement(data);
    const finding = httpFinding(data);
    return { url, data, measurements: measurement ? [measurement] : [], findings: finding ? [finding] : [] };
  };
  return startPoller({ read, explain: (error) => explainHttp(error, url), close: async () => undefined, intervalMs: options.intervalMs });
}

class HttpFailure extends Error {
  constructor(message: string, readonly hint: string) {
    super(message);
  }
}

async function fetchOnce(urlText: string, env: Env, signal: AbortSignal): Promise<HttpData> {
  return (await fetchUrl(urlText, env, signal)).data;
}

/** One GET as a curl cell makes it (host mappings, CURL_CA_BUNDLE, a new connection), with what curl -w reports; `keepBody` keeps the body's text. */
export async function fetchUrl(urlText: string, env: Env, signal: AbortSignal, keepBody = false): Promise<{ data: HttpData; body: string }> {
  const url = new URL(urlText);
  const tls = url.protocol === 'https:';
  if (!tls && url.protocol !== 'http:') throw new HttpFailure(`Protocol "${url.protocol.slice(0, -1)}" not supported`, 'The health view checks http:// and https:// URLs only.');
  const caFile = env.CURL_CA_BUNDLE;
  let ca: Buffer | undefined;
  if (tls && caFile) {
    try {
      ca = readFileSync(caFile);
    } catch {
      throw new HttpFailure(`error setting certificate file: ${caFile}`, 'CURL_CA_BUNDLE names a file that cannot be read.');
    }
  }
  // A new connection for every read, as each curl run makes one.
  const target = mappedRequestOptions(url, hostMappings(env));
  const started = performance.now();
  const since = () => (performance.now() - started) / 1000;
  let connected = 0;
  const res = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = (tls ? httpsRequest : httpRequest)({ ...target, method: 'GET', agent: false, signal, ...(ca ? { ca } : {}), headers: { ...target.headers, Accept: '*/*', 'User-Agent': 'runbook-health' } }, resolve);
    req.on('socket', (socket) => socket.once('connect', () => (connected = since())));
    req.on('error', reject);
    req.end();
  });
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of res) {
    size += (chunk as Buffer).length;
    if (keepBody) chunks.push(chunk as Buffer);
  }
  return { data: { kind: 'http', status: res.statusCode ?? 0, timeTotalSeconds: since(), timeConnectSeconds: connected, sizeDownload: size, url: urlText }, body: Buffer.concat(chunks).toString('utf8') };
}

/** curl's words for a failed transfer, and what to check. */
export function explainHttp(error: unknown, urlText: string): Unreachable {
  if (error instanceof HttpFailure) return { error: error.message, hint: error.hint };
  const e = error as NodeJS.ErrnoException & { hostname?: string };
  let host = urlText;
  try {
    host = new URL(urlText).host;
  } catch {
    return { error: `URL rejected: ${urlText}`, hint: 'Check the URL in the runbook\'s curl step.' };
  }
  switch (e.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { error: `Could not resolve host: ${e.hostname ?? host}`, hint: `Check the host name, or map it to an address with RUNBOOK_HOSTS (${host}=ADDRESS:PORT).` };
    case 'ECONNREFUSED':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { error: `Failed to connect to ${host}: Couldn't connect to server`, hint: `Check that the service is up at ${host} and that RUNBOOK_HOSTS maps it where it runs.` };
    case 'ABORT_ERR':
      return { error: `Operation timed out on ${urlText}`, hint: `${host} did not answer in time.` };
  }
  if (/certificate|self.signed|CERT_/i.test(`${e.code ?? ''} ${e.message ?? ''}`)) {
    return { error: `SSL certificate problem: ${e.message}`, hint: 'Set CURL_CA_BUNDLE to the CA that signed the server\'s certificate.' };
  }
  return { error: e.message ?? String(error), hint: `The request to ${urlText} failed; it is tried again at the next refresh.` };
}
