// How the health view's Kubernetes sources reach an API server: plain GETs
// and watch streams read line by line. The real one wraps the connection
// kubectl cells use; tests pass a fake.

import type { KubeConnection } from '../../connections/kubeConnection';

export type Query = Record<string, string | number | boolean | undefined>;

export interface KubeTransport {
  /** host:port of the API server, for messages. */
  readonly server: string;
  get(path: string, query: Query, signal: AbortSignal): Promise<{ status: number; text: string }>;
  /** Calls `onLine` with each line of a 200 stream until it ends; an error status comes back with its body. */
  watch(path: string, query: Query, onLine: (line: string) => void, signal: AbortSignal): Promise<{ status: number; text?: string }>;
  close(): void;
}

export function connectionTransport(connection: KubeConnection): KubeTransport {
  return {
    server: connection.hostPort,
    async get(path, query, signal) {
      const { status, text } = await connection.request({ path, query, signal });
      return { status, text };
    },
    async watch(path, query, onLine, signal) {
      let partial = '';
      return connection.stream({ path, query, signal }, (chunk) => {
        partial += chunk;
        const end = partial.lastIndexOf('\n');
        if (end < 0) return;
        const complete = partial.slice(0, end);
        partial = partial.slice(end + 1);
        for (const line of complete.split('\n')) if (line.trim()) onLine(line);
      });
    },
    close: () => connection.close(),
  };
}
