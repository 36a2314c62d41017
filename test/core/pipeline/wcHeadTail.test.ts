import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NO_FINAL_NEWLINE, SEQ, UNICODE } from './fixtures';
import { runFilter } from './runFilter';

const out = async (program: string, args: string[], input: string) => (await runFilter(program, args, input)).stdout;

describe('wc', () => {
  it('prints lines, words and bytes in width-7 columns for standard input', async () => {
    assert.equal(await out('wc', [], 'one two\nthree\n'), '      2       3      14\n');
    assert.equal(await out('wc', [], ''), '      0       0       0\n');
  });

  it('prints a single count without padding', async () => {
    assert.equal(await out('wc', ['-l'], 'a\nb\nc\n'), '3\n');
    assert.equal(await out('wc', ['-l'], NO_FINAL_NEWLINE), '2\n');
    assert.equal(await out('wc', ['--words'], 'a  b\tc\n'), '3\n');
  });

  it('counts UTF-8 bytes with -c and characters with -m', async () => {
    assert.equal(await out('wc', ['-c'], UNICODE), '65\n');
    assert.equal(await out('wc', ['-m'], UNICODE), '44\n');
    assert.equal(await out('wc', ['-lc'], 'é\n'), '      1       3\n');
  });

  it('treats no-break spaces as separators and lone control characters as no word', async () => {
    assert.equal(await out('wc', ['-w'], 'a\u00a0b \x01 c\n'), '3\n');
  });

  it('reports the longest line width with -L', async () => {
    assert.equal(await out('wc', ['-L'], 'a\tb\n日本\n'), '9\n');
  });

  it('rejects files and unknown options', async () => {
    const r = await runFilter('wc', ['-z'], '');
    assert.deepEqual(r, { stdout: '', exitCode: 1, stderr: "wc: invalid option -- 'z'\nTry 'wc --help' for more information.\n" });
  });
});

describe('head and tail', () => {
  it('default to ten lines', async () => {
    assert.equal(await out('head', [], SEQ), '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n');
    assert.equal(await out('tail', [], SEQ), '16\n17\n18\n19\n20\n21\n22\n23\n24\n25\n');
  });

  it('accept -n N, -N, -n -N and +N', async () => {
    assert.equal(await out('head', ['-n', '2'], SEQ), '1\n2\n');
    assert.equal(await out('head', ['-3'], SEQ), '1\n2\n3\n');
    assert.equal(await out('head', ['-n', '-23'], SEQ), '1\n2\n');
    assert.equal(await out('tail', ['-n', '+24'], SEQ), '24\n25\n');
    assert.equal(await out('tail', ['+25'], SEQ), '25\n');
    assert.equal(await out('tail', ['-2'], SEQ), '24\n25\n');
    assert.equal(await out('head', ['-n', '0'], SEQ), '');
  });

  it('keep a missing final newline as it is', async () => {
    assert.equal(await out('tail', ['-n', '1'], NO_FINAL_NEWLINE), 'gamma 3');
    assert.equal(await out('head', ['-n', '5'], NO_FINAL_NEWLINE), NO_FINAL_NEWLINE);
  });

  it('count UTF-8 bytes with -c', async () => {
    assert.equal(await out('head', ['-c', '3'], 'abcdef'), 'abc');
    assert.equal(await out('tail', ['-c', '4'], 'xyz😀'), '😀');
  });

  it('head is done once it has its lines, so the producer can stop', async () => {
    const { FILTERS } = await import('../../../src/core/pipeline');
    const head = FILTERS.head!(['-n', '2']);
    assert.equal(head.write('a\nb\nc\n'), 'a\nb\n');
    assert.equal(head.done, true);
    assert.equal(head.write('d\n'), '');
  });

  it('reject bad counts the way coreutils does', async () => {
    assert.deepEqual(await runFilter('head', ['-n', 'x'], ''), { stdout: '', exitCode: 1, stderr: 'head: invalid number of lines: ‘x’\n' });
    assert.equal((await runFilter('tail', ['-c', '1q'], '')).stderr, 'tail: invalid number of bytes: ‘1q’\n');
  });
});
