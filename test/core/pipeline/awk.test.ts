import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CSV, LOG, NODES, PODS, REDIS_INFO } from './fixtures';
import { runFilter } from './runFilter';

const awk = (args: string[], input: string) => runFilter('awk', args, input);
const out = async (args: string[], input: string) => (await awk(args, input)).stdout;

describe('awk', () => {
  it('prints fields: $1, several with OFS, $NF, and literal separators', async () => {
    assert.equal(await out(['{print $1}'], 'a b c\nd e f\n'), 'a\nd\n');
    assert.equal(await out(['{print $1, $3}'], 'a b c\n'), 'a c\n');
    assert.equal(await out(['{print $NF}'], 'a b c\n  x  \n'), 'c\nx\n');
    assert.equal(await out(['{print $1 "\\t" $2}'], 'a b\n'), 'a\tb\n');
    assert.equal(await out(['{print $(NF-1)}'], 'a b c\n'), 'b\n');
  });

  it('splits on -F (a character or a regular expression)', async () => {
    assert.equal(await out(['-F', ':', '{print $2}'], 'keyspace_hits:123\n'), '123\n');
    assert.equal(await out(['-F:', '{print $1}'], 'a:b\n'), 'a\n');
    assert.equal(await out(['-F', '[:=]+', '{print $3}'], 'a:=b==c\n'), 'c\n');
    assert.equal(await out(['-F', '\\t', '{print $2}'], 'a b\tc d\n'), 'c d\n');
    assert.equal(await out(['-F', '|', '{print $2}'], 'a|b|c\n'), 'b\n');
  });

  it('filters with patterns: NR, regex, numeric comparison, ranges, negation', async () => {
    assert.equal(await out(['NR>1 {print $1}'], NODES), 'control-1\nworker-1\nworker-2\n');
    assert.equal(await out(['/ERROR/ {print $2}'], LOG), 'ERROR\nERROR\nERROR\n');
    // The header's "RESTARTS" is not numeric, so it compares as a string (and "R" > "1").
    assert.equal(await out(['$4 > 1 {print $1}'], PODS), 'NAME\napi-7d9f8b6c5-z9q8w\nworker-5c6d7e8f9-abcde\n');
    assert.equal(await out(['NR==2, NR==3'], 'a\nb\nc\nd\n'), 'b\nc\n');
    assert.equal(await out(['!/b/'], 'a\nb\nc\n'), 'a\nc\n');
    assert.equal(await out(['$2 == "Ready"'], NODES), 'control-1      Ready    control-plane   40d   v1.32.1\nworker-1       Ready    <none>          40d   v1.32.1\n');
  });

  it('aggregates in END', async () => {
    assert.equal(await out(['END {print NR}'], LOG), '9\n');
    assert.equal(await out(['{s+=$2} END {print s}'], 'a 1\nb 2.5\nc 3\n'), '6.5\n');
    assert.equal(await out(['-F:', '/hits|misses/ {s+=$2} END {print s}'], REDIS_INFO), '168\n');
    assert.equal(await out(['{c[$3]++} END {print c["Running"], length(c)}'], PODS), '4 4\n');
  });

  it('formats numbers like gawk: integers exactly, others with %.6g', async () => {
    assert.equal(await out(['{print $1/3, $1*1e6, 2^53, 0.1+0.2, 1e6+0.5, 100000*100000}'], '7\n'), '2.33333 7000000 9007199254740992 0.3 1e+06 10000000000\n');
    assert.equal(await out(['BEGIN {printf "%5.1f|%-4s|%03d|%x|%e|%g|%c\\n", 3.14159, "ab", 7, 255, 12345.678, 0.0001, 65}'], ''), '  3.1|ab  |007|ff|1.234568e+04|0.0001|A\n');
    assert.equal(await out(['BEGIN {printf "%.0f %.0f %.2f\\n", 0.5, 2.5, 2.675}'], ''), '0 2 2.67\n');
  });

  it('has the string functions', async () => {
    assert.equal(await out(['{print length($0), substr($0, 2, 3), index($0, "l"), toupper($0)}'], 'héllo\n'), '5 éll 3 HÉLLO\n');
    assert.equal(await out(['{n = gsub(/o/, "0"); print n, $0}'], 'foo boo\n'), '4 f00 b00\n');
    assert.equal(await out(['{sub(/[0-9]+/, "<&>"); print}'], 'took 12ms\n'), 'took <12>ms\n');
    assert.equal(await out(['{n = split($0, a, "-"); print n, a[1], a[n]}'], 'api-7d9f-x2k4p\n'), '3 api x2k4p\n');
    assert.equal(await out(['{print match($0, /[0-9]+/), RSTART, RLENGTH}'], 'ab123c\n'), '3 3 3\n');
    assert.equal(await out(['{printf "%s|", sprintf("%05.1f", $1)} END {print ""}'], '3.14159\n'), '003.1|\n');
  });

  it('rebuilds $0 when a field or NF changes', async () => {
    assert.equal(await out(['{$2 = ""; print}'], 'a b c\n'), 'a  c\n');
    assert.equal(await out(['BEGIN {OFS=","} {$1 = $1; print}'], 'a b c\n'), 'a,b,c\n');
    assert.equal(await out(['{NF = 2; print}'], 'a b c\n'), 'a b\n');
    assert.equal(await out(['{$5 = "e"; print; print NF}'], 'a b\n'), 'a b   e\n5\n');
  });

  it('runs control flow, arrays and user functions', async () => {
    const program = 'function sq(x) { return x * x } { for (i = 1; i <= NF; i++) if ($i % 2) t += sq($i); else continue } END { print t }';
    assert.equal(await out([program], '1 2 3\n4 5\n'), '35\n');
    assert.equal(await out(['{a[NR] = $0} END {for (i = NR; i > 0; i--) print a[i]}'], 'x\ny\nz\n'), 'z\ny\nx\n');
    assert.equal(await out(['BEGIN {while (i < 3) i++; do j++; while (j < 5); print i, j}'], ''), '3 5\n');
    assert.equal(await out(['{if ((NR, $1) in seen) print "dup"; seen[NR, $1] = 1} END {print length(seen)}'], 'a\nb\n'), '2\n');
  });

  it('honours -v, var=value operands, RS="" paragraphs, printf and CSV', async () => {
    assert.equal(await out(['-v', 'n=2', 'NR == n'], 'a\nb\nc\n'), 'b\n');
    assert.equal(await out(['{print $1, x}', 'x=5'], 'a\n'), 'a 5\n');
    assert.equal(await out(['BEGIN {RS = ""} {print NR ": " $1}'], 'a b\nc\n\n\nd\n'), '1: a\n2: d\n');
    assert.equal(await out(['-F,', 'NR > 1 {printf "%-8s%6.1f\\n", $1, $2}'], CSV), 'api      250.0\nworker  1200.0\nredis     75.5\n');
  });

  it('exits with the given status after running END; print > "/dev/stderr" goes to stderr', async () => {
    assert.deepEqual(await awk(['NR == 2 {exit 3} {print} END {print "end"}'], 'a\nb\nc\n'), { stdout: 'a\nend\n', exitCode: 3, stderr: '' });
    assert.deepEqual(await awk(['{print "oops" > "/dev/stderr"}'], 'a\n'), { stdout: '', exitCode: 0, stderr: 'oops\n' });
  });

  it('stops with a gawk-style fatal error on division by zero, keeping earlier output', async () => {
    assert.deepEqual(await awk(['{print 6 / $1}'], '3\n0\n1\n'), {
      stdout: '2\n',
      exitCode: 2,
      stderr: 'awk: cmd. line:1: (FILENAME=- FNR=2) fatal: division by zero attempted\n',
    });
  });

  it('reports syntax errors as gawk does', async () => {
    assert.deepEqual(await awk(['{print $1'], 'a\n'), {
      stdout: '',
      exitCode: 1,
      stderr: 'awk: cmd. line:1: {print $1\nawk: cmd. line:1:          ^ unexpected newline or end of string\n',
    });
  });

  it('says plainly which features it does not support', async () => {
    for (const [program, feature] of [
      ['{getline line}', 'getline'],
      ['{print | "sort"}', 'output to a command'],
      ['{print > "out.txt"}', 'output to a file'],
      ['BEGIN {system("ls")}', 'system()'],
    ] as const) {
      const r = await awk([program], '');
      assert.equal(r.exitCode, 2, program);
      assert.ok(r.stderr.startsWith(`awk: this program uses ${feature}`), r.stderr);
      assert.ok(r.stderr.includes('which the built-in awk does not support; run it in a terminal'));
    }
  });

  it('refuses to read files', async () => {
    const r = await awk(['{print}', 'data.txt'], '');
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /'data\.txt': files are not read in a pipe/);
  });
});

// Found by test/core/pipeline/awk.fuzz.test.ts: each once escaped as a TypeError or RangeError.
// Expected texts are what gawk 5.2 prints.
describe('awk: built-in calls that once crashed', () => {
  it('refuses a built-in called with a number of arguments gawk does not allow, pointing at the closing parenthesis', async () => {
    assert.deepEqual(await awk(['BEGIN { lshift() }'], ''), {
      stdout: '',
      exitCode: 1,
      stderr: 'awk: cmd. line:1: BEGIN { lshift() }\nawk: cmd. line:1:                ^ 0 is invalid as number of arguments for lshift\n',
    });
    assert.deepEqual(await awk(['{ print substr($1) }'], 'a\n'), {
      stdout: '',
      exitCode: 1,
      stderr: 'awk: cmd. line:1: { print substr($1) }\nawk: cmd. line:1:                  ^ 1 is invalid as number of arguments for substr\n',
    });
    for (const call of ['index()', 'split(a)', 'sub(/x/)', 'gsub(/x/, "y", $0, 1)', 'gensub(/x/, "y")', 'match($0)', 'sin()', 'cos(1, 2)', 'atan2(1)', 'exp()', 'log()', 'sqrt()', 'int()', 'rand(1)', 'tolower()', 'toupper(1, 2)', 'length(1, 2)', 'typeof()', 'compl()']) {
      const r = await awk([`BEGIN { x = ${call} }`], '');
      assert.equal(r.exitCode, 1, call);
      assert.match(r.stderr, /\^ \d is invalid as number of arguments for [a-z0-9]+\n$/, call);
    }
  });

  it('stops with gawk\'s fatal error when and, or or xor get fewer than two arguments, or a bit function a negative one', async () => {
    const fatal = async (program: string) => (await awk([program], '')).stderr;
    assert.equal(await fatal('BEGIN { print and() }'), 'awk: cmd. line:1: fatal: and: called with less than two arguments\n');
    assert.equal(await fatal('BEGIN { print xor(7) }'), 'awk: cmd. line:1: fatal: xor: called with less than two arguments\n');
    assert.equal(await fatal('BEGIN { print or(3, -0.000012345) }'), 'awk: cmd. line:1: fatal: or: argument 2 negative value -1.2345e-05 is not allowed\n');
    assert.equal(await fatal('BEGIN { print lshift(1, -1e400) }'), 'awk: cmd. line:1: fatal: lshift(1.000000, -inf): negative values are not allowed\n');
    assert.equal(await fatal('BEGIN { print rshift(-2.5, 1) }'), 'awk: cmd. line:1: fatal: rshift(-2.500000, 1.000000): negative values are not allowed\n');
    assert.equal(await fatal('BEGIN { print compl(-1) }'), 'awk: cmd. line:1: fatal: compl(-1.000000): negative value is not allowed\n');
  });

  it('takes infinities as 0 and shift counts modulo 64 in the bit functions, as gawk does', async () => {
    assert.equal(await out(['BEGIN { print and(1e400, 1), rshift(1e400, 1), compl(1e400) }'], ''), '0 0 9007199254740991\n');
    assert.equal(await out(['BEGIN { print lshift(1, 1e10), lshift(1, 65), rshift(8, 65), lshift(3, 63) }'], ''), '1 2 4 9223372036854775808\n');
  });
});
