// The renderer inserts data as text only: no API that parses HTML appears in
// its sources (the webview would run what a tool printed).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../support/shared';

const RENDERER = join(PROJECT_ROOT, 'src', 'renderer');

test('renderer sources never parse HTML', () => {
  const files = readdirSync(RENDERER).filter((f) => f.endsWith('.ts'));
  assert.ok(files.includes('index.ts'), `renderer files: ${files.join(', ')}`);
  for (const file of files) {
    const source = readFileSync(join(RENDERER, file), 'utf8');
    for (const api of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'createContextualFragment', 'DOMParser']) {
      assert.ok(!source.includes(api), `${file} uses ${api}`);
    }
  }
});

test('the renderer writes data through textContent and text nodes', () => {
  const source = readFileSync(join(RENDERER, 'index.ts'), 'utf8');
  assert.match(source, /\.textContent = row\.text/);
  assert.match(source, /createTextNode\(row\.text\)/);
  assert.match(source, /\.textContent = line\.text/);
});
