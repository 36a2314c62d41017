import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { FILTERS, FilterUsageError, isFilter } from '../../../src/core/pipeline';
import { LOG, PODS, REDIS_INFO, UNICODE } from './fixtures';
import { runFilter } from './runFilter';

describe('pipeline filter registry', () => {
  it('has the built-in filters', () => {
    for (const name of ['grep', 'egrep', 'wc', 'head', 'tail', 'sort', 'uniq', 'cut', 'tr', 'awk', 'column', 'jq']) {
      assert.ok(isFilter(name), name);
      assert.equal(typeof FILTERS[name], 'function');
    }
    assert.equal(isFilter('kubectl'), false);
    assert.equal(isFilter('toString'), false);
  });

  it('throws FilterUsageError with the exit status of the real tool', () => {
    assert.throws(() => FILTERS.grep!([]), (e: unknown) => e instanceof FilterUsageError && e.exitCode === 2);
    assert.throws(() => FILTERS.wc!(['-Q']), (e: unknown) => e instanceof FilterUsageError && e.exitCode === 1);
    assert.throws(() => FILTERS.sort!(['-k', 'x']), (e: unknown) => e instanceof FilterUsageError && e.exitCode === 2);
  });

  it('accepts "-" as standard input', async () => {
    assert.equal((await runFilter('wc', ['-l', '-'], 'a\n')).stdout, '1\n');
  });

  it('gives the same output however the input is chunked', async () => {
    const programs: Array<[string, string[]]> = [
      ['grep', ['-n', '-C1', 'ERROR']],
      ['grep', ['-o', '[0-9]\\+']],
      ['wc', []],
      ['wc', ['-m']],
      ['head', ['-n', '4']],
      ['head', ['-c', '30']],
      ['tail', ['-n', '3']],
      ['tail', ['-c', '9']],
      ['sort', ['-k2']],
      ['uniq', ['-c']],
      ['cut', ['-c', '2-6']],
      ['tr', ['-s', 'a-z ', 'A-Z_']],
      ['awk', ['{print NR": "$2}']],
      ['column', ['-t']],
    ];
    const inputs = [LOG, PODS, REDIS_INFO, UNICODE, 'no newline at end', ''];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...programs),
        fc.constantFrom(...inputs),
        fc.array(fc.nat(), { maxLength: 12 }),
        async ([program, args], input, cuts) => {
          const points = [...new Set(cuts.map((c) => c % (input.length + 1)))].sort((a, b) => a - b);
          const chunks: string[] = [];
          let last = 0;
          for (const p of points) {
            chunks.push(input.slice(last, p));
            last = p;
          }
          chunks.push(input.slice(last));
          const whole = await runFilter(program, args, input);
          const pieces = await runFilter(program, args, chunks);
          assert.deepEqual(pieces, whole);
        },
      ),
      { numRuns: 150 },
    );
  });
});
