// Per-command state of a kubectl run: the parsed flags, the connection kept
// in the notebook session, the server's resource types, and how to report
// server errors in kubectl's words.

import type { Target, ToolContext } from '../../engine/tool';
import { flagBool, flagString, type ParsedArgs } from './args';
import { hostMappings, HostMappingError, type HostMapping } from '../../connections';
import { isStreamCut, KubeConnection, KubeTransportError, type KubeRequest, type KubeResponse } from '../../connections/kubeConnection';
import { requestTimeoutMs, timedRequest } from './requestTimeout';
import { withRetryAfter } from './retryAfter';
import { unexpectedResponseText } from './unexpectedResponse';
import { discover, DiscoveryRefused, qualifiedResource, type ResourceCatalog, type ResourceType } from './discovery';
import { statSync } from 'node:fs';
import { stateKey, type Session } from '../../session';
import { kubeconfigFiles, kubeSelection } from '../../connections';
import { KubeConfigError, resolveKubeConfig, type KubeSelection, type ResolvedKubeConfig } from '../../connections/kubeConfig';
import { registerKubeconfigUsers, registerSecretsInBody } from './secrets';

export interface KubeStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; group?: string; kind?: string; causes?: { field?: string; message?: string }[] };
}

/** A failure that ends the command: its text goes to stderr as kubectl prints it. */
export class KubectlError extends Error {
  /** `note`: what to do about it, for the notebook (never printed as kubectl output). */
  constructor(message: string, readonly exitCode = 1, readonly note?: string) {
    super(message);
  }
}

/** What to do when the server keeps refusing for a while (after the retries it asked for). */
const BUSY_NOTES: Record<number, string> = {
  429: 'The API server is limiting requests (its priority and fairness settings, or a proxy in front of it); kubectl retried as it asked. Wait a little and run the cell again.',
  503: 'The API server, or a proxy in front of it, is unavailable, often while it restarts. Run the cell again in a moment; `kubectl get --raw "/readyz?verbose"` shows what is not ready.',
};

/** A stream whose connection closed before the server ended it: kubectl's words for it. */
export class KubectlStreamCut extends KubectlError {
  constructor() {
    super('error: unexpected EOF');
  }
}

export class KubectlRun {
  readonly command: string;

  constructor(
    readonly ctx: ToolContext,
    readonly args: ParsedArgs,
    readonly verb: string,
  ) {
    this.command = `kubectl ${verb}`;
  }

  get selection(): KubeSelection {
    const chosen = kubeSelection(this.ctx.session);
    return {
      kubeconfig: flagString(this.args, 'kubeconfig'),
      context: flagString(this.args, 'context') ?? chosen.context,
      namespace: flagString(this.args, 'namespace') ?? chosen.namespace,
      server: flagString(this.args, 'server'),
    };
  }

  private resolvedConfig?: ResolvedKubeConfig;
  private connectionPromise?: Promise<KubeConnection>;

  /** Context, cluster and namespace this command uses (kubeconfig and flags). */
  config(): ResolvedKubeConfig {
    this.resolvedConfig ??= cachedKubeConfig(this.ctx.session, this.ctx.env, this.selection);
    return this.resolvedConfig;
  }

  connection(): Promise<KubeConnection> {
    this.connectionPromise ??= openConnection(this.ctx, this.config());
    return this.connectionPromise;
  }

  async namespace(): Promise<string> {
    return this.config().namespace;
  }

  get allNamespaces(): boolean {
    return flagBool(this.args, 'all-namespaces');
  }

  async catalog(): Promise<ResourceCatalog> {
    const connection = await this.connection();
    const key = `kubectl-catalog:${connection.config.server}`;
    try {
      return await this.ctx.session.client(key, () => this.discover());
    } catch (error) {
      this.ctx.session.forget(key);
      throw error;
    }
  }

  /** The server's resource types, asked now; a refusal in kubectl's words. */
  async discover(): Promise<ResourceCatalog> {
    try {
      return await discover(this, this.ctx.signal);
    } catch (error) {
      throw error instanceof DiscoveryRefused ? serverError(error.response) : error;
    }
  }

  /** A resource type as typed by the user, or kubectl's error for an unknown one. */
  async resolveType(name: string): Promise<ResourceType> {
    const type = (await this.catalog()).find(name);
    if (!type) throw new KubectlError(`error: the server doesn't have a resource type "${name}"`);
    return type;
  }

  /** One request as kubectl's client sends it: within --request-timeout, sent again when the server says Retry-After. */
  async request(req: KubeRequest): Promise<KubeResponse> {
    const connection = await this.connection();
    const sent = { signal: this.ctx.signal, ...req };
    const limitMs = requestTimeoutMs(this.args);
    return withRetryAfter(() => timedRequest(connection, sent, limitMs), sent.signal ?? this.ctx.signal);
  }

  /** A stream (a watch) as kubectl's client opens it: sent again while the server answers Retry-After; an error answer in kubectl's words. */
  async stream(req: KubeRequest, onChunk: (text: string) => void): Promise<void> {
    const connection = await this.connection();
    const sent = { signal: this.ctx.signal, ...req };
    const opened = async (): Promise<KubeResponse> => {
      try {
        const result = await connection.stream(sent, onChunk);
        return { status: result.status, headers: result.headers ?? {}, text: result.text ?? '', request: sent };
      } catch (error) {
        throw isStreamCut(error) ? new KubectlStreamCut() : error;
      }
    };
    const response = await withRetryAfter(opened, sent.signal ?? this.ctx.signal);
    if (response.status >= 400) throw serverError(response);
  }

  /** The JSON body of a successful response; kubectl's error text otherwise. */
  async json<T>(req: KubeRequest): Promise<T> {
    const response = await this.request(req);
    if (response.status >= 400) throw serverError(response);
    return JSON.parse(response.text) as T;
  }

  async setTarget(): Promise<void> {
    this.ctx.setTarget(kubeTarget(this.config(), this.allNamespaces));
  }
}

/** What a kubectl command acts on, for confirmations and results. */
export function kubeTarget(config: ResolvedKubeConfig, allNamespaces: boolean): Target {
  const { context, cluster, namespace, server } = config;
  return {
    kind: 'kubernetes',
    label: `context ${context}, namespace ${allNamespaces ? '(all)' : namespace}`,
    name: context,
    details: { context, cluster, namespace: allNamespaces ? '' : namespace, server },
  };
}

/** Kubeconfigs read once per session, and again only when one of their files changes. */
const KUBECONFIGS = stateKey<Map<string, { stamp: string; config: ResolvedKubeConfig }>>('kubectl kubeconfigs');

export function cachedKubeConfig(session: Session, env: Readonly<Record<string, string | undefined>>, selection: KubeSelection): ResolvedKubeConfig {
  const files = kubeconfigFiles(env, selection.kubeconfig);
  const key = JSON.stringify([files, selection]);
  const stamp = files.map((f) => fileStamp(f)).join('|');
  const perSession = session.state(KUBECONFIGS, () => new Map());
  const hit = perSession.get(key);
  if (hit && hit.stamp === stamp) return hit.config;
  const config = resolveKubeConfig(env, selection);
  registerKubeconfigUsers(session.masker, config.kc.users);
  perSession.set(key, { stamp, config });
  return config;
}

function fileStamp(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return 'missing';
  }
}

/** One connection per kubeconfig, context, server and host mapping for the whole notebook session (a new one when the kubeconfig changes). */
function openConnection(ctx: ToolContext, resolved: ResolvedKubeConfig): Promise<KubeConnection> {
  let mappings: HostMapping[];
  try {
    mappings = hostMappings(ctx.env);
  } catch (error) {
    if (error instanceof HostMappingError) return Promise.reject(new KubeConfigError(`error: ${error.message}`));
    throw error;
  }
  const key = `kubectl:${resolved.files.join(':')}|${resolved.context}|${resolved.server}|${JSON.stringify(mappings)}`;
  const { masker } = ctx.session;
  // A kubeconfig edited since (a new CA, token or certificate): the kept connection has the old ones.
  const kept = ctx.session.openClient<KubeConnection>(key);
  if (kept && kept.config !== resolved) {
    ctx.session.forget(key);
    kept.close();
  }
  return ctx.session.client(key, async () => new KubeConnection(resolved, mappings, (body) => registerSecretsInBody(masker, body)), (c) => c.close());
}

/** kubectl's line for an error Status: `Error from server (NotFound): ...`. */
export function serverError(response: KubeResponse): KubectlError {
  let status: KubeStatus = {};
  try {
    status = JSON.parse(response.text) as KubeStatus;
  } catch {
    // Not a Status body.
  }
  if (response.status === 401) return new KubectlError('error: You must be logged in to the server (Unauthorized)');
  const note = BUSY_NOTES[response.status];
  const unexpected = status?.kind === 'Status' ? undefined : unexpectedResponseText(response.status, response.request);
  if (unexpected) return new KubectlError(unexpected, 1, note);
  const reason = status.reason || httpReason(response.status);
  const message = status.message || response.text.trim() || `the server responded with the status code ${response.status} but did not return more information`;
  return new KubectlError(`Error from server (${reason}): ${message}`, 1, note);
}

export function notFoundError(type: ResourceType, name: string): KubectlError {
  return new KubectlError(`Error from server (NotFound): ${qualifiedResource(type)} "${name}" not found`);
}

function httpReason(status: number): string {
  return ({ 400: 'BadRequest', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed', 409: 'Conflict', 410: 'Expired', 422: 'Invalid', 429: 'TooManyRequests', 500: 'InternalError', 503: 'ServiceUnavailable', 504: 'Timeout' } as Record<number, string>)[status] ?? String(status);
}

export function transportMessage(error: unknown): string | undefined {
  return error instanceof KubeTransportError ? error.message : undefined;
}
