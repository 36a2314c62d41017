// A server that does not answer the preview of a change (the server-side dry
// run of `kubectl scale`): the command timeout bounds the preview as it bounds
// the command, so the question comes without a preview rather than never; Stop
// while the preview is worked out ends the cell with nothing asked.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConfirmationRequest } from '../../src/core/engine';
import { runNative } from '../support/engine';
import { kubeFixture } from '../support/kubeSim';

const SCALE = 'kubectl scale deployment tiktok-toe --replicas=5';
/** The dry run of the scale: a request to the deployment with dryRun=All, held longer than any test. */
const DRY_RUN = { path: /\/deployments\/tiktok-toe\b.*[?&]dryRun=All/, delayMs: 120_000 };

test('a preview the server never answers: asked without it once the command timeout passes, and nothing changes when declined', { timeout: 60_000 }, async () => {
  const kube = await kubeFixture();
  kube.faults.add(DRY_RUN);
  const asked: ConfirmationRequest[] = [];
  const ours = await runNative(SCALE, { env: kube.env, confirm: false, onConfirm: (r) => asked.push(r), commandTimeoutMs: 1000 });
  assert.equal(asked.length, 1, 'the question is put');
  assert.equal(asked[0].preview?.text, 'no preview: timed out after 1 s');
  assert.equal(ours.run.commands[0].status, 'declined');
  assert.equal(kube.faults.hits, 1, 'the dry run reached the server and was held');
});

test('Stop while the preview is worked out ends the cell, asking nothing', { timeout: 60_000 }, async () => {
  const kube = await kubeFixture();
  const stop = new AbortController();
  kube.faults.add({ ...DRY_RUN, onHit: () => stop.abort() });
  const asked: ConfirmationRequest[] = [];
  const ours = await runNative(SCALE, { env: kube.env, signal: stop.signal, onConfirm: (r) => asked.push(r) });
  assert.deepEqual(asked, []);
  assert.equal(ours.run.commands[0].status, 'cancelled');
  assert.equal(ours.exitCode, 130);
});
