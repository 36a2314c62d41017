// One recorded run as Markdown, written right after the cell's fence at the
// fence's indentation (inside the same list item or blockquote):
//
//   <!-- runbook:run BASE64 -->        the structured result, hidden
//   **ok** · time · who · target · exit · duration     a visible summary
//   - warning: cpu 78% ...             what the verdict found
//   ````text                           stdout, in a fence longer than any inside it
//   ...                                (folded in <details> when long)
//   *stderr*  ````text stderr ...      stderr, when there is any
//   *Not run:* ...                     commands skipped or declined
//   <!-- /runbook:run -->
//
// and read back by the same rules.

import { RUN_END, RUN_START, isContainerBlank, runBlockEnd, unprefixed } from '../markdown/recordBlocks';
import { markerFor } from '../markdown/renderCell';
import { splitLines } from '../markdown/lines';
import { decodeRun, encodeRun, normalizeText, sha256, type RecordedRun } from './recordedRun';

export interface RunBlockContent {
  run: RecordedRun;
  /** The visible one-line summary (Markdown). */
  summary: string;
  /** The text to show (normalized, possibly the beginning of a sidecar's). */
  text: string;
  stderr: string;
  /** What the verdict found (Markdown list items), shown under the summary. */
  findings: string[];
  /** Extra lines after the outputs (Markdown): commands not run, the sidecar link. */
  notes: string[];
  /** Fold the output in <details> with this summary. */
  fold?: string;
}

export interface Layout {
  /** The fence's container prefix. */
  prefix: string;
  eol: string;
}

const STDERR_INFO = 'text stderr';

export function renderRunBlock(content: RunBlockContent, layout: Layout): string {
  const lines: string[] = [''];
  lines.push(`${RUN_START}${encodeRun(content.run)} -->`, content.summary);
  if (content.findings.length) lines.push('', ...content.findings);
  const stdout = fenced(content.text, 'text');
  if (stdout.length) {
    if (content.fold) lines.push('', `<details><summary>${content.fold}</summary>`, '', ...stdout, '', '</details>');
    else lines.push('', ...stdout);
  }
  const stderr = fenced(content.stderr, STDERR_INFO);
  if (stderr.length) lines.push('', '*stderr*', ...stderr);
  if (content.notes.length) lines.push('', ...content.notes);
  lines.push(RUN_END);
  const blank = layout.prefix.trimEnd();
  return lines.map((line) => (line === '' ? blank : layout.prefix + line) + layout.eol).join('');
}

function fenced(text: string, info: string): string[] {
  if (text === '') return [];
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const marker = markerFor(body, '```');
  return [marker + info, ...body.split('\n'), marker];
}

/** One run read back from a record. */
export interface ReadRun {
  run: RecordedRun;
  text: string;
  stderr: string;
  /** The text shown no longer has the digest it was recorded with: someone changed it by hand. */
  edited: boolean;
}

/** The runs written after a fence, oldest first. Blocks this version cannot read are passed over. */
export function readRunBlocks(runs: string, prefix: string): ReadRun[] {
  // A line written with the prefix keeps everything after it (a line of spaces is output too); a blank one is empty.
  const lines = splitLines(runs).map(({ text }) => (text.startsWith(prefix) ? text.slice(prefix.length) : isContainerBlank(text, prefix) ? '' : (unprefixed(text, prefix) ?? text)));
  const out: ReadRun[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith(RUN_START)) continue;
    const end = runBlockEnd(lines, i) ?? lines.length;
    const encoded = lines[i].slice(RUN_START.length).replace(/\s*-->\s*$/, '');
    const run = decodeRun(encoded);
    if (run) out.push(readBody(run, lines.slice(i + 1, end)));
    i = end;
  }
  return out;
}

function readBody(run: RecordedRun, lines: string[]): ReadRun {
  let text = '';
  let stderr = '';
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})(text(?: stderr)?)\s*$/.exec(lines[i]);
    if (!open) continue;
    let close = i + 1;
    while (close < lines.length && lines[close] !== open[1]) close++;
    const body = lines.slice(i + 1, close).join('\n');
    if (open[2] === STDERR_INFO) stderr = withEnding(body, run.stderr?.eol);
    else text = withEnding(body, run.text.eol);
    i = close;
  }
  const edited = sha256(text) !== run.text.sha256 || (run.stderr ? sha256(stderr) !== run.stderr.sha256 : stderr !== '');
  return { run, text, stderr, edited };
}

function withEnding(body: string, eol: boolean | undefined): string {
  return eol === false ? body : body + '\n';
}

export { normalizeText };
