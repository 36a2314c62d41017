// Large outputs end to end, each case on data of its own (test/support/largeOutputs.ts):
// through pipes they count exactly what the real CLI piped to grep and wc counts; run
// as a cell, the result keeps only the last lines, the whole output is in a spool
// file identical to the real CLI's output, and the file goes when the session ends.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { Session } from '../../../src/core/engine';
import type { RunnerEvent } from '../../../src/core/runner';
import { acquireSandbox, type SandboxLease } from '../../sandbox/testing';
import { runNative, runReal } from '../../support/engine';
import { oneCellRunner, startLargeOutputs, type LargeCase, type LargeFixture } from '../../support/largeOutputs';

const SHOWN_LINES = 500;
const REAL_TIMEOUT_MS = 120_000;

let sandbox: SandboxLease;
let fixture: LargeFixture;

before(async () => {
  sandbox = await acquireSandbox();
  fixture = await startLargeOutputs(sandbox.env);
});

after(async () => {
  await fixture?.stop();
  await sandbox?.stop();
});

function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

function lastLines(text: string, count: number): string {
  const lines = text.split('\n');
  const ended = text.endsWith('\n');
  return lines.slice(-(count + (ended ? 1 : 0))).join('\n');
}

/** Runs the command as a notebook cell runs it: through the runner, in a session of its own. */
async function runAsCell(large: LargeCase, session: Session) {
  const { runner, index } = oneCellRunner(large.command, session, SHOWN_LINES);
  const events: RunnerEvent[] = [];
  runner.on((event) => void events.push(event));
  const { results } = await runner.run([index], { signal: new AbortController().signal });
  return { result: results[0].result, events };
}

describe('large outputs', () => {
  for (const index of [0, 1, 2]) {
    const large = () => fixture.cases[index];

    it(`case ${index + 1}: piped to grep and wc, the counts are the real CLI's`, async () => {
      const { command, grep, env } = large();
      for (const line of [`${command} | wc -l`, `${command} | grep ${grep} | wc -l`, `${command} | grep -c ${grep}`, `${command} | tail -3`]) {
        const theirs = await runReal(line, env, REAL_TIMEOUT_MS);
        assert.equal(theirs.exitCode, 0, `${line}: ${theirs.stderr}`);
        const ours = await runNative(line, { env });
        assert.deepEqual({ stdout: ours.stdout, stderr: ours.stderr, exitCode: ours.exitCode }, theirs, line);
      }
      const total = await runReal(`${command} | wc -l`, env, REAL_TIMEOUT_MS);
      assert.equal(Number(total.stdout.trim()), large().lines, `${command}: the fixture has the lines it should`);
    });

    it(`case ${index + 1}: the cell keeps its last lines, the whole output is in a file removed with the session`, async () => {
      const { command, env } = large();
      const theirs = await runReal(command, env, REAL_TIMEOUT_MS);
      assert.equal(theirs.exitCode, 0, theirs.stderr);
      const session = new Session(process.cwd(), env);
      const { result, events } = await runAsCell(large(), session);
      assert.equal(result.status, 'ok', result.stderr);
      const full = result.fullOutput?.stdout;
      assert.ok(full, `${command}: its output is spooled`);
      assert.equal(readFileSync(full.path, 'utf8'), theirs.stdout, `${command}: the file holds the whole output`);
      assert.deepEqual({ lines: full.lines, shownLines: full.shownLines, bytes: full.bytes }, { lines: lineCount(theirs.stdout), shownLines: SHOWN_LINES, bytes: Buffer.byteLength(theirs.stdout) });
      assert.equal(result.text, lastLines(theirs.stdout, SHOWN_LINES), `${command}: the result shows the last lines`);
      const kept = Buffer.byteLength(JSON.stringify(result));
      assert.ok(kept < Buffer.byteLength(theirs.stdout) / 20, `${command}: the result keeps ${kept} bytes of a ${theirs.stdout.length}-byte output`);
      assert.deepEqual(events.filter((e) => e.type === 'spooled').map((e) => e.type === 'spooled' && e.path), [full.path], 'the runner says once where the output goes');
      await session.dispose();
      assert.equal(existsSync(full.path), false, `${command}: the file is removed with the session`);
    });
  }
});
