// `aws s3 ...` through our engine and through the real aws CLI (1.45) on the
// sandbox's S3, compared byte for byte: stdout, stderr and exit code.
//
// Commands that change state run in two identical worlds so each side sees
// the same state: the real CLI in bucket `<base>-r` and folder real/, ours in
// `<base>-n` and native/ (the bucket name is mapped back before comparing).
// What differs by nature is normalised: upload times, aws-cli's progress line
// (it draws "Completed ... remaining\r" even into a pipe; a cell has no
// progress line), the order of lines of concurrent transfers, and presigned
// signatures and expiry times (and the key id: the sandbox's equals its
// secret key, which the engine masks in outputs).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Session } from '../../../../src/core/engine';
import { acquireSandbox, type SandboxLease } from '../../../sandbox/testing';
import { runNative, runReal, type Captured } from '../../../support/engine';

let sandbox: SandboxLease;
let env: Record<string, string | undefined>;
let root: string;
let nativeSession: Session;
const base = `s3parity-${process.pid}-${Date.now().toString(36)}`;
const realBucket = `${base}-r`;
const nativeBucket = `${base}-n`;
const results: { name: string; same: boolean }[] = [];

interface Case {
  /** `$B` stands for the world's bucket. */
  line: string;
  /** Transfers of several files finish in any order in aws-cli: compare the lines sorted. */
  unordered?: boolean;
}

const CASES: Case[] = [
  { line: 'aws s3 ls | grep archive-bucket' },
  { line: 'aws s3 ls s3://archive-bucket/' },
  { line: 'aws s3 ls s3://archive-bucket' },
  { line: 'aws s3 ls s3://archive-bucket/bench-10/' },
  { line: 'aws s3 ls s3://archive-bucket/bench-10/ --summarize --human-readable' },
  { line: 'aws s3 ls s3://archive-bucket/2024/ --human-readable' },
  { line: 'aws s3 ls s3://archive-bucket/bench --summarize' },
  { line: 'aws s3 ls --recursive s3://archive-bucket/2025/ --summarize' },
  { line: 'aws s3 ls s3://archive-bucket/bench-1000/ | wc -l' },
  { line: 'aws s3 ls --region us-east-1 s3://archive-bucket/nothing-here' },
  { line: 'aws s3 ls s3://archive-bucket/manifest.json' },
  { line: 'aws s3 ls s3://no-such-bucket-s3parity/' },
  { line: 'aws s3 ls s3://archive-bucket/ --bogus' },
  { line: 'aws s3 frob s3://archive-bucket/' },
  { line: 'aws s3 mb s3://$B' },
  { line: 'aws s3 mb s3://$B' },
  { line: 'aws s3 cp data/a.txt s3://$B/' },
  { line: 'aws s3 cp data s3://$B/tree/ --recursive --exclude "*.log"', unordered: true },
  { line: 'aws s3 cp data s3://$B/inc/ --recursive --exclude "*" --include "*.log"', unordered: true },
  { line: 'aws s3 cp data s3://$B/sub-only --recursive --exclude "*" --include "sub/*" --exclude "sub/skip*"', unordered: true },
  { line: 'aws s3 ls s3://$B/ --recursive' },
  { line: 'aws s3 ls s3://$B/tree/' },
  { line: 'aws s3 sync data s3://$B/sync/ --dryrun', unordered: true },
  { line: 'aws s3 sync data s3://$B/sync/', unordered: true },
  { line: 'aws s3 sync data s3://$B/sync/' },
  { line: 'aws s3 cp data/a.txt s3://$B/sync/extra.txt' },
  { line: 'aws s3 sync data s3://$B/sync/ --delete --dryrun' },
  { line: 'aws s3 sync data s3://$B/sync/ --delete' },
  { line: 'aws s3 cp s3://$B/a.txt out/a-copy.txt' },
  { line: 'aws s3 cp s3://$B/tree/ out/tree --recursive', unordered: true },
  { line: 'aws s3 sync s3://$B/sync/ out/synced', unordered: true },
  { line: 'aws s3 sync s3://$B/sync/ out/synced' },
  { line: 'aws s3 cp s3://$B/a.txt s3://$B/copied/a.txt' },
  { line: 'aws s3 mv s3://$B/copied/a.txt s3://$B/moved/a.txt' },
  { line: 'aws s3 mv data/move-me.txt s3://$B/moved/' },
  { line: 'aws s3 cp s3://$B/tree/ s3://$B/tree2/ --recursive --only-show-errors' },
  { line: 'aws s3 cp data/a.txt s3://$B/quiet.txt --quiet' },
  { line: 'aws s3 rm s3://$B/sync/ --recursive --dryrun', unordered: true },
  { line: 'aws s3 rm s3://$B/quiet.txt' },
  { line: 'aws s3 rm s3://$B/inc/ --recursive --exclude "*" --include "*.log"', unordered: true },
  { line: 'aws s3 cp s3://$B/missing.txt out/' },
  { line: 'aws s3 cp nothere.txt s3://$B/' },
  { line: 'aws s3 rm s3://no-such-bucket-s3parity/x' },
  { line: 'aws s3 sync s3://no-such-bucket-s3parity/ out/none' },
  { line: 'aws s3 rb s3://$B' },
  { line: 'aws s3 rb s3://$B/key' },
  { line: 'aws s3 presign s3://$B/a.txt --expires-in 60' },
  { line: 'aws s3 ls s3://$B/ --recursive --summarize' },
  { line: 'aws s3 rb s3://$B --force', unordered: true },
];

function makeWorld(dir: string): void {
  mkdirSync(join(dir, 'data', 'sub'), { recursive: true });
  mkdirSync(join(dir, 'out'), { recursive: true });
  writeFileSync(join(dir, 'data', 'a.txt'), 'alpha\n');
  writeFileSync(join(dir, 'data', 'b.log'), 'bravo log\n');
  writeFileSync(join(dir, 'data', 'c d.txt'), 'space in name\n');
  writeFileSync(join(dir, 'data', 'sub', 'e.txt'), 'echo\n');
  writeFileSync(join(dir, 'data', 'sub', 'skip.txt'), 'skipped\n');
  writeFileSync(join(dir, 'data', 'move-me.txt'), 'moving\n');
}

/** aws-cli's progress line: "Completed ...\r", and the padding it leaves after the next line. */
const stripProgress = (text: string) => text.replace(/Completed [^\r\n]*\r/g, '').replace(/ +$/gm, '');

function normalize(c: Captured, unordered: boolean, bucket: string): Captured {
  const n = (t: string) => {
    let out = stripProgress(t.split(bucket).join('<bucket>'))
      .replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/g, '<time>')
      .replace(/Signature=[^&\s]+/g, 'Signature=<sig>')
      // The sandbox's key id equals its secret key, which the engine masks in every output.
      .replace(/AWSAccessKeyId=[^&\s]+/g, 'AWSAccessKeyId=<key>')
      .replace(/Expires=\d+/g, 'Expires=<expires>');
    if (unordered) out = out.split('\n').filter(Boolean).sort().join('\n');
    return out;
  };
  return { stdout: n(c.stdout), stderr: n(c.stderr), exitCode: c.exitCode };
}

before(async () => {
  sandbox = await acquireSandbox({ services: ['s3'] });
  env = { ...process.env, ...sandbox.env };
  root = mkdtempSync(join(tmpdir(), 's3parity-'));
  makeWorld(join(root, 'real'));
  makeWorld(join(root, 'native'));
  nativeSession = new Session(join(root, 'native'), env);
});

after(async () => {
  const same = results.filter((r) => r.same).length;
  console.log(`aws s3 parity: ${same} identical of ${results.length}`);
  for (const r of results.filter((x) => !x.same)) console.log(`  differs: ${r.name}`);
  // Leave the sandbox as it was, whatever happened above.
  for (const b of [realBucket, nativeBucket]) await runReal(`aws s3 rb s3://${b} --force >/dev/null 2>&1`, env);
  await nativeSession?.dispose();
  rmSync(root, { recursive: true, force: true });
  await sandbox?.stop();
  assert.ok(results.length >= 25, `only ${results.length} cases ran`);
  assert.ok(same / results.length >= 0.95, `parity ${same}/${results.length} is under 95 %`);
});

describe('aws s3 parity with aws-cli 1.45', () => {
  for (const c of CASES) {
    it(c.line, async () => {
      const realLine = c.line.split('$B').join(realBucket);
      const nativeLine = c.line.split('$B').join(nativeBucket);
      const real = await runReal(`cd '${join(root, 'real')}' && ${realLine}`, env, 60_000);
      const native = await runNative(nativeLine, { env, session: nativeSession, cwd: join(root, 'native') });
      const a = normalize(native, !!c.unordered, nativeBucket);
      const b = normalize(real, !!c.unordered, realBucket);
      const same = a.stdout === b.stdout && a.stderr === b.stderr && a.exitCode === b.exitCode;
      results.push({ name: c.line, same });
      assert.deepEqual(a, b);
    });
  }
});
