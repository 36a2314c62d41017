// Fuzzing the shell-words parser: any text either parses or fails with our
// own ShellSyntaxError and a message; words quoted back and parsed again come
// out as the same words.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { expandWords, parseCell, parseScript, ShellSyntaxError, type Script } from '../../../src/core/shell';
import { fuzz } from '../../support/fuzzRuns';

/** Pieces a shell line is made of, so random text often nests quotes, expansions and operators. */
const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(' ', '\t', '\n', '\r\n', '\\', '\\\n', "'", '"', '$', '${', '}', '$(', '(', ')', '`', "$'", '#', '|', '||', '&&', '&', ';', '!', '! ', '<', '>', '>>', '2>&1', '&>', '<<', '<<-', '<<<', 'EOF', '\nEOF\n', '<pod>', '<a b>', '$NS', '${X:-y}', '${#X}', '$?', '~/', '=', 'A=1', '{ ', '\0') },
  { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
);
const shellText = fc.array(piece, { maxLength: 24 }).map((p) => p.join(''));
const anyText = fc.oneof(shellText, fc.string({ unit: 'binary', maxLength: 40 }));

function parsesOrFailsWithMessage(parse: (text: string) => Script, text: string): void {
  try {
    parse(text);
  } catch (err) {
    assert.ok(err instanceof ShellSyntaxError, `threw ${String(err)} for ${JSON.stringify(text)}`);
    assert.ok(err.message.length > 0, `empty message for ${JSON.stringify(text)}`);
    assert.ok(Number.isInteger(err.line) && err.line >= 0, `bad line ${err.line}`);
  }
}

/** Single quotes keep every character, a quote itself written as '\''. */
function quote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

const argsOf = (script: Script) => script.statements.flatMap((s) => [s.first, ...s.rest.map((r) => r.pipeline)]).flatMap((p) => p.commands).map((c) => expandWords(c.words, () => undefined).args);

test('parseScript: any text parses or fails with a ShellSyntaxError that has a message', (t) => {
  fuzz(t, 20_000, fc.property(anyText, (text) => parsesOrFailsWithMessage(parseScript, text)));
});

test('parseCell (prompts stripped first): any text parses or fails with a ShellSyntaxError', (t) => {
  const prompted = fc.tuple(fc.constantFrom('', '$ ', '# ', '> ', 'user@host:~$ ', '=> ', '127.0.0.1:6379> '), shellText).map(([p, s]) => p + s);
  fuzz(t, 5_000, fc.property(fc.oneof(anyText, prompted), (text) => parsesOrFailsWithMessage(parseCell, text)));
});

test('words quoted back and parsed again are the same words', (t) => {
  const word = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 6 }), shellText);
  fuzz(t, 10_000, fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
    const script = parseScript(words.map(quote).join(' '));
    assert.deepEqual(argsOf(script), [words]);
  }));
});

test('words a parse gives, quoted back, parse to the same words', (t) => {
  fuzz(t, 10_000, fc.property(shellText, (text) => {
    let script: Script;
    try {
      script = parseScript(text);
    } catch {
      return;
    }
    for (const args of argsOf(script)) {
      if (args.length === 0) continue;
      assert.deepEqual(argsOf(parseScript(args.map(quote).join(' '))), [args], `from ${JSON.stringify(text)}`);
    }
  }));
});
