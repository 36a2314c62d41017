// Where a URL's host:port actually connects: --connect-to and the host
// mappings (RUNBOOK_HOSTS, the same thing), then --resolve.
import { isIP } from 'node:net';
import { routeTo, splitColons, unbracket, type HostMapping } from '../../connections';

export interface Route {
  /** Host to connect to (name or address) and port. */
  host: string;
  port: number;
  /** Set when --resolve gave the address, so no lookup happens. */
  address?: string;
}

/** A --connect-to value, `HOST1:PORT1:HOST2:PORT2` where any part may be empty, as a host mapping. */
export function connectToMapping(entry: string): HostMapping {
  const [h1 = '', p1 = '', h2 = '', p2 = ''] = splitColons(entry);
  return { host: h1 || undefined, port: p1 ? Number(p1) : undefined, toHost: h2 || undefined, toPort: p2 ? Number(p2) : undefined };
}

export function route(host: string, port: number, mappings: readonly HostMapping[], resolve: readonly string[]): Route {
  const target: Route = routeTo(mappings, host, port);
  for (const entry of resolve) {
    const [h, p, ...addrs] = splitColons(entry.replace(/^\+/, ''));
    if (!h || (h !== '*' && unbracket(h).toLowerCase() !== target.host.toLowerCase()) || Number(p) !== target.port) continue;
    const address = addrs.join(':').split(',').map(unbracket)[0];
    if (address && isIP(address)) return { ...target, address };
  }
  return target;
}
