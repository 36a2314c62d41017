// How wide text is. In terminal columns, as glibc's wcwidth counts them in a
// UTF-8 locale (column -t, wc -L, psql's aligned tables); and in runes (code
// points), as Go's tabwriter counts a cell, so kubectl's columns count an East
// Asian wide character or a combining mark as one.

const NON_PRINTING = /[\p{Cc}\p{Cs}\p{Cn}]/u;
const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/u;
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;

/** glibc iswprint: false for control, surrogate and unassigned code points. */
export function isPrintable(ch: string): boolean {
  return !NON_PRINTING.test(ch);
}

/** Columns a character occupies: 0 for combining and non-printing, 2 for East Asian wide. */
export function charWidth(ch: string): number {
  if (!isPrintable(ch) || ZERO_WIDTH.test(ch)) return 0;
  return WIDE.test(ch) ? 2 : 1;
}

/** Columns a string occupies (no tab handling). */
export function stringWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

/** Code points in a string (Go's utf8.RuneCountInString), not UTF-16 units. */
export function runeCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
