// Commands whose replies nest status strings in arrays (COMMAND's flags print
// as `readonly`, not `"readonly"`): ioredis cannot tell those from bulk
// strings, so they go over a short-lived RESP connection that keeps the types.

import type { ToolContext } from '../../engine/tool';
import { ConnectError, connectMessage, dialAddress, type RedisSettings } from './connect';
import type { Reply } from './format';
import { handshake } from './handshake';
import { RespStream } from './resp';

export async function sendExact(ctx: Pick<ToolContext, 'stderr' | 'signal'>, s: RedisSettings, command: readonly string[]): Promise<Reply> {
  let conn: RespStream;
  try {
    const address = dialAddress(s);
    conn = await RespStream.open(address.host, address.port);
  } catch (error) {
    throw new ConnectError(connectMessage(s, error));
  }
  const stop = () => conn.close();
  ctx.signal.addEventListener('abort', stop, { once: true });
  try {
    await handshake(conn, s, ctx);
    return await conn.command(command);
  } finally {
    ctx.signal.removeEventListener('abort', stop);
    conn.close();
  }
}
