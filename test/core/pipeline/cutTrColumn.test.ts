import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CSV, NODES, REDIS_INFO } from './fixtures';
import { runFilter } from './runFilter';

const out = async (program: string, args: string[], input: string) => (await runFilter(program, args, input)).stdout;

describe('cut', () => {
  it('selects fields by delimiter and list', async () => {
    assert.equal(await out('cut', ['-d', ',', '-f', '1,3'], CSV), 'name,mem\napi,512\nworker,2048\nredis,128\n');
    assert.equal(await out('cut', ['-d:', '-f2-'], 'a:b:c\n'), 'b:c\n');
    assert.equal(await out('cut', ['-f', '-2'], 'a\tb\tc\n'), 'a\tb\n');
  });

  it('keeps lines without the delimiter unless -s', async () => {
    assert.equal(await out('cut', ['-d', ':', '-f', '1'], 'a:b\nplain\n'), 'a\nplain\n');
    assert.equal(await out('cut', ['-s', '-d', ':', '-f', '1'], 'a:b\nplain\n'), 'a\n');
  });

  it('keeps the CR of CRLF input in the last field', async () => {
    assert.equal(await out('cut', ['-d', ':', '-f2'], REDIS_INFO).then((s) => s.split('\n')[1]), '7.2.4\r');
  });

  it('counts bytes with -c and -b, as GNU cut does', async () => {
    assert.equal(await out('cut', ['-c', '1-3'], 'abcdef\n'), 'abc\n');
    assert.equal(await out('cut', ['-c', '3-'], '日本語\n'), '\ufffd本語\n');
    assert.equal(await out('cut', ['-c', '2-3,1,5-', '--output-delimiter=|'], 'abcdef\n'), 'a|bc|ef\n');
  });

  it('supports --complement and --output-delimiter', async () => {
    assert.equal(await out('cut', ['-d', ',', '--complement', '-f2'], 'a,b,c\n'), 'a,c\n');
    assert.equal(await out('cut', ['-d', ',', '-f1,2', '--output-delimiter= -> '], 'a,b,c\n'), 'a -> b\n');
  });

  it('rejects bad lists with coreutils messages', async () => {
    assert.deepEqual(await runFilter('cut', ['-f', '0'], ''), {
      stdout: '',
      exitCode: 1,
      stderr: "cut: fields are numbered from 1\nTry 'cut --help' for more information.\n",
    });
    assert.equal((await runFilter('cut', ['-f', '3-1'], '')).stderr, "cut: invalid decreasing range\nTry 'cut --help' for more information.\n");
    assert.equal((await runFilter('cut', [], '')).stderr, "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n");
  });
});

describe('tr', () => {
  it('translates ranges and classes', async () => {
    assert.equal(await out('tr', ['a-z', 'A-Z'], 'hello, World\n'), 'HELLO, WORLD\n');
    assert.equal(await out('tr', ['[:upper:]', '[:lower:]'], 'ÉCOLE Abc\n'), 'École abc\n');
    assert.equal(await out('tr', [',', '\\t'], 'a,b\n'), 'a\tb\n');
    assert.equal(await out('tr', ['abc', 'x'], 'aabbcc\n'), 'xxxxxx\n');
  });

  it('deletes, squeezes and complements', async () => {
    assert.equal(await out('tr', ['-d', '\\r'], 'a\r\nb\r\n'), 'a\nb\n');
    assert.equal(await out('tr', ['-s', ' '], 'a    b  c\n'), 'a b c\n');
    assert.equal(await out('tr', ['-cs', '[:alnum:]', '\\n'], 'hello, world!\n'), 'hello\nworld\n');
    assert.equal(await out('tr', ['-d', '[:digit:]'], 'a1b22c\n'), 'abc\n');
  });

  it('works on bytes, like GNU tr', async () => {
    assert.equal(await out('tr', ['é', 'e'], 'héllo\n'), 'heello\n');
  });

  it('rejects missing and extra operands', async () => {
    assert.equal((await runFilter('tr', [], '')).stderr, "tr: missing operand\nTry 'tr --help' for more information.\n");
    assert.equal(
      (await runFilter('tr', ['a'], '')).stderr,
      "tr: missing operand after ‘a’\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n",
    );
    assert.equal(
      (await runFilter('tr', ['-d', 'a', 'b'], '')).stderr,
      "tr: extra operand ‘b’\nOnly one string may be given when deleting without squeezing repeats.\nTry 'tr --help' for more information.\n",
    );
  });
});

describe('column -t', () => {
  it('aligns columns with two spaces and no padding after the last column', async () => {
    assert.equal(
      await out('column', ['-t'], NODES),
      [
        'NAME       STATUS    ROLES          AGE  VERSION',
        'control-1  Ready     control-plane  40d  v1.32.1',
        'worker-1   Ready     <none>         40d  v1.32.1',
        'worker-2   NotReady  <none>         12d  v1.31.4',
        '',
      ].join('\n'),
    );
  });

  it('fills short rows to the widest row, as util-linux does', async () => {
    assert.equal(await out('column', ['-t'], 'a b c\nlonger x\n\nz\n'), 'a       b  c\nlonger  x  \nz          \n');
  });

  it('splits on every separator with -s, keeping empty cells', async () => {
    assert.equal(await out('column', ['-t', '-s', ':'], 'a:b::c\nxx:y:z:w\n'), 'a   b     c\nxx  y  z  w\n');
    assert.equal(await out('column', ['-t', '-s', ',', '-o', ' | '], 'a,bb\nccc,d\n'), 'a   | bb\nccc | d\n');
  });

  it('measures display width for wide characters', async () => {
    assert.equal(await out('column', ['-t'], '日本 x\nab y\n'), '日本  x\nab    y\n');
  });

  it('refuses the fill mode it does not implement', async () => {
    const r = await runFilter('column', [], 'a\n');
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, /table mode only/);
  });
});
