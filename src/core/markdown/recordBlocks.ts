// The two things an incident record adds to a runbook's Markdown, as the
// parser sees them: the recorded runs written right after a code cell's fence
// (each between a start and an end comment, at the fence's indentation), and
// the timeline section at the end of the file. Both are found by their marker
// lines only, so a plain runbook never contains either.

import { isBlank, type SourceLine } from './lines';

export const RUN_START = '<!-- runbook:run ';
export const RUN_END = '<!-- /runbook:run -->';
export const TIMELINE_START = '<!-- runbook:timeline';
export const TIMELINE_END = '<!-- /runbook:timeline -->';

/** A line with its container prefix (list indentation, `> `) taken off; undefined when the prefix is not there. */
export function unprefixed(line: string, prefix: string): string | undefined {
  if (line.startsWith(prefix)) return line.slice(prefix.length);
  const bare = prefix.trimEnd();
  if (line.startsWith(bare)) return line.slice(bare.length).trimStart();
  return undefined;
}

/** A line that is blank inside its container (`>` alone in a blockquote). */
export function isContainerBlank(line: string, prefix: string): boolean {
  return isBlank(line) || line.trim() === prefix.trim();
}

/**
 * The line after the recorded runs that follow a fence ending before line
 * `from`: `from` itself when none do. Blank lines between runs belong to
 * them; blank lines after the last run do not.
 */
export function recordedRunsEnd(lines: readonly SourceLine[], from: number, prefix: string): number {
  let end = from;
  let line = from;
  let texts: string[] | undefined;
  for (;;) {
    while (line < lines.length && isContainerBlank(lines[line].text, prefix)) line++;
    if (line >= lines.length || !unprefixed(lines[line].text, prefix)?.startsWith(RUN_START)) return end;
    texts ??= lines.map((l) => unprefixed(l.text, prefix) ?? l.text);
    const close = runBlockEnd(texts, line);
    if (close === undefined) return end;
    end = close + 1;
    line = end;
  }
}

/**
 * The index of the end line of the run block starting at `start` (lines
 * without their container prefix), or undefined when it has none. An end
 * marker inside one of the block's fences is output, not the end.
 */
export function runBlockEnd(texts: readonly string[], start: number): number | undefined {
  for (let i = start + 1; i < texts.length; i++) {
    const open = /^(`{3,}|~{3,})/.exec(texts[i]);
    if (open) {
      i++;
      while (i < texts.length && texts[i].trimEnd() !== open[1]) i++;
      continue;
    }
    if (texts[i].trimEnd() === RUN_END) return i;
  }
  return undefined;
}

/** The timeline section, from its start line to the line after its end line, or undefined when the file has none. */
export function timelineSpan(lines: readonly SourceLine[], from: number): { start: number; end: number } | undefined {
  for (let i = from; i < lines.length; i++) {
    if (!lines[i].text.startsWith(TIMELINE_START)) continue;
    for (let j = i + 1; j < lines.length; j++) if (lines[j].text.trimEnd() === TIMELINE_END) return { start: i, end: j + 1 };
    return undefined;
  }
  return undefined;
}

/**
 * The recorded runs that stand in the prose (an inline command's, written
 * after its paragraph), as line spans from the start line to the line after
 * the end line. A start line inside a fence is the fence's text, not a run.
 */
export function proseRunSpans(lines: readonly SourceLine[], fences: readonly { startLine: number; endLine: number }[]): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  // Each line without its container prefix (list indentation, `>` markers).
  const texts = lines.map((l) => l.text.replace(/^[\s>]*/, ''));
  for (let i = 0; i < lines.length; i++) {
    if (!texts[i].startsWith(RUN_START) || fences.some((f) => i >= f.startLine && i < f.endLine)) continue;
    const end = runBlockEnd(texts, i);
    if (end === undefined) continue;
    spans.push({ start: i, end: end + 1 });
    i = end;
  }
  return spans;
}
