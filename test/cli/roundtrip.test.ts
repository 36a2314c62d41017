import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { roundtripCommand } from '../../src/cli/roundtrip';
import { firstDifference } from '../../src/core/markdown';
import { ensureBuilt } from '../support/build';
import { PROJECT_ROOT, SEED_RUNBOOK, sharedMissing } from '../support/shared';

function capture(files: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = roundtripCommand(files, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

test('roundtrip prints one line per file and exits 0 when all are identical', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-cli-'));
  try {
    const a = join(dir, 'a.md');
    const b = join(dir, 'b.md');
    writeFileSync(a, '# A\r\n\r\n1. Step\r\n   ```sh\r\n   ls\r\n   ```');
    writeFileSync(b, '\uFEFF---\ntitle: b\n---\n~~~~sql\nSELECT 1;\n');
    assert.deepEqual(capture([a, b]), { code: 0, out: [`${a}: identical`, `${b}: identical`], err: [] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('roundtrip reports unreadable and undecodable files and exits 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-cli-'));
  try {
    const bad = join(dir, 'latin1.md');
    writeFileSync(bad, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    const result = capture([join(dir, 'missing.md'), bad]);
    assert.equal(result.code, 2);
    assert.deepEqual(result.out, []);
    assert.match(result.err[0], /missing\.md: cannot read: ENOENT/);
    assert.match(result.err[1], /latin1\.md is not valid UTF-8 \(bad byte 0xe9 at offset 3\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the runbook command runs from source with --help and roundtrip', { skip: sharedMissing() }, () => {
  const cli = ['--import', 'tsx', join(PROJECT_ROOT, 'src', 'cli', 'main.ts')];
  const help = spawnSync(process.execPath, [...cli, 'roundtrip', '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Usage: runbook roundtrip \[options\] <files\.\.\.>/);
  const run = spawnSync(process.execPath, [...cli, 'roundtrip', SEED_RUNBOOK], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, `${SEED_RUNBOOK}: identical\n`);
});

test('the built bin/runbook.js reports a difference position the way the core finds it', () => {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'runbook-cli-'));
  try {
    const file = join(dir, 'ok.md');
    writeFileSync(file, '# ok\n');
    const run = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'runbook.js'), 'roundtrip', file], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, `${file}: identical\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(firstDifference(Buffer.from('abcd'), Buffer.from('abXd')), 2);
  assert.equal(firstDifference(Buffer.from('abc'), Buffer.from('abcd')), 3);
  assert.equal(firstDifference(Buffer.from('abc'), Buffer.from('abc')), -1);
});
