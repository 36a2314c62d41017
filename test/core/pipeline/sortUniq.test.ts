import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NUMBERS, PODS, REPEATS, SIZES, VERSIONS } from './fixtures';
import { runFilter } from './runFilter';

const out = async (program: string, args: string[], input: string) => (await runFilter(program, args, input)).stdout;

describe('sort', () => {
  it('orders by code point (LC_ALL=C.UTF-8), uppercase before lowercase', async () => {
    assert.equal(await out('sort', [], 'b\nB\na\n_\nA\né\n1\n'), '1\nA\nB\n_\na\nb\né\n');
  });

  it('sorts numerically with -n, non-numbers as zero, ties by whole line', async () => {
    assert.equal(await out('sort', ['-n'], NUMBERS), '-3\n\n-0\nabc\n1e3\n2.5\n  7\n007\n9\n10\n100\n');
    assert.equal(await out('sort', ['-rn'], '1\n10\n2\n'), '10\n2\n1\n');
  });

  it('sorts by keys with -k and -t', async () => {
    assert.equal(
      await out('sort', ['-k4,4nr', '-k1,1'], PODS).then((s) => s.split('\n').map((l) => l.split(/\s+/)[0]).join(' ')),
      'worker-5c6d7e8f9-abcde api-7d9f8b6c5-z9q8w postgres-0 NAME api-7d9f8b6c5-x2k4p batch-job-28391-xk2z redis-0 ',
    );
    assert.equal(await out('sort', ['-t', ':', '-k2n'], 'a:10\nb:9\nc:100\n'), 'b:9\na:10\nc:100\n');
    assert.equal(await out('sort', ['-k2'], 'x b\ny a\nz b\n'), 'y a\nx b\nz b\n');
  });

  it('supports -h, -V, -M, -f, -u, -s and -r', async () => {
    assert.equal(await out('sort', ['-h'], SIZES), '-2K\n0\n512\n3K\n200M\n1.5G\n1T\n');
    assert.equal(await out('sort', ['-V'], VERSIONS), 'v1.9.0\nv1.10.0\nv1.31.4\nv1.31.10\nv1.32.1\n');
    assert.equal(await out('sort', ['-M'], 'Mar\nJan\nx\nDec\n'), 'x\nJan\nMar\nDec\n');
    assert.equal(await out('sort', ['-u'], REPEATS), 'Failed\nPending\nRunning\nrunning\n');
    assert.equal(await out('sort', ['-fu'], REPEATS), 'Failed\nPending\nRunning\n');
    assert.equal(await out('sort', ['-s', '-k1,1'], 'b 2\na 2\nb 1\n'), 'a 2\nb 2\nb 1\n');
    assert.equal(await out('sort', ['-k1,1'], 'b 2\na 2\nb 1\n'), 'a 2\nb 1\nb 2\n');
  });

  it('checks order with -c', async () => {
    const r = await runFilter('sort', ['-c'], 'a\nc\nb\n');
    assert.deepEqual(r, { stdout: '', exitCode: 1, stderr: 'sort: -:3: disorder: b\n' });
  });

  it('rejects bad keys and incompatible options with status 2', async () => {
    assert.equal((await runFilter('sort', ['-k', '0'], '')).stderr, 'sort: field number is zero: invalid field specification ‘0’\n');
    assert.equal((await runFilter('sort', ['-gn'], '')).stderr, "sort: options '-gn' are incompatible\n");
    assert.equal((await runFilter('sort', ['-t', 'ab'], '')).exitCode, 2);
  });
});

describe('uniq', () => {
  it('collapses adjacent duplicates', async () => {
    assert.equal(await out('uniq', [], REPEATS), 'Running\nPending\nRunning\nrunning\nFailed\n');
  });

  it('prints GNU counts with -c: width 7 then a space', async () => {
    assert.equal(await out('uniq', ['-c'], 'a\na\na\nb\n'), '      3 a\n      1 b\n');
    assert.equal(await out('uniq', ['-ic'], REPEATS), '      2 Running\n      1 Pending\n      2 Running\n      2 Failed\n');
  });

  it('selects with -d, -u and -D', async () => {
    assert.equal(await out('uniq', ['-d'], REPEATS), 'Running\nFailed\n');
    assert.equal(await out('uniq', ['-u'], REPEATS), 'Pending\nRunning\nrunning\n');
    assert.equal(await out('uniq', ['-D'], 'a\na\nb\n'), 'a\na\n');
  });

  it('skips fields and characters', async () => {
    assert.equal(await out('uniq', ['-f1', '-c'], 'x 1\ny 1\nz 2\n'), '      2 x 1\n      1 z 2\n');
    assert.equal(await out('uniq', ['-s1'], 'a1\nb1\nc2\n'), 'a1\nc2\n');
  });

  it('adds a newline to a last line without one', async () => {
    assert.equal(await out('uniq', [], 'x\nx'), 'x\n');
  });
});
