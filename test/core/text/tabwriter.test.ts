// Go's tabwriter port: column blocks, the text after a line's last tab,
// empty cells, form feeds, widths in runes, widths remembered across writes,
// and kubectl's two layouts; the expected texts are worked out by hand from
// Go's rules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TabWriter, type TabWriterSettings } from '../../../src/core/text';
import { alignTabbed, tableWriter } from '../../../src/core/tools/kubectl/printers/tabwriter';

const TIGHT: TabWriterSettings = { minWidth: 0, padding: 1, rememberWidths: false };
const tight = (text: string) => new TabWriter(TIGHT).formatText(text);

describe('TabWriter', () => {
  it('pads every cell of a column to the widest cell plus the padding', () => {
    assert.equal(tight('a\tb\nccc\td\n'), 'a   b\nccc d\n');
  });

  it('never pads the text after a line’s last tab; a trailing tab makes it a padded cell', () => {
    assert.equal(tight('a\tlong text\nbb\tx\n'), 'a  long text\nbb x\n');
    assert.equal(tight('a\tlong text\t\nbb\tx\t\n'), 'a  long text \nbb x         \n');
  });

  it('pads empty cells like any other', () => {
    assert.equal(tight('\tx\nabc\ty\n'), '    x\nabc y\n');
    assert.equal(tight('a\t\tb\nlonger\t\tc\n'), 'a       b\nlonger  c\n');
  });

  it('sets a column’s width per block of consecutive lines that have a cell in it', () => {
    // Column 1 holds "b" on the first line and "dd" on the last: two blocks, since the lines between have no cell there.
    assert.equal(tight('a\tb\tc\naa\tbbb\naaa\t\naaaa\tdd\te\n'), 'a    b c\naa   bbb\naaa  \naaaa dd e\n');
    // A line without tabs ends every block above it.
    assert.equal(tight('a\tx\nplain line\nlonger\ty\n'), 'a x\nplain line\nlonger y\n');
  });

  it('ends a line at a form feed, writes it as a newline, and lays out what follows on its own', () => {
    assert.equal(tight('a\tb\fccc\td\n'), 'a b\nccc d\n');
    assert.equal(tight('a\tb\nccc\td\n'), 'a   b\nccc d\n');
  });

  it('ends a cell at a vertical tab as at a tab', () => {
    assert.equal(tight('a\vb\nccc\vd\n'), tight('a\tb\nccc\td\n'));
  });

  it('keeps a last line without a newline as it is, and an empty text empty', () => {
    assert.equal(tight('a\tb\ncc\td'), 'a  b\ncc d');
    assert.equal(tight(''), '');
    assert.equal(new TabWriter(TIGHT).formatRows([]), '');
  });

  it('counts runes: an East Asian wide character, an emoji and a combining mark are one each', () => {
    assert.equal(tight('日本\tx\nabc\ty\n'), '日本  x\nabc y\n');
    assert.equal(tight('😀\tx\nab\ty\n'), '😀  x\nab y\n');
    assert.equal(tight('e\u0301\tx\nabc\ty\n'), 'e\u0301  x\nabc y\n');
  });

  it('gives a column at least the minimum width', () => {
    assert.equal(new TabWriter({ minWidth: 5, padding: 1, rememberWidths: false }).formatText('a\tb\n'), 'a    b\n');
  });

  it('takes a row’s cells whole, tabs and newlines included', () => {
    assert.equal(new TabWriter(TIGHT).formatRows([['a\tb', 'x'], ['c', 'y']]), 'a\tb x\nc   y\n');
  });

  it('with remembered widths, keeps every column as wide as it has been', () => {
    const writer = new TabWriter({ minWidth: 0, padding: 1, rememberWidths: true });
    assert.equal(writer.formatRows([['a', 'x']]), 'a x\n');
    assert.equal(writer.formatRows([['abcd', 'y']]), 'abcd y\n');
    assert.equal(writer.formatRows([['b', 'z']]), 'b    z\n');
    const forgetful = new TabWriter(TIGHT);
    forgetful.formatRows([['abcd', 'y']]);
    assert.equal(forgetful.formatRows([['b', 'z']]), 'b z\n');
  });

  it('with remembered widths, widens a later block of a column as wide as an earlier one', () => {
    const writer = new TabWriter({ minWidth: 0, padding: 1, rememberWidths: true });
    assert.equal(writer.formatText('abcd\tx\nplain\nb\ty\n'), 'abcd x\nplain\nb    y\n');
  });
});

describe('kubectl’s layouts', () => {
  it('get and top: minimum width 6, padding 3, widths remembered', () => {
    const writer = tableWriter();
    assert.equal(writer.formatRows([['NAME', 'AGE'], ['web', '5m']]), 'NAME   AGE\nweb    5m\n');
    assert.equal(writer.formatRows([['a', 'READY', '']]), 'a      READY   \n');
    assert.equal(writer.formatRows([['a-longer-name', '1m']]), 'a-longer-name   1m\n');
  });

  it('describe: minimum width 0, padding 2', () => {
    assert.equal(alignTabbed('Name:\tweb\nIP:\t10.0.0.1\n'), 'Name:  web\nIP:    10.0.0.1\n');
  });
});

const cellText = fc.string({ unit: fc.constantFrom('a', 'b', 'Z', '-', ' ', 'é', 'e\u0301', '日', '😀'), maxLength: 8 });
const settings = fc.record({ minWidth: fc.integer({ min: 0, max: 8 }), padding: fc.integer({ min: 0, max: 4 }), rememberWidths: fc.boolean() });

describe('TabWriter properties', () => {
  it('starts each column at the same rune on every line of a table whose rows have the same number of cells', () => {
    const table = fc.integer({ min: 1, max: 5 }).chain((n) => fc.array(fc.array(cellText, { minLength: n, maxLength: n }), { maxLength: 8 }));
    fc.assert(
      fc.property(settings, table, (s, rows) => {
        const lines = new TabWriter(s).formatRows(rows).split('\n');
        assert.equal(lines.pop(), '');
        const columns = rows[0]?.length ?? 0;
        let start = 0;
        for (let c = 0; c < columns; c++) {
          const widest = Math.max(...rows.map((r) => [...r[c]].length));
          rows.forEach((row, i) => {
            const line = [...lines[i]];
            assert.equal(line.slice(start, start + [...row[c]].length).join(''), row[c]);
            if (c === columns - 1) assert.equal(line.length, start + [...row[c]].length, 'the last cell is not padded');
          });
          start += Math.max(s.minWidth, widest + s.padding);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('only turns tabs into spaces and form feeds into newlines', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'bb', '日', '😀', ' ', '\t', '\t', '\v', '\n', '\f'), maxLength: 60 });
    fc.assert(
      fc.property(settings, text, (s, input) => {
        const output = new TabWriter(s).formatText(input);
        const expected = input.replace(/[\t\v ]/g, '').replace(/\f/g, '\n');
        assert.equal(output.replace(/ /g, ''), expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('lays out rows as it lays out the same rows written as text', () => {
    const rows = fc.array(fc.array(cellText, { minLength: 1, maxLength: 4 }), { maxLength: 8 });
    fc.assert(
      fc.property(settings, rows, (s, r) => {
        const text = r.map((row) => `${row.join('\t')}\n`).join('');
        assert.equal(new TabWriter(s).formatRows(r), new TabWriter(s).formatText(text));
      }),
      { numRuns: 500 },
    );
  });
});
