// The digits of a float64 under fmt's float verbs (%v %g %G %f %F %e %E),
// with width, sign and padding left to the caller: strconv's shortest form,
// fixed and exponent forms rounded as Go rounds (ties to even), and %#g.

import { goFloat } from './goValues';

/** The text of a non-negative finite float for `verb`, or undefined when the verb is not a float verb. */
export function floatText(abs: number, verb: string, prec: number | undefined, sharp: boolean): string | undefined {
  let body: string;
  switch (verb) {
    case 'v':
    case 'g':
    case 'G':
      if (prec !== undefined) body = precisionG(abs, prec === 0 ? 1 : prec, sharp);
      else body = sharp ? keepDigits(goFloat(abs), 6) : goFloat(abs);
      break;
    case 'f':
    case 'F':
      body = fixed(abs, prec ?? 6);
      break;
    case 'e':
    case 'E':
      body = exponentForm(exponential(abs, prec ?? 6));
      break;
    default:
      return undefined;
  }
  return verb === 'E' || verb === 'G' ? body.toUpperCase() : body;
}

function exponentForm(text: string): string {
  // JavaScript writes 1.5e+0; Go writes at least two exponent digits.
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** strconv's 'g' with a precision: %e when the exponent is < -4 or >= the precision. */
function precisionG(abs: number, prec: number, sharp: boolean): string {
  const [mantissa, expText] = exponential(abs, prec - 1).split('e');
  const exp = Number(expText);
  const trim = (s: string) => (sharp ? s : s.includes('.') ? s.replace(/\.?0+$/, '') : s);
  if (exp < -4 || exp >= prec) return exponentForm(`${trim(mantissa)}e${exp < 0 ? '-' : '+'}${Math.abs(exp)}`);
  return trim(fixed(abs, Math.max(0, prec - 1 - exp)));
}

/** %#g without a precision: the shortest form, with a point and zeros up to `digits` significant digits. */
function keepDigits(text: string, digits: number): string {
  const [mantissa, exponent] = text.split('e');
  const significant = mantissa.replace('.', '').replace(/^0+/, '').length;
  const withPoint = mantissa.includes('.') ? mantissa : `${mantissa}.`;
  return withPoint + '0'.repeat(Math.max(0, digits - significant)) + (exponent === undefined ? '' : `e${exponent}`);
}

/**
 * Rounds as Go does: to the nearest, and on an exact tie to the even digit
 * (JavaScript's toFixed and toExponential round ties up).
 */
function roundedTie(text: string, keep: number): boolean {
  // `text` has many more digits than kept: a tie is a 5 followed by zeros only.
  const rest = text.replace('.', '').slice(keep);
  return /^50*$/.test(rest);
}

function fixed(abs: number, prec: number): string {
  const wide = abs.toFixed(Math.min(100, prec + 30));
  const integerDigits = wide.indexOf('.');
  if (!roundedTie(wide.replace(/e.*$/, ''), integerDigits + prec)) return abs.toFixed(prec);
  const digits = wide.replace('.', '').slice(0, integerDigits + prec);
  const evenDown = Number(digits.at(-1)) % 2 === 0;
  return evenDown ? `${digits.slice(0, integerDigits)}${prec ? `.${digits.slice(integerDigits)}` : ''}` : abs.toFixed(prec);
}

function exponential(abs: number, prec: number): string {
  const wide = abs.toExponential(Math.min(100, prec + 30));
  const [mantissa, exp] = wide.split('e');
  if (!roundedTie(mantissa, 1 + prec)) return abs.toExponential(prec);
  const digits = mantissa.replace('.', '').slice(0, 1 + prec);
  if (Number(digits.at(-1)) % 2 !== 0) return abs.toExponential(prec);
  return `${digits[0]}${prec ? `.${digits.slice(1)}` : ''}e${exp}`;
}
