// A proxy that stands in front of one server and breaks on request, so a test
// can show what a cell does when the network or the server misbehaves, without
// touching the server itself. It listens on a random loopback port. Plain HTTP
// is read request by request (faults can match a path); anything else — TLS —
// passes through as TCP, where each connection counts as one request.
//
// Faults, set per test and cleared with clear():
//   refuse()             close the listener: connections are refused until accept()
//   resetAfter(n)        forward, then cut the connection after n bytes of the answer
//                        (with { hold: true }: stop there, and cut when the test calls cut())
//   delay(ms)            wait before forwarding (Stop and timeouts meet a stuck request)
//   answer(status, ...)  answer itself (500, 503 + Retry-After, an S3 SlowDown body)
// Each of the last three takes { times, path }: only the next `times` requests
// (default: every one), only requests whose path matches.

import { request as httpRequest, createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface FaultScope {
  /** How many requests the fault applies to (default: all until clear()). */
  times?: number;
  /** Only requests whose path (with query) matches; TLS connections have no path and never match. */
  path?: string | RegExp;
}

export interface CannedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** How a cut connection ends: `rst` resets it (ECONNRESET), `fin` closes it early. */
export type CutKind = 'rst' | 'fin';

export interface CutOptions {
  how?: CutKind;
  /**
   * Stop after the bytes and cut only on cut(). A reset that follows data at
   * once can reach a client in the same read as the data, and Node's sockets
   * then report an orderly end; cut once the client has shown it read the bytes.
   */
  hold?: boolean;
}

type Action =
  | { kind: 'reset'; bytes: number; how: CutKind; hold: boolean }
  | { kind: 'delay'; ms: number }
  | { kind: 'answer'; answer: CannedAnswer };

interface Rule extends FaultScope {
  action: Action;
}

export interface SeenRequest {
  method: string;
  path: string;
  /** The fault that met it, if any. */
  fault?: Action['kind'];
  /** Whether it reached the server (not when answered by the proxy, or when the client left during a delay). */
  forwarded: boolean;
}

export interface FaultProxy {
  readonly port: number;
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** Every request (HTTP) or connection (TLS, path `tcp`) that reached the proxy, in order. */
  readonly seen: SeenRequest[];
  /** The next request to arrive (to act while it is held, rather than after a guessed time). */
  nextRequest(): Promise<SeenRequest>;
  refuse(): Promise<void>;
  accept(): Promise<void>;
  resetAfter(bytes: number, scope?: FaultScope & CutOptions): void;
  /** Cuts the connections held by resetAfter(n, { hold: true }), and from now on each one as it reaches its bytes. */
  cut(): void;
  delay(ms: number, scope?: FaultScope): void;
  answer(status: number, answer?: Omit<CannedAnswer, 'status'>, scope?: FaultScope): void;
  /** Removes every fault (and accepts connections again); `seen` starts over. */
  clear(): Promise<void>;
  close(): Promise<void>;
}

/** An S3 error document as S3 sends it (`SlowDown`, `InternalError`). */
export function s3ErrorXml(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>FAULTPROXY</RequestId></Error>`;
}

const TLS_HANDSHAKE = 0x16;

export async function startFaultProxy(target: { host?: string; port: number }): Promise<FaultProxy> {
  const upstreamHost = target.host ?? '127.0.0.1';
  let rules: Rule[] = [];
  const seen: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let waiting: Array<(request: SeenRequest) => void> = [];
  let held: Array<() => void> = [];
  /** cut() was called: held connections end as soon as they reach their bytes. */
  let released = false;

  /** Ends `socket` as the cut says: now, or when cut() is (or was) called. */
  function cutSocket(socket: Socket, cut: { how: CutKind; hold: boolean }): void {
    if (cut.hold && !released) held.push(() => endSocket(socket, cut.how));
    else endSocket(socket, cut.how);
  }

  function arrived(request: SeenRequest): SeenRequest {
    seen.push(request);
    const wake = waiting;
    waiting = [];
    for (const w of wake) w(request);
    return request;
  }

  /** The first rule that applies to this request, used up by one. */
  function take(path: string | undefined): Action | undefined {
    const rule = rules.find((r) => (r.times ?? 1) > 0 && matches(r.path, path));
    if (!rule) return undefined;
    if (rule.times !== undefined) rule.times--;
    return rule.action;
  }

  function later(ms: number, fn: () => void): void {
    const t = setTimeout(() => (timers.delete(t), fn()), ms);
    timers.add(t);
  }

  const http = createHttpServer((req, res) => {
    const action = take(req.url ?? '/');
    const request = arrived({ method: req.method ?? 'GET', path: req.url ?? '/', fault: action?.kind, forwarded: false });
    if (action?.kind === 'answer') return void drain(req, () => sendAnswer(res, action.answer));
    const go = () => forward(req, res, request, action?.kind === 'reset' ? action : undefined);
    if (action?.kind === 'delay') later(action.ms, go);
    else go();
  });
  http.keepAliveTimeout = 5000;

  function forward(req: IncomingMessage, res: ServerResponse, request: SeenRequest, cut: { bytes: number; how: CutKind; hold: boolean } | undefined): void {
    if (req.socket.destroyed) return;
    request.forwarded = true;
    const up = httpRequest({ host: upstreamHost, port: target.port, method: req.method, path: req.url, headers: req.headers, agent: false }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
      if (!cut) return void answer.pipe(res);
      let left = cut.bytes;
      answer.on('data', (chunk: Buffer) => {
        if (left <= 0) return;
        res.write(chunk.subarray(0, left));
        left -= chunk.length;
        if (left <= 0) {
          // The rest of the answer is dropped; the bytes written so far leave before the connection goes.
          res.socket?.write('', () => cutSocket(req.socket, cut));
        }
      });
      answer.on('end', () => left > 0 && res.end());
    });
    up.on('error', () => endSocket(req.socket, 'rst'));
    req.pipe(up);
    req.socket.once('close', () => up.destroy());
  }

  function tunnel(client: Socket, first: Buffer): void {
    const action = take(undefined);
    const request = arrived({ method: 'CONNECT', path: 'tcp', fault: action?.kind, forwarded: false });
    const open = () => {
      if (client.destroyed) return;
      request.forwarded = true;
      const server = connect(target.port, upstreamHost);
      sockets.add(server);
      // A cut connection ends as the cut says, not when the server is done.
      const cutting = action?.kind === 'reset';
      server.on('close', () => (sockets.delete(server), cutting || client.destroy()));
      server.on('error', () => endSocket(client, 'rst'));
      client.on('close', () => server.destroy());
      server.write(first);
      client.pipe(server);
      if (action?.kind !== 'reset') return void server.pipe(client);
      let left = action.bytes;
      server.on('data', (chunk: Buffer) => {
        if (left <= 0) return;
        const last = chunk.length >= left;
        client.write(chunk.subarray(0, left), () => last && cutSocket(client, action));
        left -= chunk.length;
        if (last) server.destroy();
      });
    };
    // A TLS client expects an answer in TLS; a canned HTTP answer cannot be one, so it becomes a reset.
    if (action?.kind === 'answer') return endSocket(client, 'rst');
    if (action?.kind === 'delay') later(action.ms, open);
    else open();
  }

  const listener: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.once('data', (first: Buffer) => {
      socket.pause();
      if (first[0] === TLS_HANDSHAKE) return tunnel(socket, first);
      socket.unshift(first);
      http.emit('connection', socket);
      socket.resume();
    });
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(port, '127.0.0.1', () => (listener.off('error', reject), resolve()));
    });
  await listen(0);
  const port = (listener.address() as { port: number }).port;

  const refuse = async () => {
    if (!listener.listening) return;
    const closed = new Promise<void>((resolve) => listener.close(() => resolve()));
    for (const s of sockets) s.destroy();
    await closed;
  };
  const accept = async () => {
    if (!listener.listening) await listen(port);
  };
  const add = (action: Action, scope: FaultScope = {}) => rules.push({ times: scope.times, path: scope.path, action });

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    seen,
    nextRequest: () => new Promise((resolve) => waiting.push(resolve)),
    refuse,
    accept,
    resetAfter: (bytes, scope = {}) => add({ kind: 'reset', bytes, how: scope.how ?? 'rst', hold: scope.hold ?? false }, scope),
    cut() {
      released = true;
      for (const end of held.splice(0)) end();
    },
    delay: (ms, scope) => add({ kind: 'delay', ms }, scope),
    answer: (status, answer = {}, scope) => add({ kind: 'answer', answer: { status, ...answer } }, scope),
    async clear() {
      rules = [];
      for (const end of held.splice(0)) end();
      released = false;
      seen.length = 0;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await accept();
    },
    async close() {
      rules = [];
      for (const t of timers) clearTimeout(t);
      await refuse();
      http.close();
    },
  };
}

function matches(pattern: string | RegExp | undefined, path: string | undefined): boolean {
  if (pattern === undefined) return true;
  if (path === undefined) return false;
  return typeof pattern === 'string' ? path.startsWith(pattern) : pattern.test(path);
}

function drain(req: IncomingMessage, then: () => void): void {
  req.resume();
  req.on('end', then);
}

function sendAnswer(res: ServerResponse, answer: CannedAnswer): void {
  const body = answer.body ?? '';
  res.writeHead(answer.status, { 'content-length': String(Buffer.byteLength(body)), ...answer.headers });
  res.end(body);
}

function endSocket(socket: Socket, how: CutKind): void {
  if (socket.destroyed) return;
  if (how === 'rst') socket.resetAndDestroy();
  else socket.destroy();
}
