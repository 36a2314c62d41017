// fast-check generators for Markdown runbooks that stress the round trip:
// mixed line endings, BOM, front matter, fences of every kind and depth,
// unclosed fences, HTML blocks, indented code, tabs and trailing whitespace.

import fc from 'fast-check';

const word = fc.constantFrom('kubectl', 'get', 'pods', '-n', 'default', 'SELECT', '1;', 'redis-cli', 'INFO', 'é', '日本', '$VAR', '<name>', '#', '*', '|', '\\', '`x`');
const words = fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));
const trailingSpace = fc.constantFrom('', '', '', ' ', '  ', '\t');
const proseLine = fc.tuple(words, trailingSpace).map(([w, s]) => w + s);

const fenceChar = fc.constantFrom('`', '~');
const fenceLength = fc.integer({ min: 3, max: 5 });
const info = fc.constantFrom('', 'bash', 'sh', 'shell', 'console', 'sql', 'psql', 'yaml', 'json', 'text', 'sh {"name":"x"}', 'bash  ', 'python');

/** Code lines: plain text, blank lines, and shorter or other fences that must not close the block. */
const codeLine = (char: string, length: number) =>
  fc.oneof(
    words,
    fc.constant(''),
    fc.constant('   '),
    fc.constant('\tindented'),
    fc.constant(char.repeat(Math.max(1, length - 1))),
    fc.constant((char === '`' ? '~' : '`').repeat(length + 1)),
    words.map((w) => '  ' + w),
  );

const fence = (prefix: string, closed: boolean) =>
  fc.tuple(fenceChar, fenceLength, info).chain(([char, length, infoString]) =>
    fc.array(codeLine(char, length), { maxLength: 4 }).map((code) => {
      const marker = char.repeat(length);
      if (char === '`' && infoString.includes('`')) return [];
      const lines = [prefix + marker + infoString, ...code.map((c) => (c === '' ? prefix.trimEnd() : prefix + c))];
      if (closed) lines.push(prefix + marker);
      return lines;
    }),
  );

const block: fc.Arbitrary<string[]> = fc.oneof(
  proseLine.map((l) => ['# ' + l]),
  fc.array(proseLine, { minLength: 1, maxLength: 3 }),
  fc.constant<string[]>(['']),
  fc.constant<string[]>(['', '']),
  fc.constant<string[]>(['  ', '\t']),
  fence('', true),
  fence('   ', true),
  fc.tuple(proseLine, fence('   ', true)).map(([l, f]) => ['1. ' + l, ...f]),
  fc.tuple(proseLine, fence('    ', true), proseLine).map(([l, f, m]) => ['- ' + l, '  - ' + m, ...f]),
  fc.tuple(proseLine, fence('      ', true)).map(([l, f]) => ['1. ' + l, '   - nested', ...f]),
  fc.tuple(proseLine, fence('> ', true)).map(([l, f]) => ['> ' + l, ...f]),
  fc.tuple(proseLine, fence('> > ', true)).map(([l, f]) => ['> > ' + l, ...f]),
  fc.tuple(proseLine, fence('>    ', true)).map(([l, f]) => ['> 1. ' + l, ...f]),
  fc.tuple(fence('', true)).map(([f]) => ['<details>', '<summary>More</summary>', '', ...f, '', '</details>']),
  fc.constant<string[]>(['<div>', '```', 'inside html', '```', '</div>']),
  proseLine.map((l) => ['    ' + l, '    ```', '    not a fence']),
  proseLine.map((l) => ['\t' + l]),
  fc.constant<string[]>(['---']),
  fc.constant<string[]>(['***', '___']),
  proseLine.map((l) => ['| a | b |', '|---|---|', '| ' + l + ' | 1 |']),
);

const frontMatter = fc.oneof(
  fc.constant<string[]>([]),
  fc.constant(['---', 'title: Runbook', 'thresholds:', '  cpu: {warning: 70%}', '---']),
  fc.constant(['---', 'owner: sre', '...']),
  fc.constant(['---', '---']),
);

const ending = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r\n', '\r');

export interface GeneratedRunbook {
  text: string;
}

export const runbookText: fc.Arbitrary<string> = fc
  .tuple(
    fc.boolean(),
    frontMatter,
    fc.array(block, { maxLength: 8 }),
    fc.option(fence('', false), { nil: undefined }),
    fc.boolean(),
    fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    fc.constantFrom('uniform', 'mixed'),
  )
  .chain(([bom, front, blocks, unclosed, finalNewline, seed, style]) =>
    fc.array(ending, { minLength: 1, maxLength: 1 }).map(([first]) => {
      const lines = [...front, ...blocks.flat(), ...(unclosed ?? [])];
      let rng = seed;
      const endings = ['\n', '\r\n', '\r'];
      let text = bom ? '\uFEFF' : '';
      lines.forEach((line, i) => {
        rng = (Math.imul(rng, 1103515245) + 12345) >>> 0;
        const eol = style === 'uniform' ? first : endings[rng % 3];
        const last = i === lines.length - 1;
        text += line + (last && !finalNewline ? '' : eol);
      });
      return text;
    }),
  );

/** New code for an edited cell: plain lines, blank lines, and fences that force the fence to grow. */
export const newCode: fc.Arbitrary<string> = fc
  .array(fc.oneof(words, fc.constant(''), fc.constant('```'), fc.constant('~~~~'), fc.constant('````` nested')), { maxLength: 5 })
  .map((lines) => lines.join('\n'));
