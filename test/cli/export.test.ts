// `runbook export RECORD --html OUT`: the page written, and the exit codes of
// the README's table (4: the record cannot be read or is not one).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportRecord } from '../../src/cli/export';
import { exportRecordHtml } from '../../src/core/records';
import { ensureBuilt } from '../support/build';
import { PROJECT_ROOT } from '../support/shared';
import { sampleRecord } from '../core/records/sampleRecord';
import { RUNBOOK, RUNS } from '../core/records/sampleRunbook';

function capture(record: string, html: string) {
  const err: string[] = [];
  const code = exportRecord(record, { html }, { out: () => assert.fail('nothing on stdout'), err: (l) => err.push(l) });
  return { code, err };
}

async function inTempDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-export-'));
  try {
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('export writes the record as HTML and exits 0', () =>
  inTempDir(async (dir) => {
    const record = join(dir, 'incident.incident.md');
    const { text } = await sampleRecord(RUNBOOK, RUNS);
    writeFileSync(record, text);
    const out = join(dir, 'incident.html');
    assert.deepEqual(capture(record, out), { code: 0, err: [`runbook: wrote ${out}`] });
    assert.equal(readFileSync(out, 'utf8'), exportRecordHtml(text));
  }));

test('export exits 4 for a record it cannot read or a file that is not a record, 1 when it cannot write', () =>
  inTempDir(async (dir) => {
    const out = join(dir, 'out.html');
    const missing = capture(join(dir, 'missing.incident.md'), out);
    assert.equal(missing.code, 4);
    assert.match(missing.err[0], /missing\.incident\.md: cannot read: ENOENT/);
    const latin1 = join(dir, 'latin1.incident.md');
    writeFileSync(latin1, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    assert.equal(capture(latin1, out).code, 4);
    const runbook = join(dir, 'plain.runbook.md');
    writeFileSync(runbook, RUNBOOK);
    assert.deepEqual(capture(runbook, out), { code: 4, err: [`runbook: ${runbook}: not an incident record (its front matter has no \`incident:\` header)`] });
    assert.equal(existsSync(out), false, 'nothing written for a file that is not a record');
    const record = join(dir, 'r.incident.md');
    writeFileSync(record, (await sampleRecord(RUNBOOK, RUNS)).text);
    const unwritable = capture(record, join(dir, 'no-such-folder', 'out.html'));
    assert.equal(unwritable.code, 1);
    assert.match(unwritable.err[0], /cannot write: ENOENT/);
  }));

test('the runbook command has export; without --html it is a usage error (exit 1)', () =>
  inTempDir(async (dir) => {
    ensureBuilt();
    const record = join(dir, 'r.incident.md');
    writeFileSync(record, (await sampleRecord(RUNBOOK, RUNS)).text);
    const cli = join(PROJECT_ROOT, 'bin', 'runbook.js');
    const usage = spawnSync(process.execPath, [cli, 'export', record], { encoding: 'utf8' });
    assert.equal(usage.status, 1);
    assert.match(usage.stderr, /required option '--html <out>' not specified/);
    const out = join(dir, 'r.html');
    const ok = spawnSync(process.execPath, [cli, 'export', record, '--html', out], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(readFileSync(out, 'utf8'), /^<!DOCTYPE html>/);
  }));
