// The ▶ on inline commands: extends VS Code's Markdown renderer so each code
// span in a Markdown cell that reads as a command gets a small run button
// after it. A click asks the extension (renderer messaging) to run it; the
// answer, its output and verdict, is shown below the span's paragraph, in the
// rendered cell only: the runbook's text never changes. Browser code: DOM
// only; output is inserted as text, never as HTML.

import type { MarkdownIt } from 'markdown-it';
import type { ActivationFunction, RendererContext } from 'vscode-notebook-renderer';
import type { InlineRunShown, RunInlineRequest } from '../../core/inline';
import { addRunButtons, RUN_BUTTON_CLASS } from './runButtons';
import { INLINE_STYLES } from './styles';

interface MarkdownItRenderer {
  extendMarkdownIt(extend: (md: MarkdownIt) => void): void;
}

const OUTPUT = 'runbook-inline-output';

export const activate: ActivationFunction = async (ctx: RendererContext<unknown>) => {
  const markdown = (await ctx.getRenderer('vscode.markdown-it-renderer')) as MarkdownItRenderer | undefined;
  if (!markdown) throw new Error('Runbook: VS Code\'s Markdown renderer is not available');
  addStyles();
  const cells = new Map<string, string>();
  const buttons = new Map<string, HTMLElement>();
  let next = 0;
  markdown.extendMarkdownIt((md) => addRunButtons(md, (cellText) => {
    const id = `r${next++}`;
    cells.set(id, cellText);
    return id;
  }));
  if (!ctx.postMessage || !ctx.onDidReceiveMessage) return undefined;
  const post = ctx.postMessage.bind(ctx);
  // The cell's HTML sits in a shadow root: the click reaches the document with the button first on its path.
  document.addEventListener('click', (event) => {
    const button = event.composedPath()[0];
    if (!(button instanceof HTMLElement) || !button.classList.contains(RUN_BUTTON_CLASS)) return;
    event.preventDefault();
    const cellText = cells.get(button.dataset.cell ?? '');
    if (cellText === undefined) return;
    const runId = `${button.dataset.cell}-${button.dataset.line}-${next++}`;
    buttons.set(runId, button);
    const request: RunInlineRequest = { type: 'run-inline', runId, cellText, line: Number(button.dataset.line), command: button.dataset.command ?? '' };
    post(request);
  });
  ctx.onDidReceiveMessage((message: InlineRunShown) => {
    const button = message?.type === 'inline-result' ? buttons.get(message.runId) : undefined;
    if (button) showResult(button, message);
  });
  return undefined;
};

/** The run's output below the paragraph (or list item, table cell, heading) that holds the button; one per button, replaced by each run. */
function showResult(button: HTMLElement, shown: InlineRunShown): void {
  const block = button.closest('p, li, td, th, h1, h2, h3, h4, h5, h6') ?? button;
  const id = `${OUTPUT}-${button.dataset.cell}-${button.dataset.line}-${button.dataset.command}`;
  let output = Array.from(block.parentElement?.children ?? []).find((e) => e instanceof HTMLElement && e.dataset.runbookOutput === id) as HTMLElement | undefined;
  if (!output) {
    output = document.createElement('div');
    output.dataset.runbookOutput = id;
    block.after(output);
  }
  output.className = `${OUTPUT}${shown.level ? ` runbook-level-${shown.level}` : ''}${shown.status && shown.status !== 'ok' ? ' runbook-failed' : ''}`;
  const summary = document.createElement('p');
  summary.className = 'runbook-inline-summary';
  summary.textContent = shown.state === 'running' ? `Running ${shown.command} …` : `${shown.command}: ${shown.status}${shown.exitCode !== undefined ? `, exit ${shown.exitCode}` : ''}`;
  const text = document.createElement('pre');
  text.textContent = [shown.text.replace(/\n$/, ''), ...shown.verdicts].filter(Boolean).join('\n');
  output.replaceChildren(summary, ...(text.textContent ? [text] : []));
}

/** VS Code copies `markdown-style` templates into each rendered cell's shadow root. */
function addStyles(): void {
  const template = document.createElement('template');
  template.classList.add('markdown-style');
  const style = document.createElement('style');
  style.textContent = INLINE_STYLES;
  template.content.append(style);
  document.head.append(template);
}
