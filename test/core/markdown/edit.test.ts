import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunbook, serializeRunbook, type RunbookCell, type RunbookDocument } from '../../../src/core/markdown';

const RUNBOOK = [
  '# Scaling',
  '',
  '1. Check HPA status:',
  '   ```bash',
  '   kubectl get hpa',
  '',
  '   kubectl describe hpa tiktok-toe',
  '   ```',
  '',
  '2. Scale:',
  '   ```bash {"name":"scale"}',
  '   kubectl scale deployment tiktok-toe --replicas=5',
  '   ```',
  '',
  '> Careful:',
  '> ~~~sql',
  '> SELECT 1;',
  '> ~~~',
  '',
  'Done.',
  '',
].join('\n');

function codeCells(doc: RunbookDocument): RunbookCell[] {
  return doc.cells.filter((c) => c.kind === 'code');
}

/** What VS Code does to cell metadata: a JSON round trip. */
function throughVsCode(doc: RunbookDocument): RunbookDocument {
  return JSON.parse(JSON.stringify(doc)) as RunbookDocument;
}

test('editing a list-indented cell re-indents the new code and touches nothing else', () => {
  const doc = throughVsCode(parseRunbook(RUNBOOK));
  codeCells(doc)[0].value = 'kubectl get hpa -A\n\nkubectl get pods';
  assert.equal(
    serializeRunbook(doc),
    RUNBOOK.replace(
      '   kubectl get hpa\n\n   kubectl describe hpa tiktok-toe\n',
      '   kubectl get hpa -A\n\n   kubectl get pods\n',
    ),
  );
});

test('editing a blockquoted cell keeps the "> " prefix and the tilde fence', () => {
  const doc = parseRunbook(RUNBOOK);
  codeCells(doc)[2].value = 'SELECT 2;\n\nSELECT 3;';
  assert.equal(serializeRunbook(doc), RUNBOOK.replace('> SELECT 1;\n', '> SELECT 2;\n>\n> SELECT 3;\n'));
});

test('a CRLF file stays CRLF where a cell is edited', () => {
  const crlf = RUNBOOK.replace(/\n/g, '\r\n');
  const doc = parseRunbook(crlf);
  codeCells(doc)[1].value = 'kubectl scale deployment tiktok-toe --replicas=7\nkubectl get pods';
  assert.equal(
    serializeRunbook(doc),
    crlf.replace('--replicas=5\r\n', '--replicas=7\r\n   kubectl get pods\r\n'),
  );
});

test('the fence grows when the new code contains a fence, and only that fence', () => {
  const doc = parseRunbook(RUNBOOK);
  codeCells(doc)[0].value = 'cat <<EOF\n```\nEOF';
  const out = serializeRunbook(doc);
  assert.ok(out.includes('   ````bash\n   cat <<EOF\n   ```\n   EOF\n   ````\n'), out);
  assert.ok(out.includes('   ```bash {"name":"scale"}\n'));
  const reread = parseRunbook(out);
  assert.equal(codeCells(reread)[0].value, 'cat <<EOF\n```\nEOF');
  assert.equal(codeCells(reread).length, 3);
});

test('changing the cell language rewrites the info word and keeps the attributes', () => {
  const doc = parseRunbook(RUNBOOK);
  codeCells(doc)[1].language = 'sql';
  assert.equal(serializeRunbook(doc), RUNBOOK.replace('```bash {"name":"scale"}', '```sql {"name":"scale"}'));
});

test('an added cell gets one blank line around it', () => {
  const doc = parseRunbook(RUNBOOK);
  const at = doc.cells.findIndex((c) => c.value === 'Done.');
  doc.cells.splice(at, 0, { kind: 'code', language: 'shellscript', value: 'kubectl get events' });
  assert.equal(serializeRunbook(doc), RUNBOOK.replace('\nDone.\n', '\n```bash\nkubectl get events\n```\n\nDone.\n'));
});

test('a cell added at the end of a file with no final newline starts after a blank line', () => {
  const text = '# Title\n\nLast line';
  const doc = parseRunbook(text);
  doc.cells.push({ kind: 'markdown', language: 'markdown', value: 'New notes' });
  assert.equal(serializeRunbook(doc), '# Title\n\nLast line\n\nNew notes\n');
});

test('a deleted cell is removed cleanly, leaving one blank line at the seam', () => {
  const doc = parseRunbook(RUNBOOK);
  const quoted = doc.cells.findIndex((c) => c.value === '> Careful:');
  doc.cells.splice(quoted, 2);
  assert.equal(serializeRunbook(doc), RUNBOOK.replace('> Careful:\n> ~~~sql\n> SELECT 1;\n> ~~~\n\n', ''));
});

test('deleting the last cells leaves exactly one final newline', () => {
  const doc = parseRunbook(RUNBOOK);
  doc.cells.pop();
  assert.equal(serializeRunbook(doc), RUNBOOK.replace('\nDone.\n', '').replace(/\n+$/, '\n'));
});

test('a moved cell keeps its text and sits between blank lines', () => {
  const doc = parseRunbook('A\n\n```sh\none\n```\n\nB\n\n```sh\ntwo\n```\n');
  const [a, one, b, two] = doc.cells;
  doc.cells = [a, two, b, one];
  assert.equal(serializeRunbook(doc), 'A\n\n```sh\ntwo\n```\n\nB\n\n```sh\none\n```\n');
});

test('editing a markdown cell keeps its surrounding blank lines and the BOM', () => {
  const text = '\uFEFF# Title\r\n\r\nSome text  \r\n\r\n```sh\r\nls\r\n```\r\n';
  const doc = parseRunbook(text);
  doc.cells[0].value = '# New title\n\nOther text';
  assert.equal(serializeRunbook(doc), '\uFEFF# New title\r\n\r\nOther text\r\n\r\n```sh\r\nls\r\n```\r\n');
});

test('front matter is a YAML cell that can be edited', () => {
  const text = '---\ntitle: a\n---\n# Body\n';
  const doc = parseRunbook(text);
  assert.equal(doc.cells[0].language, 'yaml');
  assert.equal(doc.cells[0].value, 'title: a');
  doc.cells[0].value = 'title: b\nowner: sre';
  assert.equal(serializeRunbook(doc), '---\ntitle: b\nowner: sre\n---\n# Body\n');
});

test('turning a code cell into markdown writes its text as prose', () => {
  const doc = parseRunbook('Intro\n\n```sh\nls\n```\n');
  doc.cells[1].kind = 'markdown';
  doc.cells[1].language = 'markdown';
  doc.cells[1].value = 'Run ls.';
  assert.equal(serializeRunbook(doc), 'Intro\n\nRun ls.\n');
});

test('an empty notebook writes an empty file; an empty file opens with no cells', () => {
  assert.deepEqual(parseRunbook('').cells, []);
  assert.equal(serializeRunbook(parseRunbook('')), '');
  const doc = parseRunbook('');
  doc.cells.push({ kind: 'code', language: 'sql', value: 'SELECT 1;' });
  assert.equal(serializeRunbook(doc), '```sql\nSELECT 1;\n```\n');
});
