// One kept-alive connection to an API server, authenticated by the
// kubeconfig, for plain and streaming requests that stop on an AbortSignal.

import http from 'node:http';
import https from 'node:https';
import { goLookupServer, goNoSuchHost } from './goResolver';
import type { HostMapping } from './hosts';
import { mappedRequestOptions } from './mappedRequest';
import type { ResolvedKubeConfig } from './kubeConfig';

export interface KubeRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  accept?: string;
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
}

export interface KubeResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The request it answers (errors name what was asked). */
  request?: KubeRequest;
}

/** A failure before any HTTP status: refused, unreachable, TLS. */
export class KubeTransportError extends Error {
  /** `host:port` of a server whose name did not resolve. */
  unresolved?: string;
  /** `note`: what to do about it, for the notebook (never printed as kubectl output). */
  constructor(message: string, readonly code?: string, readonly note?: string) {
    super(message);
  }
}

/** Node's codes for a response body whose connection closed early. */
const STREAM_CUT = new Set(['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE']);

/** Whether a stream failed because its connection closed before the server ended it (the server crashed or restarted). */
export function isStreamCut(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return !(error instanceof KubeTransportError) && code !== undefined && STREAM_CUT.has(code);
}

/** Node's codes for a server certificate no configured authority signed. */
const UNKNOWN_AUTHORITY = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT']);

export const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

export class KubeConnection {
  private readonly agent: http.Agent;
  private readonly url: URL;

  /** `mappings`: where the server's host:port really connects (RUNBOOK_HOSTS); TLS still verifies the server's name. */
  /** `inspect` sees every body sent and received before anyone reads it (for the session's masker). */
  /** `maxSockets`: open requests at once; a client holding several watches open needs more than a cell does. */
  constructor(
    readonly config: ResolvedKubeConfig,
    private readonly mappings: readonly HostMapping[] = [],
    private readonly inspect: (body: string) => void = () => undefined,
    maxSockets = 8,
  ) {
    this.url = new URL(config.server);
    const options = { keepAlive: true, maxSockets };
    this.agent = this.url.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
  }

  /** host:port as kubectl names the server in errors. */
  get hostPort(): string {
    const port = this.url.port || (this.url.protocol === 'https:' ? '443' : '80');
    return `${this.url.hostname}:${port}`;
  }

  async request(req: KubeRequest): Promise<KubeResponse> {
    let text = '';
    const res = await this.open(req);
    res.setEncoding('utf8');
    for await (const chunk of res) text += chunk as string;
    this.inspect(text);
    return { status: res.statusCode ?? 0, headers: res.headers, text, request: req };
  }

  /** Streams the body chunk by chunk until it ends or `req.signal` aborts. Resolves with the status. */
  async stream(req: KubeRequest, onChunk: (text: string) => void): Promise<{ status: number; text?: string; headers?: http.IncomingHttpHeaders }> {
    const res = await this.open(req);
    res.setEncoding('utf8');
    const status = res.statusCode ?? 0;
    if (status >= 400) {
      let text = '';
      for await (const chunk of res) text += chunk as string;
      return { status, text, headers: res.headers };
    }
    // Each complete line (a watch event) is inspected before the chunk that completes it is handed on.
    let partial = '';
    try {
      for await (const chunk of res) {
        partial += chunk as string;
        const end = partial.lastIndexOf('\n');
        if (end >= 0) {
          this.inspect(partial.slice(0, end));
          partial = partial.slice(end + 1);
        }
        onChunk(chunk as string);
      }
    } catch (error) {
      if (!req.signal?.aborted) throw error;
    }
    return { status };
  }

  close(): void {
    this.agent.destroy();
  }

  private authCache?: { options: https.RequestOptions; until: number };

  /**
   * TLS material and credentials from the kubeconfig. Kept for a short while:
   * computing them builds an agent each time, and exec-plugin tokens are
   * cached by client-node itself until they expire.
   */
  private async authOptions(): Promise<https.RequestOptions> {
    const now = Date.now();
    if (this.authCache && this.authCache.until > now) return this.authCache.options;
    const options: https.RequestOptions = {};
    await this.config.kc.applyToHTTPSOptions(options);
    this.authCache = { options, until: now + 30_000 };
    return options;
  }

  private async open(req: KubeRequest): Promise<http.IncomingMessage> {
    const options = await this.authOptions();
    const url = new URL(this.url.pathname.replace(/\/$/, '') + req.path, this.url);
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    }
    const body = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    if (body !== undefined) this.inspect(body);
    // Like kubectl, credentials are sent only over TLS, never in the clear.
    const secure = url.protocol === 'https:';
    const headers: Record<string, string> = {
      ...(secure ? (options.headers as Record<string, string> | undefined) : {}),
      Accept: req.accept ?? 'application/json',
      'User-Agent': 'runbook-notebooks kubectl',
    };
    if (secure && options.auth) headers.Authorization = `Basic ${Buffer.from(options.auth).toString('base64')}`;
    if (body !== undefined) {
      headers['Content-Type'] = req.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      if (req.signal?.aborted) return reject(abortError());
      const target = mappedRequestOptions(url, this.mappings);
      const request = transport.request({
        ...target,
        method: req.method ?? 'GET',
        headers: { ...target.headers, ...headers },
        agent: this.agent,
        ca: options.ca,
        cert: options.cert,
        key: options.key,
        rejectUnauthorized: options.rejectUnauthorized,
        signal: req.signal,
      });
      request.on('response', resolve);
      request.on('error', (error: NodeJS.ErrnoException) => {
        if (req.signal?.aborted) reject(abortError());
        // A kept-alive socket the server closed while idle (it restarted): a read is sent again (each stale socket fails once, a new one is not reused), as Go's client does.
        else if (request.reusedSocket && error.code === 'ECONNRESET' && (req.method ?? 'GET') === 'GET') resolve(this.open(req));
        else reject(this.transportError(error));
      });
      if (body !== undefined) request.write(body);
      request.end();
    });
  }

  private transportError(error: NodeJS.ErrnoException): KubeTransportError {
    if (error.code === 'ECONNREFUSED') {
      return new KubeTransportError(`The connection to the server ${this.hostPort} was refused - did you specify the right host or port?`, error.code);
    }
    if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') {
      const unresolved = new KubeTransportError(`Unable to connect to the server: dial tcp: ${goNoSuchHost(this.url.hostname, goLookupServer())}`, error.code);
      return Object.assign(unresolved, { unresolved: this.hostPort });
    }
    if (error.code === 'ETIMEDOUT' || error.code === 'EHOSTUNREACH' || error.code === 'ENETUNREACH') {
      return new KubeTransportError(`Unable to connect to the server: dial tcp ${this.hostPort}: ${error.code === 'ETIMEDOUT' ? 'i/o timeout' : 'connect: no route to host'}`, error.code);
    }
    if (error.code && UNKNOWN_AUTHORITY.has(error.code)) {
      return new KubeTransportError(
        'Unable to connect to the server: tls: failed to verify certificate: x509: certificate signed by unknown authority',
        error.code,
        "The server's certificate is not signed by the CA the kubeconfig trusts: check the cluster's certificate-authority (or certificate-authority-data) against the server's CA.",
      );
    }
    return new KubeTransportError(`Unable to connect to the server: ${error.message}`, error.code);
  }
}

export function abortError(): Error {
  const error = new Error('The operation was aborted');
  error.name = 'AbortError';
  return error;
}
