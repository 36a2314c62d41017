// Which DNS server a Go program such as kubectl names when a lookup fails. On
// Linux, kubectl resolves with Go's own resolver, which reads
// /etc/resolv.conf and says which server answered: `lookup HOST on
// 10.0.0.53:53: no such host`. Elsewhere it asks the system, which names none.

import { readFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';

/** `10.0.0.53:53` (`[fd00::53]:53`): the first nameserver of `resolvConf`, if any. */
export function firstNameserver(resolvConf: string): string | undefined {
  for (const line of resolvConf.split('\n')) {
    const m = /^\s*nameserver\s+(\S+)/.exec(line);
    if (!m) continue;
    const address = m[1]!.replace(/%.*$/, '');
    return isIPv6(address) ? `[${address}]:53` : `${address}:53`;
  }
  return undefined;
}

/** The server a failed Go lookup names on this machine, or undefined where Go asks the system. */
export function goLookupServer(platform: NodeJS.Platform = process.platform, read: () => string = () => readFileSync('/etc/resolv.conf', 'utf8')): string | undefined {
  if (platform !== 'linux') return undefined;
  try {
    return firstNameserver(read());
  } catch {
    return undefined;
  }
}

/** Go's `lookup HOST[ on SERVER]: no such host`. */
export function goNoSuchHost(host: string, server: string | undefined): string {
  return `lookup ${host}${server ? ` on ${server}` : ''}: no such host`;
}
