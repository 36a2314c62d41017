// A bare RESP2 connection for redis-cli's streaming modes (MONITOR,
// SUBSCRIBE): every reply exactly as the server sent it, in order, whether or
// not a command asked for it. One socket per stream, destroyed on abort.

import { connect, type Socket } from 'node:net';
import type { Reply } from './format';

/** A byte stream that is not RESP (an HTTP proxy answering, say): the connection cannot go on. */
export class ProtocolError extends Error {}

/** Parses as many complete replies as `buf` holds from `pos`; returns them and where the rest starts. */
export function parseReplies(buf: Buffer, pos = 0): { replies: Reply[]; rest: number } {
  const replies: Reply[] = [];
  for (;;) {
    const r = parseOne(buf, pos);
    if (!r) return { replies, rest: pos };
    replies.push(r.reply);
    pos = r.next;
  }
}

function parseOne(buf: Buffer, pos: number): { reply: Reply; next: number } | undefined {
  if (pos >= buf.length) return undefined;
  const eol = buf.indexOf('\r\n', pos);
  if (eol < 0) return undefined;
  const type = String.fromCharCode(buf[pos]!);
  const line = buf.toString('utf8', pos + 1, eol);
  const next = eol + 2;
  switch (type) {
    case '+': return { reply: { type: 'status', value: line }, next };
    case '-': return { reply: { type: 'error', value: line }, next };
    case ':': return { reply: { type: 'int', value: line }, next };
    case '$': {
      const len = Number(line);
      if (len < 0) return { reply: { type: 'nil' }, next };
      if (buf.length < next + len + 2) return undefined;
      return { reply: { type: 'bulk', value: Buffer.from(buf.subarray(next, next + len)) }, next: next + len + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { reply: { type: 'nil' }, next };
      const items: Reply[] = [];
      let at = next;
      for (let i = 0; i < count; i++) {
        const item = parseOne(buf, at);
        if (!item) return undefined;
        items.push(item.reply);
        at = item.next;
      }
      return { reply: { type: 'array', items }, next: at };
    }
    default:
      throw new ProtocolError(`Protocol error, got ${JSON.stringify(type)} as reply type byte`);
  }
}

export function encodeCommand(args: readonly (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const a of args) {
    const b = typeof a === 'string' ? Buffer.from(a, 'utf8') : a;
    parts.push(Buffer.from(`$${b.length}\r\n`), b, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

export class RespStream {
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: ((r: Reply) => void)[] = [];
  private onPush?: (r: Reply) => void;
  private closedWith?: Error;
  private closeWaiters: ((e: Error) => void)[] = [];

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      let parsed: { replies: Reply[]; rest: number };
      try {
        parsed = parseReplies(this.buffer);
      } catch (error) {
        socket.destroy(error as Error);
        return;
      }
      const { replies, rest } = parsed;
      this.buffer = this.buffer.subarray(rest);
      for (const r of replies) {
        const waiter = this.waiting.shift();
        if (waiter) waiter(r);
        else this.onPush?.(r);
      }
    });
    const closed = (e: Error) => {
      if (this.closedWith) return;
      this.closedWith = e;
      for (const w of this.closeWaiters.splice(0)) w(e);
    };
    socket.on('error', closed);
    socket.on('close', () => closed(new Error('Server closed the connection')));
  }

  /** Connects; rejects with the socket error (its `code` tells refused from unknown host). */
  static open(host: string, port: number, timeoutMs = 10_000): Promise<RespStream> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => socket.destroy(Object.assign(new Error('Connection timed out'), { code: 'ETIMEDOUT' })), timeoutMs);
      socket.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new RespStream(socket));
      });
    });
  }

  /** Sends a command and waits for its reply. */
  command(args: readonly (string | Buffer)[]): Promise<Reply> {
    return new Promise((resolve, reject) => {
      if (this.closedWith) return reject(this.closedWith);
      this.waiting.push(resolve);
      this.closeWaiters.push(reject);
      this.socket.write(encodeCommand(args));
    });
  }

  /** Sends a command whose replies (and everything after) go to `onReply`. */
  stream(args: readonly (string | Buffer)[], onReply: (r: Reply) => void): void {
    this.onPush = onReply;
    this.socket.write(encodeCommand(args));
  }

  /** Resolves when the connection ends (server closed it or a socket error). */
  closed(): Promise<Error> {
    if (this.closedWith) return Promise.resolve(this.closedWith);
    return new Promise((resolve) => this.closeWaiters.push(resolve));
  }

  close(): void {
    this.socket.destroy();
  }
}
