import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { CapturedOutput, SPOOL_BYTES, SpoolDirectory } from '../../../src/core/output';

const directory = new SpoolDirectory();
after(() => directory.dispose());

function capture(maxLines: number, spooled: string[] = []): CapturedOutput {
  return new CapturedOutput({ maxLines, newFile: (stream) => directory.newFile(stream) }, 'stdout', (path) => spooled.push(path));
}

function numbered(count: number): string {
  return Array.from({ length: count }, (_, i) => `row ${i + 1}\n`).join('');
}

describe('CapturedOutput', () => {
  it('keeps an output of at most maxLines lines whole, with no file', () => {
    const spooled: string[] = [];
    const output = capture(10, spooled);
    output.write(numbered(10));
    output.close();
    assert.equal(output.text(), numbered(10));
    assert.equal(output.full(), undefined);
    assert.deepEqual(spooled, []);
  });

  it('spools a longer output whole and keeps its last lines', () => {
    const spooled: string[] = [];
    const output = capture(10, spooled);
    const text = numbered(5000);
    for (let i = 0; i < text.length; i += 333) output.write(text.slice(i, i + 333));
    output.close();
    const full = output.full();
    assert.ok(full);
    assert.deepEqual(spooled, [full.path]);
    assert.equal(readFileSync(full.path, 'utf8'), text);
    assert.deepEqual({ lines: full.lines, shownLines: full.shownLines, bytes: full.bytes }, { lines: 5000, shownLines: 10, bytes: Buffer.byteLength(text) });
    assert.equal(output.text(), text.split('\n').slice(4990).join('\n'));
  });

  it('spools a few very long lines past the byte limit', () => {
    const output = capture(1000);
    const line = 'é'.repeat(SPOOL_BYTES / 4) + '\n';
    for (let i = 0; i < 3; i++) output.write(line);
    output.close();
    const full = output.full();
    assert.ok(full);
    assert.equal(full.bytes, 3 * Buffer.byteLength(line));
    assert.equal(readFileSync(full.path, 'utf8'), line.repeat(3));
    assert.ok(output.text().length <= SPOOL_BYTES, 'what is kept stays within its budget');
  });

  it('drops its file when the output starts over', () => {
    const output = capture(2);
    output.write('a\nb\nc\n');
    const path = output.full()!.path;
    output.clear();
    output.write('d\n');
    output.close();
    assert.equal(existsSync(path), false);
    assert.equal(output.text(), 'd\n');
    assert.equal(output.full(), undefined);
  });

  it('leaves nothing behind once its directory is disposed', () => {
    const own = new SpoolDirectory();
    const output = new CapturedOutput({ maxLines: 1, newFile: (stream) => own.newFile(stream) }, 'stderr');
    output.write('a\nb\n');
    output.close();
    const path = output.full()!.path;
    assert.ok(existsSync(path));
    own.dispose();
    assert.equal(existsSync(path), false);
  });
});
