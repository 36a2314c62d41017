// Notebook output renderer for structured cell results. Browser code: DOM only.
// Everything is inserted as text, never as HTML, so output is always escaped.

import type { ActivationFunction, OutputItem } from 'vscode-notebook-renderer';
import type { CellResult } from '../core/results/cellResult';

export const activate: ActivationFunction = () => ({
  renderOutputItem(item: OutputItem, element: HTMLElement) {
    element.replaceChildren(renderResult(item.json() as CellResult));
  },
});

export function renderResult(result: CellResult): HTMLElement {
  const root = document.createElement('div');
  root.className = `runbook-result runbook-${result.status}`;
  if (result.message) {
    const message = document.createElement('p');
    message.className = 'runbook-message';
    message.textContent = result.message;
    root.append(message);
  }
  if (result.text) {
    const pre = document.createElement('pre');
    pre.className = 'runbook-text';
    pre.textContent = result.text;
    root.append(pre);
  }
  return root;
}
