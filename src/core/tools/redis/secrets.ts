// The secrets of a redis-cli line, for the session's masker: the password
// given with -a, --pass or in a -u URI, one sent with AUTH or set with
// CONFIG SET requirepass/masterauth, and the one the connection uses
// (REDISCLI_AUTH, or the password in REDIS_URL).

import type { CommandSecret, ToolContext } from '../../engine/tool';
import type { RedisArgs } from './args';
import type { RedisSettings } from './connect';

const PASSWORD_SETTINGS = new Set(['requirepass', 'masterauth']);

/** Secrets written on the line. */
export function lineSecrets(args: RedisArgs): CommandSecret[] {
  const secrets: CommandSecret[] = [];
  if (args.pass !== undefined) secrets.push({ value: args.pass, kind: 'redis-password' });
  const [name, ...rest] = args.command.map((word, i) => (i === 0 ? word.toUpperCase() : word));
  if (name === 'AUTH' && rest.length) secrets.push({ value: rest[rest.length - 1]!, kind: 'redis-password' });
  if (name === 'CONFIG' && rest[0]?.toUpperCase() === 'SET') {
    for (let i = 1; i + 1 < rest.length; i += 2) if (PASSWORD_SETTINGS.has(rest[i]!.toLowerCase())) secrets.push({ value: rest[i + 1]!, kind: 'redis-password' });
  }
  return secrets;
}

/** The password the connection will use, wherever it came from; before anything is printed. */
export function registerConnectionSecret(ctx: Pick<ToolContext, 'session'>, settings: RedisSettings): void {
  if (settings.pass === undefined) return;
  ctx.session.masker.add(settings.pass, settings.from === undefined ? 'REDISCLI_AUTH' : 'url-password');
}
