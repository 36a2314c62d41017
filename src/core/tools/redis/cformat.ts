// Numbers as redis-cli's printf writes them (%.2f rounds exact ties to even,
// %05.2f pads with zeros), its bytesToHuman, and a pause that ends on abort.

/** printf("%.<digits>f"): the double's exact decimal value, ties to even. */
export function fixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? (Math.sign(x) < 0 ? '-nan' : 'nan') : x > 0 ? 'inf' : '-inf';
  const exact = Math.abs(x).toFixed(Math.min(100, digits + 60));
  const [int, frac = ''] = exact.split('.');
  const kept = frac.slice(0, digits);
  const rest = frac.slice(digits);
  let digitsStr = int! + kept;
  const half = rest.length > 0 && (rest[0]! > '5' || (rest[0] === '5' && (/[1-9]/.test(rest.slice(1)) || Number(digitsStr.at(-1)) % 2 === 1)));
  if (half) digitsStr = (BigInt(digitsStr) + 1n).toString().padStart(digitsStr.length, '0');
  const intPart = digitsStr.slice(0, digitsStr.length - digits) || '0';
  const out = digits ? `${intPart}.${digitsStr.slice(digitsStr.length - digits)}` : intPart;
  return x < 0 ? `-${out}` : out;
}

/** printf("%0<width>.<digits>f"). */
export function zeroPadded(x: number, width: number, digits: number): string {
  const s = fixed(x, digits);
  if (!Number.isFinite(x)) return s.padStart(width);
  return s.startsWith('-') ? '-' + s.slice(1).padStart(width - 1, '0') : s.padStart(width, '0');
}

/** redis-cli's bytesToHuman: 999B, 1.50K, 2.00M, ... */
export function bytesToHuman(n: number): string {
  const sign = n < 0 ? '-' : '';
  n = Math.abs(n);
  const units: [number, string][] = [
    [1024 ** 5, 'P'],
    [1024 ** 4, 'T'],
    [1024 ** 3, 'G'],
    [1024 ** 2, 'M'],
    [1024, 'K'],
  ];
  if (n < 1024) return `${sign}${n}B`;
  for (const [size, unit] of units) if (n >= size) return `${sign}${fixed(n / size, 2)}${unit}`;
  return `${sign}${n}B`;
}

/** Waits `ms`, or less when the signal aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Resolves when the signal aborts. */
export function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
