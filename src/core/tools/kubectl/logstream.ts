// Reading container logs as kubectl does: one request per container, read
// line by line (so concurrent streams never interleave inside a line),
// optionally prefixed with `[pod/NAME/CONTAINER] `, one after another or, when
// following several, all at once; every request stops on the cell's signal.

import { serverError, type KubectlRun } from './session';

export interface LogSource {
  namespace: string;
  pod: string;
  container: string;
}

export interface LogQuery {
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  sinceSeconds?: number;
  sinceTime?: string;
  tailLines?: number;
  limitBytes?: number;
  insecureSkipTLSVerifyBackend: boolean;
}

export function logPath(source: LogSource): string {
  return `/api/v1/namespaces/${encodeURIComponent(source.namespace)}/pods/${encodeURIComponent(source.pod)}/log`;
}

/** Streams one container's log to `write`, a line at a time. Resolves with the number of lines. */
export async function streamLog(run: KubectlRun, source: LogSource, query: LogQuery, prefix: string, write: (text: string) => void, signal: AbortSignal): Promise<number> {
  const connection = await run.connection();
  let pending = '';
  let lines = 0;
  const emitLines = (final: boolean) => {
    let out = '';
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      out += prefix + pending.slice(0, newline + 1);
      pending = pending.slice(newline + 1);
      lines++;
    }
    if (final && pending) {
      out += prefix + pending;
      pending = '';
      lines++;
    }
    if (out) write(out);
  };
  const result = await connection.stream(
    {
      path: logPath(source),
      query: {
        container: source.container,
        follow: query.follow || undefined,
        previous: query.previous || undefined,
        timestamps: query.timestamps || undefined,
        sinceSeconds: query.sinceSeconds,
        sinceTime: query.sinceTime,
        tailLines: query.tailLines,
        limitBytes: query.limitBytes,
        insecureSkipTLSVerifyBackend: query.insecureSkipTLSVerifyBackend || undefined,
      },
      accept: 'application/json, */*',
      signal,
    },
    (chunk) => {
      pending += chunk;
      emitLines(false);
    },
  );
  if (result.status >= 400) throw serverError({ status: result.status, headers: {}, text: result.text ?? '' });
  if (!signal.aborted) emitLines(true);
  return lines;
}

export interface ConsumeOptions {
  prefix: boolean;
  ignoreErrors: boolean;
}

const prefixOf = (s: LogSource, on: boolean) => (on ? `[pod/${s.pod}/${s.container}] ` : '');

/** Each source in turn; the first failure ends the command (kubectl's sequential read). */
export async function consumeSequentially(run: KubectlRun, sources: LogSource[], query: LogQuery, options: ConsumeOptions): Promise<number> {
  let lines = 0;
  for (const source of sources) {
    if (run.ctx.signal.aborted) break;
    lines += await streamLog(run, source, query, prefixOf(source, options.prefix), (t) => run.ctx.stdout.write(t), run.ctx.signal);
  }
  return lines;
}

/**
 * Every source at once (`logs -f` over several containers). A failure stops
 * the others unless --ignore-errors, which prints it in the stream instead.
 */
export async function consumeInParallel(run: KubectlRun, sources: LogSource[], query: LogQuery, options: ConsumeOptions): Promise<number> {
  const local = new AbortController();
  const signal = AbortSignal.any([run.ctx.signal, local.signal]);
  let failure: unknown;
  const counts = await Promise.all(
    sources.map(async (source) => {
      try {
        return await streamLog(run, source, query, prefixOf(source, options.prefix), (t) => run.ctx.stdout.write(t), signal);
      } catch (error) {
        if (signal.aborted) return 0;
        if (options.ignoreErrors) {
          run.ctx.stdout.write(`error: ${(error as Error).message.replace(/^error: /, '')}\n`);
          return 0;
        }
        failure ??= error;
        local.abort();
        return 0;
      }
    }),
  );
  if (failure) throw failure;
  return counts.reduce((a, b) => a + b, 0);
}
