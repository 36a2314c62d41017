// What redis-cli sends on a new connection before the command: AUTH when a
// password is set, SELECT for a database other than 0. Failures are printed
// as redis-cli prints them, and the command is still sent.

import type { ToolContext } from '../../engine/tool';
import type { RedisSettings } from './connect';
import type { RespStream } from './resp';

export async function handshake(conn: RespStream, s: RedisSettings, ctx: Pick<ToolContext, 'stderr'>): Promise<void> {
  if (s.pass !== undefined) {
    const auth = await conn.command(s.user !== undefined ? ['AUTH', s.user, s.pass] : ['AUTH', s.pass]);
    if (auth.type === 'error') ctx.stderr.write(`AUTH failed: ${auth.value}\n`);
  }
  if (s.db !== 0) {
    const select = await conn.command(['SELECT', String(s.db)]);
    if (select.type === 'error') ctx.stderr.write(`SELECT ${s.db} failed: ${select.value}\n`);
  }
}
