import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LOG, PODS, REDIS_INFO } from './fixtures';
import { runFilter } from './runFilter';

const grep = (args: string[], input: string) => runFilter('grep', args, input);

describe('grep', () => {
  it('selects matching lines and exits 0, or exits 1 when nothing matches', async () => {
    assert.deepEqual(await grep(['timeout'], LOG), {
      stdout: '2024-05-01T10:00:04Z ERROR timeout calling redis-0 after 5000ms\n',
      exitCode: 0,
      stderr: '',
    });
    assert.deepEqual(await grep(['nothing-here'], LOG), { stdout: '', exitCode: 1, stderr: '' });
  });

  it('counts with -c, including zero', async () => {
    assert.equal((await grep(['-c', 'ERROR'], LOG)).stdout, '3\n');
    const none = await grep(['-c', 'FATAL'], LOG);
    assert.equal(none.stdout, '0\n');
    assert.equal(none.exitCode, 1);
  });

  it('combines -i -n -v and clustered flags', async () => {
    assert.equal((await grep(['-in', 'info'], 'a\nINFO x\nb\ninfo y\n')).stdout, '2:INFO x\n4:info y\n');
    assert.equal((await grep(['-vc', 'a'], 'a\nb\nc\n')).stdout, '2\n');
  });

  it('prints context with -A/-B/-C, N- prefixes and -- between groups', async () => {
    const input = 'x\na\nb\nc\nx\nd\ne\nf\ng\nx\n';
    assert.equal((await grep(['-n', '-A1', 'x'], input)).stdout, '1:x\n2-a\n--\n5:x\n6-d\n--\n10:x\n');
    assert.equal((await grep(['-B', '2', 'x'], input)).stdout, 'x\n--\nb\nc\nx\n--\nf\ng\nx\n');
    assert.equal((await grep(['-C1', '--group-separator=##', 'x'], input)).stdout, 'x\na\n##\nc\nx\nd\n##\ng\nx\n');
  });

  it('prints each match with -o, POSIX longest match for alternation', async () => {
    assert.equal((await grep(['-o', '[0-9]\\+ms'], LOG)).stdout, '12ms\n3012ms\n850ms\n9ms\n5000ms\n3001ms\n');
    assert.equal((await grep(['-oE', 'ERR|ERROR'], 'ERROR x ERR\n')).stdout, 'ERROR\nERR\n');
    assert.equal((await grep(['-on', 'b'], 'abcb\n')).stdout, '1:b\n1:b\n');
  });

  it('reads basic regular expressions the GNU way', async () => {
    const input = 'a+b\naab\n(x)\nx|y\nx\n';
    assert.equal((await grep(['a+b'], input)).stdout, 'a+b\n');
    assert.equal((await grep(['a\\+b'], input)).stdout, 'aab\n');
    assert.equal((await grep(['(x)'], input)).stdout, '(x)\n');
    assert.equal((await grep(['\\(x\\)|'], input)).stdout, 'x|y\n');
    assert.equal((await grep(['x\\|y'], input)).stdout, '(x)\nx|y\nx\n');
    assert.equal((await grep(['a\\{2\\}'], input)).stdout, 'aab\n');
    assert.equal((await grep(['[[:digit:]][[:space:]]'], '1 \n2x\n')).stdout, '1 \n');
    assert.equal((await grep(['\\(ab\\)\\1'], 'abab\nab\n')).stdout, 'abab\n');
  });

  it('reads extended regular expressions with -E', async () => {
    assert.equal((await grep(['-E', '(ERROR|WARN) +[a-z]+ (query|connection)'], LOG)).stdout.split('\n').length - 1, 3);
    assert.equal((await grep(['-E', 'a{2,}'], 'a\naa\naaa\n')).stdout, 'aa\naaa\n');
    assert.equal((await grep(['-E', 'a{'], 'a{\n')).stdout, 'a{\n');
  });

  it('matches whole words and whole lines', async () => {
    assert.equal((await grep(['-w', 'api'], 'api x\nrapid\napi-7\n')).stdout, 'api x\napi-7\n');
    assert.equal((await grep(['-x', 'redis-0'], 'redis-0\nredis-0 x\n')).stdout, 'redis-0\n');
    assert.equal((await grep(['-F', '-x', '-e', '1', '-e', '3'], '1\n2\n3\n13\n')).stdout, '1\n3\n');
  });

  it('keeps CR in CRLF lines, so $ does not match before it', async () => {
    assert.equal((await grep(['hits'], REDIS_INFO)).stdout, 'keyspace_hits:123\r\n');
    assert.equal((await grep(['-c', 'hits:123$'], REDIS_INFO)).stdout, '0\n');
  });

  it('stops early: -q, -m and done', async () => {
    assert.deepEqual(await grep(['-q', 'ERROR'], LOG), { stdout: '', exitCode: 0, stderr: '' });
    assert.equal((await grep(['-m1', 'Running'], PODS)).stdout, 'api-7d9f8b6c5-x2k4p        1/1     Running            0              3d2h\n');
    const { FILTERS } = await import('../../../src/core/pipeline');
    const filter = FILTERS.grep!(['-q', 'x']);
    filter.write('a\nx\n');
    assert.equal(filter.done, true);
  });

  it('adds the newline a last line lacks', async () => {
    assert.equal((await grep(['b'], 'a\nb')).stdout, 'b\n');
  });

  it('reports binary input on stderr, like GNU grep 3.8', async () => {
    const r = await grep(['a'], 'a\0\n');
    assert.deepEqual(r, { stdout: '', exitCode: 0, stderr: 'grep: (standard input): binary file matches\n' });
  });

  it('rejects bad usage with GNU messages and status 2', async () => {
    assert.deepEqual(await grep([], 'x'), {
      stdout: '',
      exitCode: 2,
      stderr: "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n",
    });
    assert.equal(
      (await grep(['-Q', 'x'], 'x')).stderr,
      "grep: invalid option -- 'Q'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n",
    );
    assert.equal((await grep(['-A', 'x', 'y'], 'x')).stderr, 'grep: x: invalid context length argument\n');
    assert.equal((await grep(['\\(x'], 'x')).stderr, 'grep: Unmatched ( or \\(\n');
    assert.equal((await grep(['[:space:]'], 'x')).stderr, 'grep: character class syntax is [[:space:]], not [:space:]\n');
    const file = await grep(['x', 'app.log'], 'x');
    assert.equal(file.exitCode, 2);
    assert.match(file.stderr, /'app\.log': files are not read in a pipe/);
  });
});
