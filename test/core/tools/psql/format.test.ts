// psql's printer without a server: the literal outputs psql 15 prints for
// the same cells (aligned, expanded, unaligned, CSV, borders 0-2), and
// libpq's error cursor with its truncation of long lines.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorCursor, formatServerMessage } from '../../../../src/core/tools/psql/errors';
import { DEFAULT_PRINT, printTable, type PrintOptions, type PrintTable } from '../../../../src/core/tools/psql/format';
import { formatTiming } from '../../../../src/core/tools/psql/runner';

const opts = (o: Partial<PrintOptions> = {}): PrintOptions => ({ ...DEFAULT_PRINT, ...o });
const table = (headers: string[], aligns: ('l' | 'r')[], rows: string[][], extra: Partial<PrintTable> = {}): PrintTable => ({ headers, aligns, rows, ...extra });

describe('aligned output', () => {
  it('centres headers, right-aligns numbers and ends with the row count and a blank line', () => {
    const t = table(['count'], ['r'], [['15']]);
    assert.equal(printTable(t, opts()), ' count \n-------\n    15\n(1 row)\n\n');
  });

  it('pads every column but the last, and shows NULL as it was given (empty)', () => {
    const t = table(['id', 'winner', 'open'], ['r', 'l', 'l'], [['1', 'O', 'f'], ['2', '', 't'], ['10', 'X', 'f']]);
    assert.equal(
      printTable(t, opts()),
      ' id | winner | open \n----+--------+------\n  1 | O      | f\n  2 |        | t\n 10 | X      | f\n(3 rows)\n\n',
    );
  });

  it('marks multi-line values with + and expands tabs to 8 columns', () => {
    const t = table(['t', 'n', 'z', 'tab'], ['l', 'r', 'l', 'l'], [['line1\nline2', '42', '', 'a\tb']]);
    assert.equal(
      printTable(t, opts()),
      '   t   | n  | z |    tab    \n-------+----+---+-----------\n line1+| 42 |   | a       b\n line2 |    |   | \n(1 row)\n\n',
    );
  });

  it('counts East Asian characters as two columns', () => {
    const t = table(['u'], ['l'], [['é日本']]);
    assert.equal(printTable(t, opts()), '   u   \n-------\n é日本\n(1 row)\n\n');
  });

  it('keeps the header and rule for no rows, and a dashes-only rule for no columns', () => {
    assert.equal(printTable(table(['?column?'], ['r'], []), opts()), ' ?column? \n----------\n(0 rows)\n\n');
    assert.equal(printTable(table([], [], [[]]), opts()), '--\n(1 row)\n\n');
  });

  it('prints multi-line headers with + on the right', () => {
    const t = table(['ab\ncdef', 'x'], ['r', 'r'], [['1', '22']]);
    assert.equal(printTable(t, opts()), '  ab +| x  \n cdef |    \n------+----\n    1 | 22\n(1 row)\n\n');
  });

  it('centres a title over the table (\\dt)', () => {
    const t = table(['Schema', 'Name', 'Type', 'Owner'], ['l', 'l', 'l', 'l'], [['public', 'games', 'table', 'postgres']], { title: 'List of relations' });
    assert.equal(
      printTable(t, opts()),
      '         List of relations\n Schema | Name  | Type  |  Owner   \n--------+-------+-------+----------\n public | games | table | postgres\n(1 row)\n\n',
    );
  });

  it('prints explicit footers instead of the row count', () => {
    const t = table(['Column'], ['l'], [['id']], { title: 'Table "public.t"', footers: ['Indexes:', '    "t_pkey" PRIMARY KEY, btree (id)'] });
    assert.equal(printTable(t, opts()), 'Table "public.t"\n Column \n--------\n id\nIndexes:\n    "t_pkey" PRIMARY KEY, btree (id)\n\n');
  });

  it('draws border 2 and border 0', () => {
    const t = table(['a', 'b'], ['r', 'l'], [['1', '']]);
    assert.equal(printTable(t, opts({ border: 2 })), '+---+---+\n| a | b |\n+---+---+\n| 1 |   |\n+---+---+\n(1 row)\n\n');
    const t0 = table(['bb', 'a', 'c'], ['l', 'r', 'l'], [['p\nq', '1', 'x']]);
    assert.equal(printTable(t0, opts({ border: 0 })), 'bb a c \n-- - -\np +1 x\nq    \n(1 row)\n\n');
    const t2 = table(['bb', 'a'], ['l', 'r'], [['p\nq', '1']]);
    assert.equal(printTable(t2, opts({ border: 2 })), '+----+---+\n| bb | a |\n+----+---+\n| p +| 1 |\n| q  |   |\n+----+---+\n(1 row)\n\n');
  });

  it('leaves out headers and footers with tuples only (-t), keeping the blank line', () => {
    const t = table(['x', 'y'], ['r', 'r'], [['1', '2'], ['3', '4']]);
    assert.equal(printTable(t, opts({ tuplesOnly: true })), ' 1 | 2\n 3 | 4\n\n');
  });
});

describe('expanded output (-x, \\x)', () => {
  it('labels records and aligns names', () => {
    const t = table(['a', 'b'], ['r', 'r'], [['1', '2'], ['3', '4']]);
    assert.equal(printTable(t, opts({ expanded: true })), '-[ RECORD 1 ]\na | 1\nb | 2\n-[ RECORD 2 ]\na | 3\nb | 4\n\n');
  });

  it('widens the record line to the longest name and value', () => {
    const t = table(['application_name', 'client_hostname'], ['l', 'l'], [['postgresql-replica-1', '']]);
    assert.equal(
      printTable(t, opts({ expanded: true })),
      '-[ RECORD 1 ]----+---------------------\napplication_name | postgresql-replica-1\nclient_hostname  | \n\n',
    );
  });

  it('continues multi-line values and headers', () => {
    const t = table(['ab\ncdef', 'x'], ['r', 'l'], [['1', 'v1\nvalue2']]);
    assert.equal(printTable(t, opts({ expanded: true })), '-[ RECORD 1 ]\nab  +| 1\ncdef |\nx    | v1    +\n     | value2\n\n');
  });

  it('prints (0 rows) for an empty result and separators only with tuples only', () => {
    assert.equal(printTable(table(['a'], ['r'], []), opts({ expanded: true })), '(0 rows)\n\n');
    const t = table(['x', 'y'], ['r', 'r'], [['1', '2'], ['3', '4']]);
    assert.equal(printTable(t, opts({ expanded: true, tuplesOnly: true })), 'x | 1\ny | 2\n--+--\nx | 3\ny | 4\n\n');
  });

  it('draws border 0 and border 2', () => {
    const t = table(['a', 'bb'], ['r', 'l'], [['1', 'p\nq']]);
    assert.equal(printTable(t, opts({ expanded: true, border: 0 })), '* Record 1\na  1\nbb p+\n   q\n\n');
    assert.equal(printTable(t, opts({ expanded: true, border: 2 })), '+-[ RECORD 1 ]-+\n| a  | 1 |\n| bb | p+|\n|    | q |\n+----+---+\n\n');
  });
});

describe('unaligned and CSV output', () => {
  const t = table(['x', 'y'], ['r', 'r'], [['1', '2'], ['3', '4']]);

  it('separates fields and records, with the footer as a last record', () => {
    assert.equal(printTable(t, opts({ format: 'unaligned' })), 'x|y\n1|2\n3|4\n(2 rows)\n');
    assert.equal(printTable(t, opts({ format: 'unaligned', fieldSep: ',', recordSep: ';' })), 'x,y;1,2;3,4;(2 rows)\n');
    assert.equal(printTable(t, opts({ format: 'unaligned', tuplesOnly: true })), '1|2\n3|4\n');
  });

  it('prints name|value pairs with a blank line between records when expanded', () => {
    assert.equal(printTable(t, opts({ format: 'unaligned', expanded: true })), 'x|1\ny|2\n\nx|3\ny|4\n');
  });

  it('quotes CSV fields that need it', () => {
    const c = table(['a', 'b'], ['r', 'l'], [['1', 'x,y'], ['2', 'say "hi"']]);
    assert.equal(printTable(c, opts({ format: 'csv' })), 'a,b\n1,"x,y"\n2,"say ""hi"""\n');
  });
});

describe('error cursor (libpq reportErrorPosition)', () => {
  const runbook = "SELECT COUNT(*) FROM table_name WHERE created_at < NOW() - INTERVAL '90 days';";

  it('truncates a long line to 60 columns around the position', () => {
    assert.equal(
      formatServerMessage({ severity: 'ERROR', message: 'relation "table_name" does not exist', position: '22' }, runbook, true),
      'ERROR:  relation "table_name" does not exist\nLINE 1: SELECT COUNT(*) FROM table_name WHERE created_at < NOW() - I...\n                             ^\n',
    );
  });

  it('cuts on the left when the position is far right, and counts lines', () => {
    const query = 'SELECT id, username, rating, created_at FROM players WHERE rating > 1200 AND nosuchcolumn = 1 ORDER BY id';
    const at = query.indexOf('nosuchcolumn') + 1;
    assert.equal(errorCursor(query, at), 'LINE 1: ..., created_at FROM players WHERE rating > 1200 AND nosuchcolu...\n                                                             ^\n');
    assert.equal(errorCursor('SELECT id\n  FROM nosuch', 18), 'LINE 2:   FROM nosuch\n               ^\n');
  });

  it('adds DETAIL, HINT and CONTEXT in libpq order', () => {
    const text = formatServerMessage(
      { severity: 'ERROR', message: 'duplicate key value violates unique constraint "players_pkey"', detail: 'Key (id)=(1) already exists.', hint: 'Try another id.', where: 'SQL function "f"' },
      'INSERT INTO players VALUES (1)',
      true,
    );
    assert.equal(text, 'ERROR:  duplicate key value violates unique constraint "players_pkey"\nDETAIL:  Key (id)=(1) already exists.\nHINT:  Try another id.\nCONTEXT:  SQL function "f"\n');
  });
});

describe('\\timing', () => {
  it('prints milliseconds, and minutes and seconds past one second', () => {
    assert.equal(formatTiming(0.1234), 'Time: 0.123 ms\n');
    assert.equal(formatTiming(61234.5), 'Time: 61234.500 ms (01:01.234)\n');
    assert.equal(formatTiming(3723000), 'Time: 3723000.000 ms (01:02:03.000)\n');
  });
});
