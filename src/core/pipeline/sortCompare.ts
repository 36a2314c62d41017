// The orderings GNU sort offers, in the C.UTF-8 locale: code-point text order,
// -n numeric, -g general numeric, -h human sizes, -M months and -V versions.

/** Code-point order (what bytewise comparison of UTF-8 gives), unlike JS's UTF-16 order. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys && (xs ? y : x) >= 0xe000) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length < 0 ? -1 : a.length === b.length ? 0 : 1;
}

const LEADING_BLANKS = /^[ \t]*/;

interface Decimal {
  negative: boolean;
  integer: string;
  fraction: string;
}

/** The number at the start of a field as -n reads it: blanks, '-', digits, '.', digits. */
function readDecimal(text: string): { value: Decimal; rest: string } {
  const m = /^[ \t]*(-?)(\d*)(?:\.(\d*))?/.exec(text)!;
  const integer = m[2]!.replace(/^0+/, '');
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  const hasDigits = m[2] !== '' || (m[3] ?? '') !== '';
  const isZero = integer === '' && fraction === '';
  return {
    value: { negative: m[1] === '-' && hasDigits && !isZero, integer, fraction },
    rest: text.slice(m[0].length),
  };
}

function compareMagnitude(a: Decimal, b: Decimal): number {
  if (a.integer.length !== b.integer.length) return a.integer.length < b.integer.length ? -1 : 1;
  if (a.integer !== b.integer) return a.integer < b.integer ? -1 : 1;
  if (a.fraction !== b.fraction) return a.fraction < b.fraction ? -1 : 1;
  return 0;
}

function compareDecimal(a: Decimal, b: Decimal): number {
  if (a.negative !== b.negative) return a.negative ? -1 : 1;
  const m = compareMagnitude(a, b);
  return a.negative ? -m : m;
}

export function compareNumeric(a: string, b: string): number {
  return compareDecimal(readDecimal(a).value, readDecimal(b).value);
}

const UNITS = 'KMGTPEZYRQ';

function unitOrder(ch: string): number {
  if (ch === 'k') return 1;
  return ch === '' ? 0 : UNITS.indexOf(ch) + 1;
}

/** GNU's unit order of a -h number: 0 without a unit or when zero, negative for negative numbers. */
function humanOrder(text: string): number {
  const m = /^[ \t]*(-?)(\d*(?:\.\d*)*)(.?)/.exec(text)!;
  const order = /[1-9]/.test(m[2]!) ? unitOrder(m[3]!) : 0;
  return m[1] === '-' ? -order : order;
}

export function compareHuman(a: string, b: string): number {
  const diff = humanOrder(a) - humanOrder(b);
  return diff !== 0 ? Math.sign(diff) : compareNumeric(a, b);
}

const FLOAT = /^[ \t\n\v\f\r]*([+-]?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan))/i;

/** strtod-like: undefined when the field does not start with a number. */
function readFloat(text: string): number | undefined {
  const m = FLOAT.exec(text);
  if (!m) return undefined;
  const s = m[1]!.toLowerCase();
  if (s.includes('nan')) return NaN;
  if (s.includes('inf')) return s.startsWith('-') ? -Infinity : Infinity;
  if (s.replace(/^[+-]/, '').startsWith('0x')) return (s.startsWith('-') ? -1 : 1) * parseInt(s.replace(/^[+-]?0x/, ''), 16);
  return Number(s);
}

export function compareGeneral(a: string, b: string): number {
  const x = readFloat(a);
  const y = readFloat(b);
  const rank = (v: number | undefined) => (v === undefined ? 0 : Number.isNaN(v) ? 1 : 2);
  if (rank(x) !== rank(y) || rank(x) < 2) return Math.sign(rank(x) - rank(y));
  return x! < y! ? -1 : x! > y! ? 1 : 0;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

export function compareMonth(a: string, b: string): number {
  const month = (s: string) => MONTHS.indexOf(s.replace(LEADING_BLANKS, '').slice(0, 3).toUpperCase()) + 1;
  return Math.sign(month(a) - month(b));
}

/** Debian-style version comparison (the core of GNU filevercmp). */
function versionOrder(ch: string | undefined): number {
  if (ch === undefined) return 0;
  if (ch === '~') return -1;
  if (/[A-Za-z]/.test(ch)) return ch.charCodeAt(0);
  return ch.charCodeAt(0) + 256;
}

function compareVersionParts(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let first = 0;
    while ((i < a.length && !/\d/.test(a[i]!)) || (j < b.length && !/\d/.test(b[j]!))) {
      const ac = i < a.length && !/\d/.test(a[i]!) ? a[i] : undefined;
      const bc = j < b.length && !/\d/.test(b[j]!) ? b[j] : undefined;
      const d = versionOrder(ac) - versionOrder(bc);
      if (d !== 0) return Math.sign(d);
      i++;
      j++;
    }
    while (a[i] === '0') i++;
    while (b[j] === '0') j++;
    while (i < a.length && j < b.length && /\d/.test(a[i]!) && /\d/.test(b[j]!)) {
      if (first === 0) first = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (i < a.length && /\d/.test(a[i]!)) return 1;
    if (j < b.length && /\d/.test(b[j]!)) return -1;
    if (first !== 0) return Math.sign(first);
  }
  return 0;
}

/** Splits off a file suffix like ".tar.gz" the way filevercmp does. */
function withoutSuffix(s: string): string {
  const m = /(?:\.[A-Za-z~][A-Za-z0-9~]*)*$/.exec(s);
  return m && m.index > 0 ? s.slice(0, m.index) : s;
}

export function compareVersion(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return -1;
  if (b === '') return 1;
  for (const special of ['.', '..']) {
    if (a === special) return -1;
    if (b === special) return 1;
  }
  if (a.startsWith('.') !== b.startsWith('.')) return a.startsWith('.') ? -1 : 1;
  const pa = a.startsWith('.') ? a.slice(1) : a;
  const pb = b.startsWith('.') ? b.slice(1) : b;
  const r = compareVersionParts(withoutSuffix(pa), withoutSuffix(pb));
  return r !== 0 ? r : compareVersionParts(pa, pb);
}
