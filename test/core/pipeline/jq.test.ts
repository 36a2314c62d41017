import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PODS_JSON } from './fixtures';
import { runFilter } from './runFilter';

const jq = (args: string[], input: string) => runFilter('jq', args, input);

describe('jq (real jq 1.7.1 in WebAssembly)', () => {
  it('pretty-prints with two-space indentation', async () => {
    assert.deepEqual(await jq(['.'], '{"a":[1,{"b":null}],"c":"x"}'), {
      stdout: '{\n  "a": [\n    1,\n    {\n      "b": null\n    }\n  ],\n  "c": "x"\n}\n',
      exitCode: 0,
      stderr: '',
    });
  });

  it('prints raw strings with -r, keeping leading and trailing whitespace and empty strings', async () => {
    assert.equal((await jq(['-r', '.[]'], '["  x  ", "", "y"]')).stdout, '  x  \n\ny\n');
    assert.equal((await jq(['-r', '.items[].metadata.name'], PODS_JSON)).stdout, 'api-7d9f8b6c5-x2k4p\nworker-5c6d7e8f9-abcde\nbatch-job-28391-xk2z\n');
  });

  it('supports -c, -S, -e, --arg and combined short flags', async () => {
    assert.equal((await jq(['-c', '{b: 1, a: [1, 2]}'], 'null')).stdout, '{"b":1,"a":[1,2]}\n');
    assert.equal((await jq(['-S', '-c', '.'], '{"b":1,"a":2}')).stdout, '{"a":2,"b":1}\n');
    assert.equal((await jq(['--arg', 'n', 'api', '-r', '$n + "-x"'], 'null')).stdout, 'api-x\n');
    assert.equal((await jq(['-rc', '.a'], '{"a":"b"}')).stdout, 'b\n');
    assert.deepEqual(await jq(['-e', '.missing'], '{}'), { stdout: 'null\n', exitCode: 1, stderr: '' });
  });

  it('keeps number literals as jq 1.7 does', async () => {
    assert.equal((await jq(['-c', '.'], '[1.000, 100000000000000000001]')).stdout, '[1.000,100000000000000000001]\n');
  });

  it('reports errors with jq status codes and messages', async () => {
    assert.deepEqual(await jq(['.a'], '[1]\n'), {
      stdout: '',
      exitCode: 5,
      stderr: 'jq: error (at <stdin>:1): Cannot index array with string "a"\n',
    });
    assert.deepEqual(await jq(['.a'], '{"a": '), {
      stdout: '',
      exitCode: 5,
      stderr: 'jq: parse error: Unfinished JSON term at EOF at line 1, column 6\n',
    });
    const compile = await jq(['.['], '1');
    assert.equal(compile.exitCode, 3);
    assert.match(compile.stderr, /jq: 1 compile error/);
  });

  it('handles large input quickly (no byte-at-a-time stdin)', async () => {
    const big = JSON.stringify({ items: Array.from({ length: 5000 }, (_, i) => ({ name: `pod-${i}` })) });
    const started = performance.now();
    const r = await jq(['.items | length'], big);
    assert.equal(r.stdout, '5000\n');
    assert.ok(performance.now() - started < 5000);
  });

  it('refuses file operands and file options', async () => {
    const files = await jq(['.', 'pods.json'], '');
    assert.equal(files.exitCode, 2);
    assert.match(files.stderr, /'pods\.json': files are not read in a pipe/);
    assert.equal((await jq(['-f', 'prog.jq'], '')).exitCode, 2);
    assert.deepEqual(await jq(['-Q'], ''), {
      stdout: '',
      exitCode: 2,
      stderr: 'jq: Unknown option -Q\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq\n',
    });
  });
});
