// MONITOR, SUBSCRIBE, PSUBSCRIBE and SSUBSCRIBE: every reply the server pushes,
// printed as redis-cli prints it, until the cell is stopped. Each runs on a
// connection of its own (never the session's shared one), closed on abort.

import type { ToolContext } from '../../engine/tool';
import { aborted } from './cformat';
import { connectMessage, dialAddress, type RedisSettings } from './connect';
import { formatReply, type Reply } from './format';
import { handshake } from './handshake';
import { RespStream } from './resp';

const SUBSCRIBE = new Set(['SUBSCRIBE', 'PSUBSCRIBE', 'SSUBSCRIBE']);

export async function runStreaming(ctx: ToolContext, s: RedisSettings, command: string[], raw: boolean): Promise<number> {
  let conn: RespStream;
  let opening: Promise<RespStream>;
  try {
    const address = dialAddress(s);
    opening = RespStream.open(address.host, address.port);
  } catch (error) {
    ctx.stderr.write(connectMessage(s, error) + '\n');
    return 1;
  }
  try {
    const opened = await Promise.race([opening, aborted(ctx.signal).then(() => undefined)]);
    if (!opened) {
      void opening.then((c) => c.close(), () => {});
      return 130;
    }
    conn = opened;
  } catch (error) {
    if (ctx.signal.aborted) return 130;
    ctx.stderr.write(connectMessage(s, error) + '\n');
    return 1;
  }
  const stop = () => conn.close();
  ctx.signal.addEventListener('abort', stop, { once: true });
  try {
    await handshake(conn, s, ctx);
    if (ctx.signal.aborted) return 130;
    if (SUBSCRIBE.has(command[0]!.toUpperCase()) && !raw) ctx.stdout.write('Reading messages... (press Ctrl-C to quit)\n');
    let failed: (() => void) | undefined;
    const errorReply = new Promise<void>((resolve) => (failed = resolve));
    conn.stream(command, (reply: Reply) => {
      ctx.stdout.write(formatReply(reply, { raw, verbatim: false }));
      // Like redis-cli: an error reply (NOAUTH, wrong arguments) ends the stream.
      if (reply.type === 'error') failed?.();
    });
    const ended = await Promise.race([aborted(ctx.signal).then(() => 'aborted' as const), errorReply.then(() => 'error' as const), conn.closed()]);
    if (ended === 'aborted') return 130;
    if (ended === 'error') return 0;
    ctx.stderr.write(`Error: ${ended.message}\n`);
    return 1;
  } catch (error) {
    if (ctx.signal.aborted) return 130;
    ctx.stderr.write(`Error: ${(error as Error).message}\n`);
    return 1;
  } finally {
    ctx.signal.removeEventListener('abort', stop);
    conn.close();
  }
}
