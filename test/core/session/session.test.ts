// A session's clients: one per key, kept until the session ends, reachable
// without waiting once open, and gone after forget() or dispose(). A tool's
// state: one object per key, disposed with the session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, stateKey } from '../../../src/core/session';

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

test('a tool keeps one state object per key, found by the key\'s name', () => {
  const session = new Session('.');
  const counter = stateKey<{ runs: number }>('tool counter');
  session.state(counter, () => ({ runs: 0 })).runs++;
  session.state(counter, () => ({ runs: 100 })).runs++;
  assert.equal(session.state(counter, () => ({ runs: 100 })).runs, 2);
  // Another bundle's copy of the tool makes its own key object with the same name.
  assert.equal(session.state(stateKey<{ runs: number }>('tool counter'), () => ({ runs: 100 })).runs, 2);
  assert.equal(session.state(stateKey<{ runs: number }>('other counter'), () => ({ runs: 7 })).runs, 7);
  assert.equal(new Session('.').state(counter, () => ({ runs: 0 })).runs, 0, 'another session has its own');
});

test('state with dispose() is disposed with the session, and made anew after', async () => {
  const session = new Session('.');
  const key = stateKey<{ disposed: number; dispose(): void }>('closable');
  const first = session.state(key, () => ({ disposed: 0, dispose() { this.disposed++; } }));
  session.state(stateKey<string>('plain'), () => 'text');
  await session.dispose();
  assert.equal(first.disposed, 1);
  assert.notEqual(session.state(key, () => ({ disposed: 0, dispose() {} })), first);
});
