// Fuzzing the built-in awk's parser: any program either parses or fails with
// AwkSyntaxError (pointing inside the program) or AwkUnsupported, which the
// filter turns into gawk's message on stderr; a program that parses, without
// loops, runs over a few lines with no exception escaping.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FILTERS, FilterUsageError } from '../../../src/core/pipeline';
import { AwkSyntaxError, AwkUnsupported } from '../../../src/core/pipeline/awk/errors';
import { parseProgram } from '../../../src/core/pipeline/awk/parser';
import { runFilter } from './runFilter';
import { fuzz, fuzzAsync } from '../../support/fuzzRuns';

const LOOPS = ['while', 'for', 'do', 'function', 'func'];

const token = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(
    'BEGIN', 'END', '{', '}', '(', ')', '[', ']', ';', '\n', ',', ' ', 'print', 'printf', 'if', 'else', 'next', 'exit', 'delete', 'in', 'return', 'getline', 'break', 'continue',
    ...LOOPS, '$', '$0', '$1', '$NF', 'NF', 'NR', 'FS', 'OFS', 'RS', 'x', 'a', 'a[1]', 'a["k"]', 'f(', 'f', '1', '0', '-1', '1e3', '0x1A', '.5',
    '"s"', '"%d %s\\n"', '"%*.*f"', '"%c"', '"', '/re/', '/[a-/', '/', '\\', '+', '-', '*', '/', '%', '^', '**', '!', '~', '!~', '==', '<', '>', '>>', '|', '&&', '||', '?', ':', '=', '+=', '++', '--',
    'length', 'substr(', 'split(', 'sub(', 'gsub(', 'gensub(', 'match(', 'sprintf(', 'index(', 'int(', 'sqrt(', 'log(', 'exp(', 'tolower(', 'toupper(', 'system(', 'close(', 'srand(', 'strftime(', 'and(', 'lshift(', 'asort(', 'typeof(', 'isarray(', 'BEGINFILE', '#',
  ) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 2 }) },
);
const program = fc.array(token, { maxLength: 20 }).map((t) => t.join(' '));
/** Programs that are shaped like awk more often: a pattern and an action of several statements. */
const statement = fc.array(token, { maxLength: 6 }).map((t) => t.join(' '));
const shaped = fc.tuple(fc.constantFrom('', 'BEGIN', 'END', 'NR>1', '/a/', '$1=="x"', 'NR==1,NR==2'), fc.array(statement, { maxLength: 4 })).map(([p, s]) => `${p} { ${s.join('; ')} }`);
const anyProgram = fc.oneof(program, shaped);
const INPUT = 'a b c\n1 2 3\nx  y\t z\n\n';

test('any awk program parses or fails with a syntax error inside it, or as unsupported', (t) => {
  fuzz(t, 10_000, fc.property(anyProgram, (src) => {
    try {
      parseProgram(src);
    } catch (e) {
      if (e instanceof AwkSyntaxError) {
        assert.ok(e.message.length > 0 && e.offset >= 0 && e.offset <= src.length, `offset ${e.offset} outside ${JSON.stringify(src)}`);
        return;
      }
      assert.ok(e instanceof AwkUnsupported, `${JSON.stringify(src)} threw ${e instanceof Error ? e.stack : String(e)}`);
    }
  }));
});

test('awk refuses a program it cannot parse with a message on stderr, never an exception', (t) => {
  fuzz(t, 5_000, fc.property(anyProgram, (src) => {
    try {
      parseProgram(src);
      return;
    } catch {
      // Only programs that do not parse: the message is the filter's.
    }
    assert.throws(() => FILTERS.awk!(['--', src]), (e: unknown) => e instanceof FilterUsageError && /^awk: /.test(e.message) && e.exitCode > 0);
  }));
});

test('a loop-free awk program that parses runs over some lines, failing only with a message', async (t) => {
  const loopFree = anyProgram.filter((src) => !LOOPS.some((w) => src.includes(w)));
  await fuzzAsync(t, 4_000, fc.asyncProperty(loopFree, async (src) => {
    try {
      parseProgram(src);
    } catch {
      return;
    }
    const run = await runFilter('awk', ['--', src], INPUT);
    assert.equal(typeof run.stdout, 'string');
    if (run.exitCode === 2) assert.match(run.stderr, /awk: /, `exit 2 without a message for ${JSON.stringify(src)}`);
  }));
});
