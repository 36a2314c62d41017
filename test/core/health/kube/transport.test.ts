// The connection's watch stream as lines: an event split over chunks, and
// several events in one chunk, each reach the collection whole and once.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeConnection } from '../../../../src/core/connections/kubeConnection';
import { connectionTransport } from '../../../../src/core/health/kube/transport';

function streaming(chunks: string[]): KubeConnection {
  const fake = {
    hostPort: 'kube.example:6443',
    async stream(_req: unknown, onChunk: (text: string) => void) {
      for (const chunk of chunks) onChunk(chunk);
      return { status: 200 };
    },
  };
  return fake as unknown as KubeConnection;
}

test('watch lines are whole however the stream is cut', async () => {
  const events = [1, 2, 3, 4].map((n) => JSON.stringify({ type: 'ADDED', object: { metadata: { uid: `u-${n}` } } }));
  const text = events.map((e) => `${e}\n`).join('');
  const cuts = [5, events[0].length + 1, events[0].length + 9, text.length - 3];
  const chunks = [0, ...cuts].map((at, i, all) => text.slice(at, all[i + 1] ?? text.length));
  assert.equal(chunks.join(''), text);
  const lines: string[] = [];
  const transport = connectionTransport(streaming(chunks));
  const result = await transport.watch('/api/v1/pods', {}, (line) => lines.push(line), new AbortController().signal);
  assert.equal(result.status, 200);
  assert.deepEqual(lines, events);
  assert.equal(transport.server, 'kube.example:6443');
});
