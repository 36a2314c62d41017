import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsUsageError, formatChoices, parseAwsArgs, parseFlags } from '../../../../src/core/tools/aws/args';

describe('aws global options', () => {
  it('takes global options anywhere in the line', () => {
    const a = parseAwsArgs(['aws', 's3', 'ls', '--region', 'eu-west-1', 's3://b', '--profile=p', '--no-cli-pager']);
    assert.equal(a.service, 's3');
    assert.equal(a.operation, 'ls');
    assert.deepEqual(a.rest, ['s3://b']);
    assert.equal(a.globals.region, 'eu-west-1');
    assert.equal(a.globals.profile, 'p');
    assert.equal(a.globals.noCliPager, true);
    const b = parseAwsArgs(['aws', '--profile', 'p', '--endpoint-url', 'http://x:1', 's3', 'ls']);
    assert.equal(b.globals.profile, 'p');
    assert.equal(b.globals.endpointUrl, 'http://x:1');
    assert.deepEqual([b.service, b.operation, b.rest], ['s3', 'ls', []]);
  });

  it('rejects a global option without its value and an unknown --output, as argparse does', () => {
    assert.throws(() => parseAwsArgs(['aws', 's3', 'ls', '--region']), (e: unknown) => e instanceof AwsUsageError && e.exitCode === 2 && /--region: expected one argument/.test(e.message));
    assert.throws(() => parseAwsArgs(['aws', '--output', 'xml', 's3', 'ls']), /argument --output: Invalid choice/);
  });

  it('keeps --exclude/--include in the order given', () => {
    const f = parseFlags(['a', '--exclude', '*', '--include=*.log', 'b', '--recursive', '--bogus'], { '--exclude': 'list', '--include': 'list', '--recursive': 'switch' });
    assert.deepEqual(f.positionals, ['a', 'b']);
    assert.deepEqual(f.ordered.map((o) => `${o.name}=${o.value ?? ''}`), ['--exclude=*', '--include=*.log', '--recursive=']);
    assert.deepEqual(f.unknown, ['--bogus']);
  });

  it('lays out choices in two columns of 40', () => {
    assert.equal(formatChoices(['ls', 'cp', 'rm']), `${'ls'.padEnd(40)} | ${'cp'.padEnd(40)}\n${'rm'.padEnd(40)}`);
  });
});
