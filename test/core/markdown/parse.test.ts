import { test } from 'node:test';
import assert from 'node:assert/strict';
import { infoAttributes, languageForInfo, parseRunbook } from '../../../src/core/markdown';

test('info strings map to cell languages', () => {
  const cases: Record<string, string> = {
    '': 'shellscript', bash: 'shellscript', sh: 'shellscript', shell: 'shellscript', console: 'shellscript',
    sql: 'sql', psql: 'sql', yaml: 'yaml', yml: 'yaml', json: 'json', python: 'python', 'sh {"name":"x"}': 'shellscript',
    'BASH': 'shellscript', 'text': 'text',
  };
  for (const [info, language] of Object.entries(cases)) assert.equal(languageForInfo(info), language, info);
});

test('fence attributes are read as JSON and kept in the opening line', () => {
  assert.deepEqual(infoAttributes('sh {"name":"scale","interactive":false}'), { name: 'scale', interactive: false });
  assert.equal(infoAttributes('sh {not json}'), undefined);
  const doc = parseRunbook('```sh {"name":"x"}\nls\n```\n');
  assert.equal(doc.cells[0].origin?.fence?.opening, '```sh {"name":"x"}');
  assert.equal(doc.cells[0].origin?.fence?.info, 'sh {"name":"x"}');
});

test('fences in lists, nested lists and blockquotes become code cells with their prefix', () => {
  const doc = parseRunbook([
    '1. One',
    '   ```bash',
    '   echo one',
    '   ```',
    '   - nested',
    '     ~~~',
    '     echo two',
    '     ~~~',
    '> quote',
    '> ```sql',
    '> SELECT 1;',
    '> ```',
    '1. ```sh',
    '   echo same-line',
    '   ```',
  ].join('\n'));
  const code = doc.cells.filter((c) => c.kind === 'code');
  assert.deepEqual(code.map((c) => c.value), ['echo one', 'echo two', 'SELECT 1;', 'echo same-line']);
  assert.deepEqual(code.map((c) => c.origin?.fence?.prefix), ['   ', '     ', '> ', '   ']);
  assert.deepEqual(code.map((c) => c.language), ['shellscript', 'shellscript', 'sql', 'shellscript']);
});

test('prose between fences becomes markdown cells without their surrounding blank lines', () => {
  const doc = parseRunbook('\n\n# Title\n\nText\n\n\n```sh\nls\n```\n\n\n```sh\npwd\n```\nAfter\n');
  assert.deepEqual(
    doc.cells.map((c) => [c.kind, c.value]),
    [['markdown', '# Title\n\nText'], ['code', 'ls'], ['code', 'pwd'], ['markdown', 'After']],
  );
  assert.equal(doc.cells[0].origin?.leading, '\n\n');
  assert.equal(doc.cells[1].origin?.trailing, '\n\n');
});

test('indented code, HTML blocks and an unclosed fence are handled as CommonMark reads them', () => {
  const doc = parseRunbook('    ```\n    not a fence\n\n<div>\n```\nin html\n```\n</div>\n\n```bash\nleft open\n');
  const code = doc.cells.filter((c) => c.kind === 'code');
  assert.equal(code.length, 1);
  assert.equal(code[0].value, 'left open');
  assert.equal(code[0].origin?.fence?.closing, null);
});

test('a document of blank lines keeps them in one empty markdown cell', () => {
  const doc = parseRunbook('\n \n\t\n');
  assert.equal(doc.cells.length, 1);
  assert.equal(doc.cells[0].value, '');
  assert.equal(doc.cells[0].origin?.leading, '\n \n\t\n');
});

test('the file records BOM, dominant line ending and length', () => {
  const doc = parseRunbook('\uFEFFa\r\nb\r\nc\n');
  assert.deepEqual(doc.file, { bom: true, eol: '\r\n', length: 8 });
});
