// In an incident record, the runs of inline commands are written after their
// paragraph: their summary and output are the record's, not the runbook's
// prose, so no code span in them is an inline command.

import type { Token } from 'markdown-it';
import { RUN_END, RUN_START } from '../markdown/recordBlocks';

/** The indexes of the block-level tokens that stand inside a recorded run. */
export function tokensInRecordedRuns(tokens: readonly Token[]): Set<number> {
  const inside = new Set<number>();
  let open = false;
  tokens.forEach((token, index) => {
    const html = token.type === 'html_block' ? token.content.trimStart() : '';
    if (html.startsWith(RUN_START)) open = true;
    if (open) inside.add(index);
    if (html.trimEnd() === RUN_END || html.trimEnd().endsWith(`\n${RUN_END}`)) open = false;
  });
  return inside;
}
