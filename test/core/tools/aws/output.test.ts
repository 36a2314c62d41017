// The aws CLI's output formats on responses whose rendering follows from the
// rules of awscli/formatter.py, text.py and table.py (worked out by hand
// here; the integration tests compare real commands with the real CLI).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatOutput, PagedResponse } from '../../../../src/core/tools/aws/output';
import { formatJson } from '../../../../src/core/tools/aws/output/json';
import { compileQuery, QueryError } from '../../../../src/core/tools/aws/output/query';
import { formatTable } from '../../../../src/core/tools/aws/output/table';
import { roundHalfEven } from '../../../../src/core/tools/aws/output/tableLayout';
import { formatText } from '../../../../src/core/tools/aws/output/text';
import { textLength } from '../../../../src/core/tools/aws/output/textWidth';
import { pyNumber, pyStr } from '../../../../src/core/tools/aws/output/pyStr';

describe('json', () => {
  it('indents by four, keeps key order and non-ASCII, escapes control characters', () => {
    assert.equal(formatJson({ b: 1, a: ['é', 'tab\there', null, true] }), '{\n    "b": 1,\n    "a": [\n        "é",\n        "tab\\there",\n        null,\n        true\n    ]\n}\n');
    assert.equal(formatJson({ k: '\u0001' }), '{\n    "k": "\\u0001"\n}\n');
  });
  it('prints nothing for an empty response but null, [] and nested {} as such', () => {
    assert.equal(formatJson({}), '');
    assert.equal(formatJson(null), 'null\n');
    assert.equal(formatJson([]), '[]\n');
    assert.equal(formatJson({ Metadata: {} }), '{\n    "Metadata": {}\n}\n');
  });
});

describe('python scalars', () => {
  it('writes None, True, False and floats as str() does', () => {
    assert.deepEqual([null, true, false, 7, 'x'].map(pyStr), ['None', 'True', 'False', '7', 'x']);
    assert.equal(pyNumber(1.5), '1.5');
    assert.equal(pyNumber(1e16), '1e+16');
    assert.equal(pyNumber(0.00001), '1e-05');
  });
});

describe('text', () => {
  it('puts a dictionary\'s scalars on one line in sorted key order, then nested values under their upper-cased key', () => {
    const out = formatText({ Name: 'b', IsTruncated: false, Contents: [{ Key: 'k1', Size: 1 }, { Key: 'k2', Size: 2, Extra: 'x' }] });
    assert.equal(out, 'False\tb\nCONTENTS\t\tk1\t1\nCONTENTS\tx\tk2\t2\n');
  });
  it('writes a list of scalars on one line, or one line each under a key', () => {
    assert.equal(formatText(['a', 'b', 3]), 'a\tb\t3\n');
    assert.equal(formatText({ Items: ['x', 'y'] }), 'ITEMS\tx\nITEMS\ty\n');
    assert.equal(formatText([['a', 'b'], ['c']]), 'a\tb\nc\n');
    assert.equal(formatText('plain'), 'plain\n');
    assert.equal(formatText(null), 'None\n');
  });
});

describe('table', () => {
  // Expected drawings were produced by aws-cli 1.45's own table formatter on the same data.
  it('draws a one-row dictionary with the title centred over key and value columns', () => {
    assert.equal(
      formatTable({ ETag: 'E1', Size: 5 }, 'Op'),
      '------------------\n|       Op       |\n+-------+--------+\n| ETag  | Size   |\n+-------+--------+\n|  E1   |  5     |\n+-------+--------+\n',
    );
  });
  it('uses a key/value row for a single scalar and nests sub-tables with | borders', () => {
    assert.equal(
      formatTable({ ETag: 'E1', Items: [{ A: 1 }, { A: 2 }] }, 'T'),
      [
        '----------------',
        '|       T      |',
        '+-------+------+',
        '|  ETag |  E1  |',
        '+-------+------+',
        '||    Items   ||',
        '|+------------+|',
        '||      A     ||',
        '|+------------+|',
        '||  1         ||',
        '||  2         ||',
        '|+------------+|',
        '',
      ].join('\n'),
    );
  });
  it('turns single-row sections vertical when wider than the terminal', () => {
    const out = formatTable({ A: 'x'.repeat(50), B: 'y'.repeat(50) }, 'Wide', 80);
    assert.equal(
      out,
      [
        '-'.repeat(61),
        `|${' '.repeat(27)}Wide${' '.repeat(28)}|`,
        `+---+${'-'.repeat(55)}+`,
        `|  A|  ${'x'.repeat(50)}   |`,
        `|  B|  ${'y'.repeat(50)}   |`,
        `+---+${'-'.repeat(55)}+`,
        '',
      ].join('\n'),
    );
    assert.match(formatTable({ A: 'x'.repeat(50), B: 'y'.repeat(50) }, 'Wide', 200), /\|  x{50} +\|  y{50} +\|/);
  });
  it('draws nothing for empty or false values, and only a title for a scalar', () => {
    assert.equal(formatTable({}, 'T'), '');
    assert.equal(formatTable(null, 'T'), '');
    assert.equal(formatTable('abc', 'T'), '---\n|T|\n+-+\n');
  });
  it('rounds halves to even like Python and counts wide and ambiguous characters as two', () => {
    assert.deepEqual([0.5, 1.5, 2.5, 2.6].map(roundHalfEven), [0, 2, 2, 3]);
    assert.equal(textLength('abc'), 3);
    assert.equal(textLength('日本'), 4);
    assert.equal(textLength('é'), 2);
  });
});

describe('paged responses', () => {
  const paged = new PagedResponse(
    ['Contents', 'CommonPrefixes'],
    [{ Contents: [{ Key: 'a' }] }, { Contents: [{ Key: 'b' }] }],
    { RequestCharged: null, Prefix: 'p/' },
    'TOKEN',
  );
  it('merge into one result for json with the non-aggregated keys and NextToken last', () => {
    assert.equal(
      formatOutput(paged, { output: 'json' }),
      '{\n    "Contents": [\n        {\n            "Key": "a"\n        },\n        {\n            "Key": "b"\n        }\n    ],\n    "RequestCharged": null,\n    "Prefix": "p/",\n    "NextToken": "TOKEN"\n}\n',
    );
  });
  it('print page by page for text, applying --query to each page and to the token', () => {
    assert.equal(formatOutput(paged, { output: 'text' }), 'None\tp/\tNone\nCONTENTS\ta\nNone\nCONTENTS\tb\nNEXTTOKEN\tTOKEN\n');
    assert.equal(formatOutput(paged, { output: 'text', query: 'Contents[].Key' }), 'a\nb\nNone\n');
  });
});

describe('--query', () => {
  it('reports parse errors in Python jmespath words, with exit status 255', () => {
    assert.throws(() => compileQuery('Contents[.Key'), (err: unknown) => {
      assert.ok(err instanceof QueryError);
      assert.equal(err.exitCode, 255);
      assert.equal(err.message, 'Bad value for --query Contents[.Key: Expecting: star, got: dot: Parse error at column 9, token "." (DOT), for expression:\n"Contents[.Key"\n          ^');
      return true;
    });
    assert.throws(() => compileQuery('Contents['), /Invalid jmespath expression: Incomplete expression:\n"Contents\["\n {10}\^/);
  });
  it('filters before formatting', () => {
    assert.equal(formatOutput({ A: [{ K: 1 }, { K: 2 }] }, { output: 'text', query: 'A[].K' }), '1\t2\n');
    assert.equal(formatOutput({ A: 1 }, { output: 'json', query: 'B' }), 'null\n');
  });
});

describe('yaml', () => {
  it('sorts keys, does not indent sequences and quotes strings that would read as other types', () => {
    assert.equal(formatOutput({ b: ['x'], a: 'true', c: '2026-01-01T00:00:00Z' }, { output: 'yaml' }), "a: 'true'\nb:\n- x\nc: '2026-01-01T00:00:00Z'\n");
  });
});
