// An incident record as one self-contained HTML page, to attach to a
// postmortem or print: the header and the timeline at the top, then the
// runbook with each code cell's recorded runs under it. Everything from the
// record is escaped (raw HTML in the prose too); the page has no scripts and
// its Content Security Policy allows nothing but its own stylesheet.
//
// The prose is rendered as one Markdown document so that a cell inside a
// numbered step or a blockquote stays inside it: each code cell (with its
// runs) stands in that document as an empty fence of its own at the same
// place, which is then replaced by the cell's HTML.

import { createHash } from 'node:crypto';
import { parseRunbook, type RunbookCell } from '../markdown';
import { frontMatterCell, isTimelineCell } from './recordCells';
import { cellHtml } from './exportCell';
import { headerHtml, timelineHtml } from './exportHeader';
import { EXPORT_STYLE } from './exportStyle';
import { withHeadingIds } from './headingIds';
import { escapeHtml } from './html';
import { proseHtml } from './proseHtml';
import { readParsedRecord } from './readRecord';

const PLACEHOLDER = 'runbook-record-cell-';

export function exportRecordHtml(recordText: string): string {
  const doc = parseRunbook(recordText);
  const record = readParsedRecord(recordText, doc);
  const { cells } = doc;
  const runs = new Map(record.cells.map((c) => [c.index, c.runs]));
  const shown = (cell: RunbookCell) => cell !== frontMatterCell(cells) && !isTimelineCell(cell);
  const stand = cells.map((cell, index) => (!shown(cell) ? '' : cell.kind === 'code' ? standIn(cell, index) : cellText(cell)));
  const body = withHeadingIds(proseHtml(stand.join(''))).replace(new RegExp(`<pre><code class="language-${PLACEHOLDER}(\\d+)"></code></pre>`, 'g'), (_, index: string) => {
    const cell = cells[Number(index)];
    return cellHtml(cell.value, cell.origin?.fence?.info ?? cell.language, runs.get(Number(index)) ?? []);
  });
  const title = record.header?.title ?? 'Incident record';
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(EXPORT_STYLE))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${EXPORT_STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    headerHtml(record.header),
    timelineHtml(record.events),
    '<article class="runbook">',
    body,
    '</article>',
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Nothing may load but the style element holding exactly `style`. */
export function contentSecurityPolicy(style: string): string {
  return `default-src 'none'; style-src 'sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}'`;
}

function cellText(cell: RunbookCell): string {
  const origin = cell.origin;
  return origin ? origin.leading + origin.body + origin.trailing : `${cell.value}\n\n`;
}

/** An empty fence at the cell's place, in its list item or blockquote; its info string names the cell. */
function standIn(cell: RunbookCell, index: number): string {
  const origin = cell.origin;
  const fence = origin?.fence;
  if (!origin || !fence) return `\n\`\`\`${PLACEHOLDER}${index}\n\`\`\`\n\n`;
  const eol = /\r\n|\r|\n/.exec(origin.body)?.[0] ?? '\n';
  const opening = fence.opening.slice(0, fence.opening.indexOf(fence.marker));
  const closing = fence.closing === null ? fence.prefix : fence.closing.slice(0, fence.closing.indexOf(fence.marker));
  return `${origin.leading}${opening}${fence.marker}${PLACEHOLDER}${index}${eol}${closing}${fence.marker}${eol}${origin.trailing}`;
}
