// Host mappings: the names a runbook uses (db.prod.internal:5432) and the
// address:port each one really reaches, from RUNBOOK_HOSTS
// (`name:port=address:port,...`). Every tool that opens a connection asks
// here where to dial; what it prints, and the name TLS checks, stay the
// runbook's own, as with curl --connect-to.

/** The variable that holds the mappings. */
export const HOSTS_VARIABLE = 'RUNBOOK_HOSTS';

const EXPECTED = 'expected name:port=address:port, e.g. db.prod.internal:5432=127.0.0.1:5432';

/** Where connections to `host`:`port` go instead. A part left out matches any host or port, or keeps it (curl --connect-to). */
export interface HostMapping {
  host?: string;
  port?: number;
  toHost?: string;
  toPort?: number;
}

export interface Endpoint {
  host: string;
  port: number;
}

/** A RUNBOOK_HOSTS value that is not a list of mappings; the message names the entry, what is wrong and the expected form. */
export class HostMappingError extends Error {}

/** `[::1]` -> `::1`; other hosts as they are. */
export function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Splits `a:b:c:d` at the colons outside `[...]`, so a part may be an IPv6 literal. */
export function splitColons(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  for (const c of text) {
    if (c === '[') depth++;
    if (c === ']') depth--;
    if (c === ':' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/** The mappings of a RUNBOOK_HOSTS value (none when unset or empty); throws HostMappingError for a malformed entry. */
export function parseHostMappings(value: string | undefined): HostMapping[] {
  if (!value?.trim()) return [];
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map(parseEntry);
}

/** The mappings the environment sets. */
export function hostMappings(env: Readonly<Record<string, string | undefined>>): HostMapping[] {
  return parseHostMappings(env[HOSTS_VARIABLE]);
}

function parseEntry(entry: string): HostMapping {
  const fail = (problem: string) => new HostMappingError(`${HOSTS_VARIABLE} entry "${entry}": ${problem}; ${EXPECTED}`);
  const sides = entry.split('=');
  if (sides.length !== 2) throw fail(sides.length === 1 ? 'no "=" between the name and the address' : 'more than one "="');
  const [from, to] = sides.map((side, i) => hostPort(side, i === 0 ? 'name' : 'address', fail));
  return { host: from.host.toLowerCase(), port: from.port, toHost: to.host, toPort: to.port };
}

function hostPort(text: string, what: 'name' | 'address', fail: (problem: string) => Error): Endpoint {
  const parts = splitColons(text.trim());
  if (parts.length !== 2) throw fail(`the ${what} "${text}" is not host:port${parts.length > 2 ? ' (write an IPv6 address in brackets: [::1]:5432)' : ''}`);
  const host = unbracket(parts[0]);
  if (!host) throw fail(`the ${what} "${text}" has no host`);
  const port = parts[1];
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) throw fail(`the port "${port}" of the ${what} is not a number from 1 to 65535`);
  return { host, port: Number(port) };
}

/** Where a connection to `host`:`port` goes: the first mapping that matches, else the host and port themselves. */
export function routeTo(mappings: readonly HostMapping[], host: string, port: number): Endpoint {
  const name = unbracket(host).toLowerCase();
  for (const m of mappings) {
    if (m.host && unbracket(m.host).toLowerCase() !== name) continue;
    if (m.port !== undefined && m.port !== port) continue;
    return { host: m.toHost ? unbracket(m.toHost) : unbracket(host), port: m.toPort ?? port };
  }
  return { host: unbracket(host), port };
}
