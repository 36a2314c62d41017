// A session's clients: one per key, kept until the session ends, reachable
// without waiting once open, and gone after forget() or dispose().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session } from '../../../src/core/session';

test('a client is made once per key and is open (without waiting) only after its creation finished', async () => {
  const session = new Session('.');
  let made = 0;
  let finish: (client: { id: number }) => void = () => undefined;
  const create = () => {
    made++;
    return new Promise<{ id: number }>((resolve) => (finish = resolve));
  };
  const first = session.client('k', create);
  const second = session.client('k', create);
  assert.equal(made, 1);
  assert.equal(session.openClient('k'), undefined, 'not open while it is being made');
  finish({ id: 1 });
  assert.equal(await first, await second);
  assert.deepEqual(session.openClient('k'), { id: 1 });
  assert.equal(session.openClient('other'), undefined);
});

test('forget drops the open client; a creation that failed is never open and is tried again', async () => {
  const session = new Session('.');
  await session.client('k', async () => 'one');
  session.forget('k');
  assert.equal(session.openClient('k'), undefined);
  await assert.rejects(session.client('bad', async () => Promise.reject(new Error('refused'))), /refused/);
  await new Promise((r) => setImmediate(r));
  assert.equal(session.openClient('bad'), undefined);
  assert.equal(await session.client('bad', async () => 'now'), 'now');
});

test('a client forgotten while it was being made does not come back as open', async () => {
  const session = new Session('.');
  let finish: (value: string) => void = () => undefined;
  const pending = session.client('k', () => new Promise<string>((resolve) => (finish = resolve)));
  session.forget('k');
  finish('late');
  await pending;
  assert.equal(session.openClient('k'), undefined);
});

test('dispose closes every client and nothing stays open', async () => {
  const session = new Session('.');
  const closed: string[] = [];
  await session.client('a', async () => 'A', (c) => void closed.push(c));
  await session.client('b', async () => 'B', (c) => void closed.push(c));
  await session.dispose();
  assert.deepEqual(closed.sort(), ['A', 'B']);
  assert.equal(session.openClient('a'), undefined);
});
