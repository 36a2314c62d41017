// The secrets of a psql line and its connection, for the session's masker:
// the password in a connection string on the line, the password the
// connection resolves to (PGPASSWORD, a service file), and the one found in
// the password file (~/.pgpass or PGPASSFILE).

import type { CommandSecret, ToolContext } from '../../engine/tool';
import type { PsqlArgs } from './args';
import { isConnectionString, parseConninfo, type ConnectionSettings } from '../../connections/postgres';

/** The password in `psql postgresql://u:pw@h/db` or `psql "host=h password=pw"`. */
export function lineSecrets(args: PsqlArgs): CommandSecret[] {
  if (!args.dbname || !isConnectionString(args.dbname)) return [];
  try {
    const password = parseConninfo(args.dbname).password;
    return password ? [{ value: password, kind: args.dbname.includes('://') ? 'url-password' : 'password' }] : [];
  } catch {
    return [];
  }
}

/** The password the settings carry, before the connection is made. */
export function registerSettingsSecret(ctx: Pick<ToolContext, 'session'>, settings: ConnectionSettings): void {
  if (settings.password) ctx.session.masker.add(settings.password, 'PGPASSWORD');
}

/** A password read from the password file, as soon as it is found. */
export function registerPassfilePassword(ctx: Pick<ToolContext, 'session'>, password: string): void {
  ctx.session.masker.add(password, 'pgpass');
}
