// TLS for sslmode require/verify-ca/verify-full as libpq sets it up (root
// certificate, client certificate, host name check), and its words when a
// certificate does not pass.

import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import type { ClientConfig } from 'pg';
import { homeDir, type ConnectionSettings } from './settings';

type Env = Readonly<Record<string, string | undefined>>;

export class TlsSetupError extends Error {}

export function tlsOptions(settings: ConnectionSettings, env: Env, host: string): NonNullable<ClientConfig['ssl']> {
  const dir = join(homeDir(env), '.postgresql');
  const rootcert = settings.sslrootcert || join(dir, 'root.crt');
  const certFile = settings.sslcert || join(dir, 'postgresql.crt');
  const keyFile = settings.sslkey || join(dir, 'postgresql.key');
  const verify = settings.sslmode === 'verify-ca' || settings.sslmode === 'verify-full' || (settings.sslmode === 'require' && existsSync(rootcert));
  if (verify && !existsSync(rootcert)) {
    throw new TlsSetupError(`root certificate file "${rootcert}" does not exist\nEither provide the file or change sslmode to disable server certificate verification.`);
  }
  const options: NonNullable<ClientConfig['ssl']> & object = { rejectUnauthorized: verify };
  if (verify) options.ca = readFileSync(rootcert);
  if (existsSync(certFile) && existsSync(keyFile)) {
    options.cert = readFileSync(certFile);
    options.key = readFileSync(keyFile);
  }
  if (settings.sslmode === 'verify-full') {
    if (!isIP(host)) options.servername = host;
  } else options.checkServerIdentity = () => undefined;
  return options;
}

const VERIFY_CODES = /^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|CERT_UNTRUSTED|CERT_REVOKED|CERT_SIGNATURE_FAILURE)$/;

/** Certificate failures in libpq's words. */
export function tlsFailure(err: NodeJS.ErrnoException & { host?: string; cert?: { subjectaltname?: string; subject?: { CN?: string } } }): string | undefined {
  if (err.code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const alt = err.cert?.subjectaltname?.split(', ').map((n) => n.replace(/^(DNS|IP Address):/, '')) ?? [];
    const names = alt.length ? alt : [err.cert?.subject?.CN ?? ''];
    const others = names.length - 1;
    const more = others > 0 ? ` (and ${others} other name${others === 1 ? '' : 's'})` : '';
    return `server certificate for "${names[0]}"${more} does not match host name "${err.host ?? ''}"`;
  }
  return err.code && VERIFY_CODES.test(err.code) ? 'SSL error: certificate verify failed' : undefined;
}
