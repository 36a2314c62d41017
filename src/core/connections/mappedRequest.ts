// Request options that send one request where the host mappings route its
// URL, on the request itself rather than in an agent: the extension host may
// put its own agent under every request (VS Code's proxy support does), and
// a mapping kept only in an agent would then be lost. The Host header, the
// TLS server name and the certificate check keep the URL's name.

import type { RequestOptions } from 'node:https';
import { isIP } from 'node:net';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { routeTo, unbracket, type HostMapping } from './hosts';

/** Where to dial for `url`, and how to keep its name; spread into `http(s).request(options)` (no URL argument). */
export function mappedRequestOptions(url: URL, mappings: readonly HostMapping[]): RequestOptions {
  const name = unbracket(url.hostname);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const to = routeTo(mappings, name, port);
  const options: RequestOptions = { protocol: url.protocol, host: to.host, port: to.port, path: `${url.pathname}${url.search}` };
  if (to.host === name && to.port === port) return options;
  options.headers = { Host: url.host };
  if (url.protocol === 'https:') {
    if (!isIP(name)) options.servername = name;
    options.checkServerIdentity = (_address: string, cert: PeerCertificate) => checkServerIdentity(name, cert);
  }
  return options;
}
