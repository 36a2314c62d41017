// Where a URL's host:port actually connects: --connect-to, RUNBOOK_HOSTS
// (the same thing, `name:port=address:port`), then --resolve.
import { isIP } from 'node:net';

export interface Route {
  /** Host to connect to (name or address) and port. */
  host: string;
  port: number;
  /** Set when --resolve gave the address, so no lookup happens. */
  address?: string;
}

function unbracket(h: string): string {
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}

/** Splits `a:b:c:d` where any part may be a [v6] literal. */
function splitColons(text: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let depth = 0;
  for (const c of text) {
    if (c === '[') depth++;
    if (c === ']') depth--;
    if (c === ':' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

/** RUNBOOK_HOSTS entries as --connect-to values. */
export function runbookHosts(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.includes('='))
    .map((e) => e.replace('=', ':'));
}

export function route(host: string, port: number, connectTo: readonly string[], resolve: readonly string[]): Route {
  const name = unbracket(host).toLowerCase();
  let target: Route = { host: name, port };
  for (const entry of connectTo) {
    const [h1 = '', p1 = '', h2 = '', p2 = ''] = splitColons(entry);
    if (h1 && unbracket(h1).toLowerCase() !== name) continue;
    if (p1 && Number(p1) !== port) continue;
    target = { host: h2 ? unbracket(h2) : name, port: p2 ? Number(p2) : port };
    break;
  }
  for (const entry of resolve) {
    const [h, p, ...addrs] = splitColons(entry.replace(/^\+/, ''));
    if (!h || (h !== '*' && unbracket(h).toLowerCase() !== target.host.toLowerCase()) || Number(p) !== target.port) continue;
    const address = addrs.join(':').split(',').map(unbracket)[0];
    if (address && isIP(address)) return { ...target, address };
  }
  return target;
}
