// The ▶ after inline commands in rendered Markdown cells: only after spans
// that read as commands, carrying the span's line in the cell and its text
// escaped; and the renderer as package.json contributes it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import markdownIt from 'markdown-it';
import { INLINE_RENDERER_ID } from '../../src/core/inline';
import { addRunButtons, RUN_BUTTON_CLASS } from '../../src/renderer/inline/runButtons';
import { PROJECT_ROOT } from '../support/shared';

function render(text: string): { html: string; cells: string[] } {
  const md = markdownIt({ html: true });
  const cells: string[] = [];
  addRunButtons(md, (cellText) => String(cells.push(cellText) - 1));
  return { html: md.render(text, { outputItem: { text: () => text } }), cells };
}

function buttons(html: string): { line: string; command: string }[] {
  return [...html.matchAll(new RegExp(`<button class="${RUN_BUTTON_CLASS}"[^>]* data-line="(\\d+)" data-command="([^"]*)">▶</button>`, 'g'))].map((m) => ({ line: m[1], command: m[2] }));
}

test('a ▶ follows each inline command, with its line in the cell; none after prose', () => {
  const text = 'Check `kubectl get pods` first; `kubectl` alone and `--namespace` are prose.\n\n- then\n  `kubectl -n <ns> logs "web-1"`\n\n```bash\nkubectl get nodes\n```\n';
  const { html, cells } = render(text);
  assert.deepEqual(buttons(html), [
    { line: '0', command: 'kubectl get pods' },
    { line: '3', command: 'kubectl -n &lt;ns&gt; logs &quot;web-1&quot;' },
  ]);
  assert.deepEqual(cells, [text, text]);
  assert.match(html, /<code>kubectl get pods<\/code><button /);
  assert.doesNotMatch(html, /kubectl get nodes<\/code><button/);
});

test('without the cell being rendered (no output item), no ▶ is added', () => {
  const md = markdownIt();
  addRunButtons(md, () => '0');
  assert.doesNotMatch(md.render('Run `kubectl get pods`.'), /<button/);
});

test('package.json contributes the renderer: it extends VS Code\'s Markdown renderer, with messaging, from the bundle the build writes', () => {
  const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
  const renderer = manifest.contributes.notebookRenderer.find((r: { id: string }) => r.id === INLINE_RENDERER_ID);
  assert.deepEqual(renderer?.entrypoint, { extends: 'vscode.markdown-it-renderer', path: './dist/inlineRenderer.js' });
  assert.equal(renderer.requiresMessaging, 'optional');
  const build = readFileSync(join(PROJECT_ROOT, 'scripts', 'bundles.mjs'), 'utf8');
  assert.match(build, /entryPoints: \['src\/renderer\/inline\/index\.ts'\],\s*outfile: 'dist\/inlineRenderer\.js'/);
  // The extension listens under the same id.
  assert.ok(readFileSync(join(PROJECT_ROOT, 'src', 'extension', 'inlineCommands.ts'), 'utf8').includes(`'${INLINE_RENDERER_ID}'`));
});
