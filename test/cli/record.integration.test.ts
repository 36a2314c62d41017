// `runbook run --record`, `--resume` and `runbook show`, as a user runs them:
// the built CLI in its own process against the Kubernetes API simulator.
// A record is written after every cell: a killed run leaves every finished
// cell in a record that still parses.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRunbook, serializeRunbook } from '../../src/core/markdown';
import { readRecord } from '../../src/core/records';
import { ensureBuilt } from '../support/build';
import { runProgram } from '../support/engine';
import { kubeFixture } from '../support/kubeSim';
import { PROJECT_ROOT } from '../support/shared';

const CLI = join(PROJECT_ROOT, 'bin', 'runbook.js');

function runbookFile(dir: string, name: string, steps: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, `# Steps\n\n${steps.map((s, i) => `${i + 1}. Step ${i + 1}\n\n   \`\`\`bash\n   ${s}\n   \`\`\`\n`).join('\n')}`);
  return file;
}

function recordIn(dir: string): string {
  const files = readdirSync(join(dir, 'incidents')).filter((f) => f.endsWith('.incident.md'));
  assert.equal(files.length, 1, files.join(', '));
  return join(dir, 'incidents', files[0]);
}

/** Polls a file until `done` holds for its text (the CLI writes it after each cell); fails after `ms`. */
async function fileUntil(path: string, done: (text: string) => boolean, ms: number): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (done(text)) return text;
    if (Date.now() > deadline) throw new Error(`${path} never reached the expected state:\n${text}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('runbook run --record, show, --resume and a killed run (the CLI in its own process)', async () => {
  ensureBuilt();
  const kube = await kubeFixture();
  const dir = mkdtempSync(join(tmpdir(), 'runbook-record-'));
  const cli = (args: string[]) => runProgram(process.execPath, [CLI, ...args], kube.env, 60_000);
  try {
    // A run that stops at a failed step: the record holds both cells, each after its own fence.
    const steps = runbookFile(dir, 'steps.runbook.md', ['kubectl get deploy tiktok-toe', 'kubectl get pod no-such-pod', 'kubectl get pods -l app=tiktok-toe']);
    const first = await cli(['run', steps, '--record']);
    assert.equal(first.exitCode, 3, first.stderr);
    const path = recordIn(dir);
    assert.match(first.stderr, new RegExp(`runbook: recording to ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`));
    let text = readFileSync(path, 'utf8');
    assert.equal(serializeRunbook(parseRunbook(text)), text);
    let read = readRecord(text);
    assert.deepEqual(read.cells.map((c) => c.runs.map((r) => [r.run.run, r.run.result.status, r.run.result.exitCode])), [[[1, 'ok', 0]], [[2, 'failed', 1]]]);
    assert.match(read.cells[0].runs[0].text, /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\ntiktok-toe\s/);
    assert.equal(read.cells[1].runs[0].stderr, 'Error from server (NotFound): pods "no-such-pod" not found\n');
    assert.equal(read.header?.runbook.path, '../steps.runbook.md');
    assert.deepEqual(read.header?.targets.map((t) => t.kind), ['kubernetes']);
    const roundtrip = await cli(['roundtrip', path]);
    assert.equal(roundtrip.exitCode, 0, roundtrip.stdout + roundtrip.stderr);

    // show: the same reader; one row per run.
    const shown = await cli(['show', path]);
    assert.equal(shown.exitCode, 0, shown.stderr);
    assert.match(shown.stdout, /^Steps \(\d{4}-\d\d-\d\d-steps\)\nstatus: {4}open\n/);
    assert.match(shown.stdout, /\n\d+\s+1\s+\S+\s+\d+ ms\s+0\s+ok\s+\d+ B\s+kubectl get deploy tiktok-toe\s+context \S+, namespace default\n/);
    assert.match(shown.stdout, /\n\d+\s+2\s+\S+\s+\d+ ms\s+1\s+failed\s+0 B\s+kubectl get pod no-such-pod\s/);
    const json = JSON.parse((await cli(['show', '--json', path])).stdout) as { runs: { run: number; command: string; edited: boolean }[] };
    assert.deepEqual(json.runs.map((r) => [r.run, r.command, r.edited]), [[1, 'kubectl get deploy tiktok-toe', false], [2, 'kubectl get pod no-such-pod', false]]);

    // --resume: only the cells after the last finished one run, and their runs are added.
    const resumed = await cli(['run', path, '--resume']);
    assert.equal(resumed.exitCode, 0, resumed.stderr);
    read = readRecord(readFileSync(path, 'utf8'));
    assert.deepEqual(read.cells.map((c) => c.runs.map((r) => r.run.run)), [[1], [2], [3]]);
    assert.deepEqual(read.events.map((e) => e.kind), ['start', 'run', 'run', 'skipped', 'run'], 'the first run stopped before step 3; the resumed run ran it');

    // A hand edit shows in show, and --record never overwrites a file.
    text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace(/(\n   tiktok-toe\s+)\d+\/\d+/, '$199/99'));
    const edited = await cli(['show', path]);
    assert.match(edited.stdout, /\n\d+\s+1\s.*\d+ B EDITED\s+kubectl get deploy/);
    assert.match(edited.stderr, /1 recorded output was edited after it was recorded/);
    const refused = await cli(['run', steps, '--record', path]);
    assert.equal(refused.exitCode, 4);
    assert.match(refused.stderr, /already exists; to add runs to a record, run it: runbook run /);
    const notRecord = await cli(['show', steps]);
    assert.equal(notRecord.exitCode, 4);
    assert.match(notRecord.stderr, /is not an incident record/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a run killed mid-cell leaves every finished cell in a record that parses', async () => {
  ensureBuilt();
  const kube = await kubeFixture();
  const dir = mkdtempSync(join(tmpdir(), 'runbook-record-kill-'));
  try {
    const file = runbookFile(dir, 'watch.runbook.md', ['kubectl get deploy tiktok-toe', 'kubectl get pods -l app=tiktok-toe', 'kubectl get pods -w', 'kubectl get nodes']);
    const out = join(dir, 'watch.incident.md');
    // The third cell streams until it is stopped: the process is killed while it runs.
    const child = spawn(process.execPath, [CLI, 'run', file, '--record', out, '--stream-window', '600000'], { env: kube.env as NodeJS.ProcessEnv, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      await fileUntil(out, (t) => readRecord(t).cells.length === 2, 30_000);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    const text = readFileSync(out, 'utf8');
    assert.equal(serializeRunbook(parseRunbook(text)), text, 'the record still parses and round-trips');
    const read = readRecord(text);
    assert.deepEqual(read.cells.map((c) => [c.code, c.runs.length, c.runs[0].edited]), [['kubectl get deploy tiktok-toe', 1, false], ['kubectl get pods -l app=tiktok-toe', 1, false]]);
    assert.equal(read.events.filter((e) => e.kind === 'run').length, 2);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file is left');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
