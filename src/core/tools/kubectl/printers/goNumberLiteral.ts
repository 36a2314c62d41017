// Number constants in a Go template (`3`, `-1`, `0x1F`, `1_000`, `1.5`,
// `1e3`, `'a'`): whether Go's parser accepts one, and the value and type
// Go gives it when it has no other type to go by (float64 or int).

import { goUnquote } from './goValues';

const INTEGER = /^[+-]?(?:0[xX]_?[0-9a-fA-F]+(?:_[0-9a-fA-F]+)*|0[bB]_?[01]+(?:_[01]+)*|0[oO]_?[0-7]+(?:_[0-7]+)*|0(?:_?[0-7]+)*|[1-9](?:_?[0-9]+)*)$/;
const FLOAT = /^[+-]?(?:[0-9]+(?:_[0-9]+)*(?:\.(?:[0-9]+(?:_[0-9]+)*)?)?|\.[0-9]+(?:_[0-9]+)*)(?:[eE][+-]?[0-9]+)?$/;

/** A character constant's code point (`'a'` is 97). */
function charValue(text: string): number | undefined {
  const chars = goUnquote(text);
  return chars !== undefined && Array.from(chars).length === 1 ? chars.codePointAt(0) : undefined;
}

/** Whether Go's parser reads `text` as a number. */
export function isNumberLiteral(text: string): boolean {
  if (text.startsWith("'")) return charValue(text) !== undefined;
  return INTEGER.test(text) || FLOAT.test(text);
}

/** The value of a whole-number literal (decimal, 0x, 0o, 0b or leading-0 octal), or undefined for any other. */
function integerValue(text: string): bigint | undefined {
  if (!INTEGER.test(text)) return undefined;
  const digits = text.replace(/_/g, '');
  const negative = digits.startsWith('-');
  const body = digits.replace(/^[+-]/, '');
  const value = /^0[0-7]+$/.test(body) ? BigInt(`0o${body.slice(1)}`) : BigInt(body.replace(/^0([oObBxX])/, (_, p: string) => `0${p.toLowerCase()}`));
  return negative ? -value : value;
}

/** A whole number too large even for a uint64: Go rejects it when parsing. */
export function overflowsUint64(text: string): boolean {
  const value = integerValue(text);
  return value !== undefined && (value < 0n ? -value : value) >= 2n ** 64n;
}

/** What Go makes of a number constant: a float64 when written as one, else an int; 'overflow' beyond an int64. */
export function numberConstant(text: string): { type: 'int' | 'float64'; v: number | bigint } | 'overflow' {
  if (text.startsWith("'")) return { type: 'int', v: charValue(text)! };
  const hexInteger = /^[+-]?0[xX]/.test(text) && !/[pP]/.test(text);
  const value = integerValue(text);
  if (value === undefined || (!hexInteger && /[.eEpP]/.test(text))) return { type: 'float64', v: Number(text.replace(/_/g, '')) };
  if (value >= 2n ** 63n || value < -(2n ** 63n)) return 'overflow';
  return { type: 'int', v: Number.isSafeInteger(Number(value)) ? Number(value) : value };
}
