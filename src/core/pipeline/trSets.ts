// tr's SET arguments: escapes, ranges, [:class:], [=c=], [c*n], expanded to
// byte lists. GNU tr works on bytes, so a multibyte character is several bytes.
import { FilterUsageError } from './filter';

export type SetItem =
  | { kind: 'byte'; byte: number }
  | { kind: 'class'; name: string }
  | { kind: 'repeat'; byte: number; count: number | undefined };

const CLASS_TESTS: Record<string, (b: number) => boolean> = {
  alnum: (b) => isDigit(b) || isUpper(b) || isLower(b),
  alpha: (b) => isUpper(b) || isLower(b),
  blank: (b) => b === 0x20 || b === 0x09,
  cntrl: (b) => b < 0x20 || b === 0x7f,
  digit: (b) => isDigit(b),
  graph: (b) => b > 0x20 && b < 0x7f,
  lower: (b) => isLower(b),
  print: (b) => b >= 0x20 && b < 0x7f,
  punct: (b) => b > 0x20 && b < 0x7f && !isDigit(b) && !isUpper(b) && !isLower(b),
  space: (b) => b === 0x20 || (b >= 0x09 && b <= 0x0d),
  upper: (b) => isUpper(b),
  xdigit: (b) => isDigit(b) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66),
};

function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}
function isUpper(b: number): boolean {
  return b >= 0x41 && b <= 0x5a;
}
function isLower(b: number): boolean {
  return b >= 0x61 && b <= 0x7a;
}

function fail(message: string): FilterUsageError {
  return new FilterUsageError(`tr: ${message}`, 1);
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 0x5c };

/** Reads one possibly escaped byte at position i; returns it and the next position. */
function readByte(s: Buffer, i: number): [number, number] {
  if (s[i] !== 0x5c || i + 1 >= s.length) return [s[i]!, i + 1];
  const c = String.fromCharCode(s[i + 1]!);
  if (c >= '0' && c <= '7') {
    let j = i + 1;
    let value = 0;
    while (j < s.length && j < i + 4 && s[j]! >= 0x30 && s[j]! <= 0x37 && value * 8 + (s[j]! - 0x30) <= 0xff) {
      value = value * 8 + (s[j]! - 0x30);
      j++;
    }
    return [value, j];
  }
  return [ESCAPES[c] ?? s[i + 1]!, i + 2];
}

export function parseSet(text: string): SetItem[] {
  const s = Buffer.from(text, 'utf8');
  const items: SetItem[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === 0x5b /* [ */) {
      const rest = s.subarray(i).toString('latin1');
      const cls = /^\[:([a-z]+):\]/.exec(rest);
      if (cls) {
        if (!CLASS_TESTS[cls[1]!]) throw fail(`invalid character class '${cls[1]}'`);
        items.push({ kind: 'class', name: cls[1]! });
        i += cls[0].length;
        continue;
      }
      const eq = /^\[=(\\?.)=\]/s.exec(rest);
      if (eq) {
        items.push({ kind: 'byte', byte: readByte(s, i + 2)[0] });
        i += eq[0].length;
        continue;
      }
      const rep = /^\[(\\[0-7]{1,3}|\\?.)\*(\d*)\]/s.exec(rest);
      if (rep) {
        const byte = readByte(s, i + 1)[0];
        const n = rep[2]!;
        const count = n === '' ? undefined : n.startsWith('0') ? parseInt(n, 8) : Number(n);
        if (Number.isNaN(count)) throw fail(`invalid repeat count ‘${n}’ in [c*n] construct`);
        items.push({ kind: 'repeat', byte, count: count === 0 ? undefined : count });
        i += rep[0].length;
        continue;
      }
    }
    const [lo, next] = readByte(s, i);
    if (s[next] === 0x2d /* - */ && next + 1 < s.length) {
      const [hi, after] = readByte(s, next + 1);
      if (hi < lo) {
        const shown = s.subarray(i, after).toString('latin1');
        throw fail(`range-endpoints of '${shown}' are in reverse collating sequence order`);
      }
      for (let b = lo; b <= hi; b++) items.push({ kind: 'byte', byte: b });
      i = after;
      continue;
    }
    items.push({ kind: 'byte', byte: lo });
    i = next;
  }
  return items;
}

/** Expands items to bytes; a [c*] fill takes up whatever length fillTo leaves. */
export function expandSet(items: SetItem[], fillTo?: number): number[] {
  const fixed = items.reduce(
    (n, it) => n + (it.kind === 'byte' ? 1 : it.kind === 'class' ? classBytes(it.name).length : it.count ?? 0),
    0,
  );
  const out: number[] = [];
  for (const it of items) {
    if (it.kind === 'byte') out.push(it.byte);
    else if (it.kind === 'class') out.push(...classBytes(it.name));
    else {
      const n = it.count ?? Math.max(0, (fillTo ?? 0) - fixed);
      for (let k = 0; k < n; k++) out.push(it.byte);
    }
  }
  return out;
}

export function classBytes(name: string): number[] {
  const test = CLASS_TESTS[name]!;
  const out: number[] = [];
  for (let b = 0; b < 256; b++) if (test(b)) out.push(b);
  return out;
}
