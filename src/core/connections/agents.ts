// HTTP agents that dial where the host mappings say. Requests keep the URL's
// host: the Host header, the TLS server name and the certificate check all
// use the name, while the socket goes to the mapped address and port.

import { Agent as HttpAgent, type AgentOptions, type ClientRequestArgs } from 'node:http';
import { Agent as HttpsAgent, type AgentOptions as HttpsAgentOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { routeTo, type HostMapping } from './hosts';

type Callback = (err: Error | null, stream: Duplex) => void;

/** The request's host and port. */
function destination(options: ClientRequestArgs, defaultPort: number): { host: string; port: number } {
  return { host: options.host ?? options.hostname ?? 'localhost', port: Number(options.port ?? defaultPort) };
}

class RoutedHttpAgent extends HttpAgent {
  constructor(
    private readonly mappings: readonly HostMapping[],
    options: AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: ClientRequestArgs, callback?: Callback): Duplex | null | undefined {
    const { host, port } = destination(options, 80);
    const to = routeTo(this.mappings, host, port);
    return super.createConnection({ ...options, host: to.host, port: to.port }, callback);
  }
}

type TlsRequestArgs = ClientRequestArgs & { servername?: string; checkServerIdentity?: typeof checkServerIdentity };

class RoutedHttpsAgent extends HttpsAgent {
  constructor(
    private readonly mappings: readonly HostMapping[],
    options: HttpsAgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: TlsRequestArgs, callback?: Callback): Duplex | null | undefined {
    const { host, port } = destination(options, 443);
    const to = routeTo(this.mappings, host, port);
    if (to.host === host && to.port === port) return super.createConnection(options, callback);
    // The agent has already named the server (SNI) from the request's host; the certificate is checked against it too.
    const check = options.checkServerIdentity ?? checkServerIdentity;
    return super.createConnection(
      { ...options, host: to.host, port: to.port, checkServerIdentity: (_address: string, cert: PeerCertificate) => check(host, cert) },
      callback,
    );
  }
}

/** A keep-alive agent for `protocol` (`http:` or `https:`) whose sockets go where `mappings` route them. */
export function routedAgent(protocol: string, mappings: readonly HostMapping[], options: HttpsAgentOptions): HttpAgent {
  return protocol === 'https:' ? new RoutedHttpsAgent(mappings, options) : new RoutedHttpAgent(mappings, options);
}
