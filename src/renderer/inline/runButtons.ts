// A markdown-it plugin for VS Code's Markdown renderer: after each code span
// that reads as an inline command, a ▶ button carrying the command, the
// span's line in the cell and an id for the cell's text. No DOM: the
// renderer's index wires the clicks.

import type { MarkdownIt, Token } from 'markdown-it';
import { codeSpanStart, isInlineCommand, linesBefore, notingCodeSpanStarts, tokensInRecordedRuns } from '../../core/inline';

export const RUN_BUTTON_CLASS = 'runbook-inline-run';

/** What VS Code's Markdown renderer passes as markdown-it's env: the cell being rendered. */
export interface RenderEnv {
  outputItem?: { text(): string };
}

interface CommandMeta {
  inlineCommand?: { line: number };
}

/** After every inline command's code span, a ▶ carrying the command, its line in the cell and the cell's text. */
export function addRunButtons(md: MarkdownIt, cellId: (cellText: string) => string): void {
  notingCodeSpanStarts(md);
  md.core.ruler.push('runbook_inline_commands', (state) => {
    let blockLine = 0;
    // A recorded run's summary and output are the record's, not commands to run.
    const recorded = tokensInRecordedRuns(state.tokens);
    for (const [index, token] of state.tokens.entries()) {
      if (token.map) blockLine = token.map[0];
      for (const child of token.type === 'inline' && !recorded.has(index) ? (token.children ?? []) : []) {
        if (child.type !== 'code_inline' || !isInlineCommand(child.content)) continue;
        const start = codeSpanStart(child);
        child.meta = { ...child.meta, inlineCommand: { line: blockLine + (start === undefined ? 0 : linesBefore(token.content, start)) } } satisfies CommandMeta;
      }
    }
    return false;
  });
  const original = md.renderer.rules.code_inline;
  md.renderer.rules.code_inline = (tokens: Token[], idx: number, options, env, self) => {
    const html = original ? original(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
    const found = (tokens[idx].meta as CommandMeta | null)?.inlineCommand;
    const cellText = (env as RenderEnv | undefined)?.outputItem?.text();
    if (!found || cellText === undefined) return html;
    const command = md.utils.escapeHtml(tokens[idx].content);
    return `${html}<button class="${RUN_BUTTON_CLASS}" title="Run ${command}" aria-label="Run ${command}" data-cell="${cellId(cellText)}" data-line="${found.line}" data-command="${command}">▶</button>`;
  };
}
