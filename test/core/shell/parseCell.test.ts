// The cell parser: the tree parseScript gives for the text with its prompts stripped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCell, parseScript, stripPrompts, ShellSyntaxError } from '../../../src/core/shell';

test('a cell parses as its text without prompts', () => {
  const text = '$ kubectl get pods -n "$NS" | grep web\n$ redis-cli INFO memory';
  const script = parseCell(text);
  assert.deepEqual(script, parseScript(stripPrompts(text).text));
  assert.equal(script.statements.length, 2);
  assert.equal(script.statements[0]!.first.commands[0]!.text.startsWith('kubectl get pods'), true);
});

test('a syntax error is thrown every time', () => {
  const text = "echo 'unterminated";
  assert.throws(() => parseCell(text), ShellSyntaxError);
  assert.throws(() => parseCell(text), ShellSyntaxError);
});
