// Notebook output renderer for structured cell results. Browser code: DOM only.
// Everything is inserted as text, never as HTML, so output is always escaped.
// Rows that breach a threshold are highlighted; the verdicts follow the output.

import type { ActivationFunction, OutputItem } from 'vscode-notebook-renderer';
import type { CellResult } from '../core/results';
import { describeResult, type ResultView } from './resultView';
import { RESULT_STYLES } from './styles';

const STYLE_ID = 'runbook-result-styles';

export const activate: ActivationFunction = () => ({
  renderOutputItem(item: OutputItem, element: HTMLElement) {
    addStyles(element.ownerDocument);
    element.replaceChildren(renderResult(item.json() as CellResult));
  },
});

function addStyles(document: Document): void {
  if (document.getElementById(STYLE_ID)) return;
  const style = document.createElement('style');
  style.id = STYLE_ID;
  style.textContent = RESULT_STYLES;
  document.head.append(style);
}

export function renderResult(result: CellResult): HTMLElement {
  return renderView(describeResult(result));
}

function renderView(view: ResultView): HTMLElement {
  const root = document.createElement('div');
  root.className = `runbook-result runbook-${view.status}${view.level ? ` runbook-level-${view.level}` : ''}`;
  if (view.message) {
    const message = document.createElement('p');
    message.className = 'runbook-message';
    message.textContent = view.message;
    root.append(message);
  }
  if (view.rows.length) {
    const pre = document.createElement('pre');
    pre.className = 'runbook-text';
    view.rows.forEach((row, i) => {
      if (row.level) {
        const span = document.createElement('span');
        span.className = `runbook-row runbook-row-${row.level}`;
        span.textContent = row.text;
        if (row.title) span.title = row.title;
        pre.append(span);
      } else {
        pre.append(document.createTextNode(row.text));
      }
      if (i < view.rows.length - 1) pre.append(document.createTextNode('\n'));
    });
    root.append(pre);
  }
  if (view.verdictLines.length) {
    const list = document.createElement('ul');
    list.className = 'runbook-verdicts';
    list.setAttribute('aria-label', 'Threshold verdicts');
    for (const line of view.verdictLines) {
      const entry = document.createElement('li');
      entry.className = `runbook-verdict runbook-verdict-${line.level}`;
      const level = document.createElement('span');
      level.className = 'runbook-verdict-level';
      level.textContent = line.level === 'not-measured' ? 'not measured' : line.level;
      const text = document.createElement('span');
      text.textContent = line.text;
      entry.append(level, text);
      list.append(entry);
    }
    root.append(list);
  }
  return root;
}
