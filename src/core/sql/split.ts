// Splits a SQL cell into statements the way psql sends them: at `;` outside
// quotes, dollar-quoted bodies and comments. psql meta-commands (`\x`) are
// statements of their own.

export interface SqlStatement {
  text: string;
  /** 0-based line in the cell where the statement starts. */
  line: number;
}

export function splitSql(src: string): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let start = 0;
  let i = 0;
  let line = 0;
  let startLine = 0;
  const push = (end: number) => {
    const raw = src.slice(start, end);
    // Blank lines and whole-line `--` comments before a statement are not part of it.
    const leading = /^(?:\s|--[^\n]*(?:\n|$))*/.exec(raw)?.[0] ?? '';
    const text = raw.slice(leading.length).trim();
    if (text) statements.push({ text, line: startLine + (leading.match(/\n/g)?.length ?? 0) });
  };
  // Only blank lines and whole-line comments since the last statement: a meta-command may start here.
  const atStatementStart = () => src.slice(start, i).replace(/--[^\n]*/g, '').trim() === '';
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (c === '\\' && atStatementStart()) {
      // A meta-command runs to the end of its line.
      let end = src.indexOf('\n', i);
      if (end < 0) end = src.length;
      push(end);
      start = end;
      startLine = line;
      i = end;
    } else if (c === "'" || c === '"') {
      const close = findClose(src, i + 1, c);
      line += count(src, i, close);
      i = close;
    } else if (c === '-' && src[i + 1] === '-') {
      const end = src.indexOf('\n', i);
      i = end < 0 ? src.length : end;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const close = end < 0 ? src.length : end + 2;
      line += count(src, i, close);
      i = close;
    } else if (c === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(src.slice(i));
      if (tag) {
        const end = src.indexOf(tag[0], i + tag[0].length);
        const close = end < 0 ? src.length : end + tag[0].length;
        line += count(src, i, close);
        i = close;
      } else i++;
    } else if (c === ';') {
      push(i + 1);
      i++;
      start = i;
      startLine = line;
    } else i++;
  }
  push(src.length);
  return statements;
}

function findClose(src: string, from: number, quote: string): number {
  for (let i = from; i < src.length; i++) {
    if (src[i] === quote) {
      if (src[i + 1] === quote) i++;
      else return i + 1;
    }
  }
  return src.length;
}

function count(src: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (src[i] === '\n') n++;
  return n;
}
