import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translate, PatternError } from '../../../src/core/pipeline/bre';
import { parseArgs, coreutilsUsage } from '../../../src/core/pipeline/args';
import { FilterUsageError } from '../../../src/core/pipeline/filter';

const js = (pattern: string, extended = false) => translate(pattern, extended).source;

describe('POSIX regular expressions to JavaScript', () => {
  it('translates BRE operators and literals', () => {
    assert.equal(js('a\\(b\\)\\{2,3\\}\\|c'), 'a(b){2,3}|c');
    assert.equal(js('a+b?(c)'), 'a\\+b\\?\\(c\\)');
    assert.equal(js('*a'), '\\*a');
    assert.equal(js('a^b$c$'), 'a\\^b\\$c$');
    assert.equal(js('.'), '[^\\n]');
  });

  it('translates ERE, dropping a leading * with a warning like GNU', () => {
    const t = translate('*a|b+', true);
    assert.equal(t.source, 'a|b+');
    assert.deepEqual(t.warnings, ['* at start of expression']);
    assert.equal(js('a{,2}', true), 'a{0,2}');
    assert.equal(js('a{', true), 'a\\{');
  });

  it('translates bracket expressions and classes', () => {
    assert.equal(js('[]a-c[:digit:]]'), '[\\]a-c0-9]');
    assert.equal(js('[^\\]'), '[^\\\\]');
  });

  it('reports GNU error messages', () => {
    const message = (p: string, ere = false) => {
      try {
        translate(p, ere);
        return 'no error';
      } catch (e) {
        assert.ok(e instanceof PatternError);
        return e.message;
      }
    };
    assert.equal(message('\\(a'), 'Unmatched ( or \\(');
    assert.equal(message('a\\)'), 'Unmatched ) or \\)');
    assert.equal(message('[a'), 'Unmatched [, [^, [:, [., or [=');
    assert.equal(message('[z-a]'), 'Invalid range end');
    assert.equal(message('\\1'), 'Invalid back reference');
    assert.equal(message('a{2,1}', true), 'Invalid content of \\{\\}');
    assert.equal(message('[[:nope:]]'), 'Invalid character class name');
  });
});

describe('GNU-style option parsing', () => {
  const specs = [
    { key: 'n', short: 'n', long: 'lines', arg: 'required' as const },
    { key: 'v', short: 'v', long: 'verbose' },
    { key: 'c', short: 'c', long: 'count' },
    { key: 'c2', long: 'color' },
  ];
  const tool = coreutilsUsage('demo');

  it('reads clusters, attached and separate values, long options and operands anywhere', () => {
    const r = parseArgs(['-vn3', 'x', '--lines=4', '--verb', '-n', '5', '--', '-y'], specs, tool);
    assert.deepEqual(
      r.options.map((o) => [o.key, o.value]),
      [['v', undefined], ['n', '3'], ['n', '4'], ['v', undefined], ['n', '5']],
    );
    assert.deepEqual(r.operands, ['x', '-y']);
  });

  it('complains like glibc getopt', () => {
    const message = (args: string[]) => {
      try {
        parseArgs(args, specs, tool);
        return 'no error';
      } catch (e) {
        assert.ok(e instanceof FilterUsageError);
        return e.message;
      }
    };
    assert.equal(message(['-x']), "demo: invalid option -- 'x'\nTry 'demo --help' for more information.");
    assert.equal(message(['-n']), "demo: option requires an argument -- 'n'\nTry 'demo --help' for more information.");
    assert.equal(message(['--co']), "demo: option '--co' is ambiguous; possibilities: '--count' '--color'\nTry 'demo --help' for more information.");
    assert.equal(message(['--nope']), "demo: unrecognized option '--nope'\nTry 'demo --help' for more information.");
  });
});
