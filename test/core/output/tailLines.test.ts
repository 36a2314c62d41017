import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TailLines } from '../../../src/core/output';

function numbered(from: number, to: number): string {
  let text = '';
  for (let i = from; i <= to; i++) text += `line ${i}\n`;
  return text;
}

describe('TailLines', () => {
  it('keeps a short stream whole', () => {
    const tail = new TailLines(5, 1000);
    tail.write('a\nb\n');
    tail.write('c');
    assert.equal(tail.text(), 'a\nb\nc');
    assert.equal(tail.totalLines, 3);
    assert.equal(tail.omittedLines, 0);
  });

  it('keeps the last lines of a long stream, however it is split into writes', () => {
    const text = numbered(1, 10_000);
    for (const size of [1, 7, 4096]) {
      const tail = new TailLines(100, 1 << 20);
      for (let i = 0; i < text.length; i += size) tail.write(text.slice(i, i + size));
      assert.equal(tail.text(), numbered(9901, 10_000), `writes of ${size}`);
      assert.equal(tail.totalLines, 10_000);
      assert.equal(tail.omittedLines, 9900);
    }
  });

  it('keeps within its byte budget, a long line by its end', () => {
    const tail = new TailLines(100, 20);
    tail.write('0123456789\nabcdefghij\nklmnopqrst\n');
    assert.equal(tail.text(), 'abcdefghij\nklmnopqrst\n'.slice(-20).replace(/^[^\n]*\n/, ''), 'only whole lines that fit');
    tail.write('x'.repeat(50) + '\n');
    assert.equal(tail.text(), 'x'.repeat(19) + '\n');
    assert.equal(tail.totalLines, 4);
  });

  it('starts over when cleared', () => {
    const tail = new TailLines(2, 100);
    tail.write('a\nb\nc\n');
    tail.clear();
    tail.write('d\n');
    assert.equal(tail.text(), 'd\n');
    assert.equal(tail.totalLines, 1);
  });
});
