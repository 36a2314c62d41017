// Who is asking, from the bearer token, and what they may do: enough for
// the 401 and 403 answers kubectl and client-node must handle. The sandbox
// kubeconfig's own user is an admin; two more users exist for error tests.
import type { IncomingMessage } from 'node:http';
import { failure, type ApiError } from './errors';
import type { ResourceType } from './resources';

export const TOKENS = {
  admin: 'sandbox-token',
  /** Reads everything, changes nothing. */
  viewer: 'viewer-token',
  /** Authenticated but allowed nothing beyond discovery. */
  nobody: 'nobody-token',
  /** Rejected: what an expired credential looks like to the client. */
  expired: 'expired-token',
} as const;

type User = 'admin' | 'viewer' | 'nobody';

const USERS: Record<string, User> = { [TOKENS.admin]: 'admin', [TOKENS.viewer]: 'viewer', [TOKENS.nobody]: 'nobody' };

/** 401 for a rejected token. Requests without a token are served as the admin, for tools that send none. */
export function authenticate(req: IncomingMessage): User | ApiError {
  const header = req.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : undefined;
  if (token === undefined) return 'admin';
  const user = USERS[token];
  return user ?? failure(401, 'Unauthorized', 'Unauthorized');
}

/** The RBAC verb of a request, as the API server names it. */
export function verbOf(method: string, name: string | undefined, watch: boolean): string {
  if (method === 'GET') return watch ? 'watch' : name ? 'get' : 'list';
  return { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: name ? 'delete' : 'deletecollection' }[method] ?? method.toLowerCase();
}

/** 403 in the API server's words when the user may not do this. */
export function authorize(user: User, verb: string, rt: ResourceType, ns: string | undefined, name: string | undefined, sub: string | undefined): ApiError | undefined {
  if (user === 'admin') return undefined;
  if (user === 'viewer' && ['get', 'list', 'watch'].includes(verb)) return undefined;
  const resource = sub ? `${rt.plural}/${sub}` : rt.plural;
  const who = `User "${user}"`;
  const scope = ns ? ` in the namespace "${ns}"` : ' at the cluster scope';
  const subject = name ? `${rt.group ? `${rt.plural}.${rt.group}` : rt.plural} "${name}"` : rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
  const details: Record<string, string> = name ? { name } : {};
  if (rt.group) details.group = rt.group;
  details.kind = rt.plural;
  return failure(403, 'Forbidden', `${subject} is forbidden: ${who} cannot ${verb} resource "${resource}" in API group "${rt.group}"${scope}`, details);
}
