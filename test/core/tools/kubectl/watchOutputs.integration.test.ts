// `kubectl get -w` with an output format that prints objects (name, json,
// yaml, jsonpath): each listed object printed on its own, then each object
// the server reports, as kubectl prints them. The real kubectl is cut by
// timeout(1) once it has listed; ours is stopped once it has printed as much.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runNative, runReal } from '../../../support/engine';
import { kubeFixture } from '../../../support/kubeSim';

for (const output of ['name', 'json', 'yaml', 'jsonpath={.metadata.name}{"\\n"}']) {
  test(`get -w -o ${output} prints each object as kubectl does`, async () => {
    const kube = await kubeFixture();
    const line = `kubectl get pods -l app=tiktok-toe -w -o '${output}'`;
    const real = await runReal(`timeout 3 ${line}`, kube.env);
    assert.equal(real.exitCode, 124, `the real kubectl kept watching: ${real.stderr}`);
    assert.ok(real.stdout.length > 0);
    const stop = new AbortController();
    let seen = '';
    const ours = await runNative(line, {
      env: kube.env,
      signal: stop.signal,
      onStdout: (text) => {
        seen += text;
        // Stopped a moment after it has listed: a watch is still running then, a plain list has ended.
        if (seen.length >= real.stdout.length) setTimeout(() => stop.abort(), 500);
      },
    });
    assert.equal(ours.stdout, real.stdout);
    assert.equal(ours.stderr, '');
    assert.equal(ours.run.commands[0].status, 'cancelled', 'still watching when stopped, as kubectl was');
  });
}
