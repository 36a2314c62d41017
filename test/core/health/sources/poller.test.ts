// The poller every health source runs on: a read at start, refresh joining a
// read under way, ok and unreachable readings that keep the last snapshot and
// its time, listeners, and stop closing what the reads opened.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startPoller } from '../../../../src/core/health/sources';

const HOUR = 3_600_000;

describe('health source poller', () => {
  it('reads at start; refresh joins a read under way instead of starting another', async () => {
    let reads = 0;
    let release: (value: number) => void = () => undefined;
    const source = startPoller({
      read: () => new Promise<number>((resolve) => ((reads += 1), (release = resolve))),
      explain: () => ({ error: 'x', hint: 'y' }),
      close: async () => undefined,
      intervalMs: HOUR,
    });
    assert.equal(source.current(), undefined);
    const joined = source.refresh();
    assert.equal(reads, 1);
    release(7);
    const reading = await joined;
    assert.deepEqual([reading.state, reading.snapshot], [{ status: 'ok' }, 7]);
    assert.equal(source.current(), reading);
    await source.stop();
  });

  it('an unreachable reading keeps the last snapshot and the time it was read; the next good read clears it', async () => {
    const outcomes: (number | Error)[] = [1, new Error('refused'), 3];
    let closed = 0;
    const seen: string[] = [];
    const source = startPoller({
      read: async () => {
        const next = outcomes.shift()!;
        if (next instanceof Error) throw next;
        return next;
      },
      explain: (error) => ({ error: (error as Error).message, hint: 'start it' }),
      close: async () => void (closed += 1),
      intervalMs: HOUR,
    });
    source.onUpdate((r) => seen.push(r.state.status));
    const first = await source.refresh();
    const second = await source.refresh();
    assert.deepEqual(second.state, { status: 'unreachable', error: 'refused', hint: 'start it' });
    assert.equal(second.snapshot, 1);
    assert.equal(second.lastUpdate, first.lastUpdate);
    const third = await source.refresh();
    assert.deepEqual([third.state, third.snapshot], [{ status: 'ok' }, 3]);
    assert.ok(third.lastUpdate! >= first.lastUpdate!);
    assert.deepEqual(seen, ['ok', 'unreachable', 'ok']);
    await source.stop();
    assert.equal(closed, 1);
    await assert.rejects(source.refresh(), /stopped/);
  });

  it('stop aborts a read under way and publishes nothing from it', async () => {
    let aborted = false;
    const updates: unknown[] = [];
    const source = startPoller({
      read: (signal) =>
        new Promise<number>((_, reject) =>
          signal.addEventListener('abort', () => {
            aborted = true;
            reject(new Error('aborted'));
          }),
        ),
      explain: (error) => ({ error: (error as Error).message, hint: '' }),
      close: async () => undefined,
      intervalMs: HOUR,
    });
    source.onUpdate((r) => updates.push(r));
    await source.stop();
    assert.equal(aborted, true);
    assert.deepEqual(updates, []);
    assert.equal(source.current(), undefined);
  });
});
