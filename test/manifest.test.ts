// The extension manifest and the packaged file list: what a user installs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt } from './support/build';
import { PROJECT_ROOT } from './support/shared';

const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));

interface SettingsSection {
  id: string;
  title: string;
  order: number;
  properties: Record<string, { markdownDescription?: string; description?: string; order?: number; type: string; default: unknown; minimum?: number; enum?: unknown[] }>;
}
const sections = manifest.contributes.configuration as SettingsSection[];
/** Every setting, from whichever section holds it. */
const settings = Object.assign({}, ...sections.map((s) => s.properties)) as SettingsSection['properties'];

test('the extension activates when a runbook notebook opens, and (implied by VS Code for a contributed view) when the Runbook Health view opens', () => {
  assert.deepEqual(manifest.activationEvents, ['onNotebook:runbook']);
  assert.equal(manifest.main, './dist/extension.js');
});

test('runbooks and incidents open as notebooks by default; other Markdown only on request', () => {
  // One notebook type, offered for any Markdown file ("Open With…"), and made the
  // default editor only for *.runbook.md and *.incident.md. VS Code keeps only the
  // first contribution of a type, so the default must come from editor associations.
  assert.equal(manifest.contributes.notebooks.length, 1);
  const [runbook] = manifest.contributes.notebooks;
  assert.equal(runbook.type, 'runbook');
  assert.equal(runbook.priority, 'option');
  assert.deepEqual(runbook.selector.map((s: { filenamePattern: string }) => s.filenamePattern), ['*.md', '*.markdown']);
  assert.deepEqual(manifest.contributes.configurationDefaults['workbench.editorAssociations'], { '*.runbook.md': 'runbook', '*.incident.md': 'runbook' });
});

test('untrusted workspaces get limited support, and the manifest says why', () => {
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.match(manifest.capabilities.untrustedWorkspaces.description, /cells do not run/);
});

test('the .vsix holds only the bundles, sample runbooks, media, docs, changelog and licence', () => {
  // .vscodeignore chooses the .vsix's files (.npmignore the npm package's): vsce refuses to package beside a `files` list.
  assert.equal(manifest.files, undefined);
  ensureBuilt();
  const vsce = join(PROJECT_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const ls = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  assert.equal(ls.status, 0, ls.stderr);
  const files = ls.stdout.split('\n').filter(Boolean).sort();
  assert.ok(files.includes('dist/extension.js'));
  assert.ok(files.includes('dist/renderer.js'));
  assert.ok(files.includes('dist/inlineRenderer.js'));
  assert.ok(files.includes('dist/engine.js'));
  assert.ok(files.includes('notebooks/scaling-playbook.runbook.md'));
  // The Extensions page shows the changelog, and the README's links to docs/ open inside the package.
  assert.ok(files.includes('CHANGELOG.md'));
  for (const [, link] of readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8').matchAll(/\]\(((?!https?:|#)[^)#]+)(#[^)]*)?\)/g)) assert.ok(files.includes(link), `the README's link to ${link} ships`);
  // PostgreSQL's parser (dist/clients/pgquery.js) loads its WebAssembly from beside itself.
  assert.ok(files.includes('dist/clients/pgquery.js') && files.includes('dist/clients/libpg-query.wasm'));
  const unexpected = files.filter((f) => !/^(package\.json|README\.md|CHANGELOG\.md|LICENSE|docs\/[a-z-]+\.md|dist\/(extension|engine|renderer|inlineRenderer)\.js|dist\/clients\/[a-z0-9]+\.js|dist\/clients\/libpg-query\.wasm|notebooks\/.+|media\/.+)$/.test(f));
  assert.deepEqual(unexpected, []);
});

test('incident records: their settings default to what the recorder assumes, their commands are on the runbook toolbar', async () => {
  const { DEFAULT_MAX_OUTPUT_BYTES, DEFAULT_RECORDS_FOLDER } = await import('../src/core/records');
  assert.equal(settings['runbook.records.folder'].default, DEFAULT_RECORDS_FOLDER);
  assert.equal(settings['runbook.records.maxOutputBytes'].default, DEFAULT_MAX_OUTPUT_BYTES);
  const commands = ['runbook.startRecord', 'runbook.addNote', 'runbook.endRecord', 'runbook.exportRecordHtml'];
  const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command);
  for (const command of commands) assert.ok(contributed.includes(command), `${command} is contributed`);
  const toolbar = manifest.contributes.menus['notebook/toolbar'] as { command: string; when: string }[];
  for (const command of commands) {
    const entry = toolbar.find((m) => m.command === command);
    assert.ok(entry, `${command} is on the notebook toolbar`);
    assert.match(entry.when, /\bnotebookType == runbook\b/, `${command} shows on runbook notebooks only`);
  }
  // A record is started from a plain runbook; notes and the end go into a record.
  assert.match(toolbar.find((m) => m.command === 'runbook.startRecord')!.when, /!runbook\.isIncidentRecord/);
  for (const command of ['runbook.addNote', 'runbook.endRecord', 'runbook.exportRecordHtml']) assert.match(toolbar.find((m) => m.command === command)!.when, /(?<!!)runbook\.isIncidentRecord/);
});

test('the Runbook Health view: its own activity bar container with an icon that ships, its settings, and its commands in the view\'s menus', () => {
  const [container] = manifest.contributes.viewsContainers.activitybar;
  assert.equal(container.title, 'Runbook Health');
  assert.ok(existsSync(join(PROJECT_ROOT, container.icon)), container.icon);
  assert.deepEqual(manifest.contributes.views[container.id].map((v: { id: string }) => v.id), ['runbook.health']);
  assert.equal(settings['runbook.health.metricsIntervalSeconds'].default, 15);
  assert.equal(settings['runbook.health.contexts'].type, 'array');
  const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command);
  const menus = manifest.contributes.menus as Record<string, { command: string; when: string }[]>;
  const inView = [...menus['view/title'], ...menus['view/item/context']].filter((m) => m.when.includes('view == runbook.health'));
  for (const command of ['refresh', 'pin', 'unpin', 'pause', 'resume', 'describe', 'openStep'].map((c) => `runbook.health.${c}`)) {
    assert.ok(contributed.includes(command), `${command} is contributed`);
    assert.ok(inView.some((m) => m.command === command), `${command} is in the view's menus`);
  }
});

test('the command timeout setting defaults to what the CLI\'s --timeout does, and allows 0 (no limit)', async () => {
  const { DEFAULT_COMMAND_TIMEOUT_SECONDS } = await import('../src/core/runner');
  const setting = settings['runbook.commandTimeoutSeconds'];
  assert.equal(setting.default, DEFAULT_COMMAND_TIMEOUT_SECONDS);
  assert.equal(setting.minimum, 0);
});
