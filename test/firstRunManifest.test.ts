// What a user meets first in VS Code, as the manifest declares it: the icon,
// the "Get started with runbooks" walkthrough, commands with their category
// and where they show, settings grouped and described, Shift+Enter.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './support/shared';

const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
const contributes = manifest.contributes;

interface Command {
  command: string;
  title: string;
  category?: string;
}
interface MenuItem {
  command: string;
  when?: string;
}
interface Step {
  id: string;
  title: string;
  description: string;
  media: { svg?: string; image?: string; altText: string };
  completionEvents: string[];
}

const commands = contributes.commands as Command[];
const commandIds = commands.map((c) => c.command);
const settingNames = (contributes.configuration as { properties: Record<string, unknown> }[]).flatMap((s) => Object.keys(s.properties));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  assert.deepEqual([...bytes.subarray(1, 4)], [...Buffer.from('PNG')], `${path} is a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('the extension has a 128x128 PNG icon of its own, and the activity bar container an icon that ships', () => {
  assert.match(manifest.icon, /\.png$/);
  assert.deepEqual(pngSize(join(PROJECT_ROOT, manifest.icon)), { width: 128, height: 128 });
  for (const container of contributes.viewsContainers.activitybar) assert.ok(existsSync(join(PROJECT_ROOT, container.icon)), container.icon);
});

test('the walkthrough: five steps, each with a text, an image that ships and alt text, and completion events that name what the extension contributes', () => {
  const [walkthrough] = contributes.walkthroughs as { id: string; title: string; steps: Step[] }[];
  assert.equal(walkthrough.title, 'Get started with runbooks');
  const steps = walkthrough.steps;
  assert.equal(steps.length, 5);
  assert.equal(new Set(steps.map((s) => s.id)).size, steps.length, 'step ids are unique');
  const views = Object.values(contributes.views as Record<string, { id: string }[]>).flat().map((v) => v.id);
  for (const step of steps) {
    assert.ok(step.description.length > 40, `${step.id} has a text`);
    const image = step.media.svg ?? step.media.image;
    assert.ok(image && existsSync(join(PROJECT_ROOT, image)), `${step.id}: ${image} ships`);
    assert.ok(step.media.altText, `${step.id} has alt text`);
    if (step.media.svg) {
      // The walkthrough's webview allows no style sheet or style attribute of the picture's own (its CSP): colours and
      // fonts go in presentation attributes, or the shapes draw black.
      const svg = readFileSync(join(PROJECT_ROOT, step.media.svg), 'utf8');
      assert.doesNotMatch(svg, /<style|\sstyle=|\sclass=/, `${step.media.svg} draws without style sheets`);
      assert.match(svg, /fill="var\(--vscode-/, `${step.media.svg} takes the theme's colours`);
    }
    // Code spans are printed as written in a step's text.
    assert.doesNotMatch(step.description, /`/, `${step.id}: no code spans`);
    assert.ok(step.completionEvents.length > 0, `${step.id} completes on an event`);
    for (const event of step.completionEvents) {
      const [kind, name] = event.split(/:(.*)/s);
      if (kind === 'onCommand') assert.ok(commandIds.includes(name), `${event}: a contributed command`);
      else if (kind === 'onView') assert.ok(views.includes(name), `${event}: a contributed view`);
      else if (kind === 'onSettingChanged') assert.ok(settingNames.includes(name), `${event}: a contributed setting`);
      else if (kind === 'onContext') assert.match(readFileSync(join(PROJECT_ROOT, 'src', 'extension', 'walkthroughProgress.ts'), 'utf8'), new RegExp(`'${name.replace(/\./g, '\\.')}'`), `${event}: a key the extension sets`);
      else assert.fail(`${step.id}: unexpected completion event ${event}`);
    }
    // Commands the text links to exist (ours contributed, VS Code's own named runbook settings).
    for (const [, command] of step.description.matchAll(/\]\(command:([\w.]+)/g)) {
      assert.ok(commandIds.includes(command) || command === 'runbook.health.focus' || command === 'workbench.action.openSettings', `${step.id} links to ${command}`);
    }
  }
  // The steps, in order: open the sample, pick a target, run a step, start a record, open the health view.
  assert.deepEqual(steps.map((s) => s.completionEvents[0]), ['onCommand:runbook.openSample', 'onCommand:runbook.switchKubeContext', 'onContext:runbook.walkthrough.verdictShown', 'onCommand:runbook.startRecord', 'onView:runbook.health']);
});

test('every command has the category Runbook, and a title that reads on its own after it', () => {
  for (const command of commands) assert.equal(command.category, 'Runbook', command.command);
  const titles = commands.map((c) => c.title);
  assert.equal(new Set(titles).size, titles.length, 'no two commands read alike in the palette');
});

test('the command palette offers a command only where it applies', () => {
  const palette = contributes.menus.commandPalette as MenuItem[];
  // Open Sample Runbook applies anywhere; every other command has a when clause.
  for (const id of commandIds.filter((c) => c !== 'runbook.openSample')) {
    const entries = palette.filter((m) => m.command === id);
    assert.equal(entries.length, 1, `${id} has one palette entry`);
    assert.ok(entries[0].when, `${id} has a when clause`);
  }
  for (const id of ['runbook.runAndAdvance', 'runbook.switchKubeContext', 'runbook.switchKubeNamespace', 'runbook.startRecord']) {
    assert.match(palette.find((m) => m.command === id)!.when!, /\bnotebookType == runbook\b/, `${id} shows with a runbook in front`);
  }
});

test('settings: a markdown description each, an order, and sections in the order running, records, health, safety', () => {
  const sections = contributes.configuration as { id: string; order: number; properties: Record<string, { markdownDescription?: string; description?: string; order?: number; type: string; enum?: unknown[]; default: unknown }> }[];
  assert.deepEqual(sections.map((s) => s.id), ['runbook.running', 'runbook.records', 'runbook.health', 'runbook.safety']);
  assert.deepEqual(sections.map((s) => s.order), [1, 2, 3, 4]);
  for (const section of sections) {
    const orders = Object.values(section.properties).map((p) => p.order);
    assert.deepEqual(orders, orders.map((_, i) => i + 1), `${section.id}: settings are ordered`);
    for (const [name, setting] of Object.entries(section.properties)) {
      assert.ok(setting.markdownDescription, `${name} has a markdownDescription`);
      assert.equal(setting.description, undefined, `${name}: one description`);
      if (setting.enum) assert.ok(setting.enum.includes(setting.default), `${name}: its default is one of its values`);
    }
  }
  for (const name of settingNames) assert.ok(name.startsWith('runbook.'), name);
  assert.ok(sections[1].properties['runbook.records.folder'] && sections[2].properties['runbook.health.contexts'] && sections[3].properties['runbook.readOnly']);
});

test('Shift+Enter in a runbook runs the cell and moves to the next code cell', () => {
  const bindings = contributes.keybindings as { command: string; key: string; when: string }[];
  const shiftEnter = bindings.filter((b) => b.key === 'shift+enter');
  assert.deepEqual(shiftEnter.map((b) => b.command), ['runbook.runAndAdvance']);
  assert.match(shiftEnter[0].when, /\bnotebookType == runbook\b/);
  assert.match(shiftEnter[0].when, /\bnotebookCellListFocused\b/);
  assert.match(shiftEnter[0].when, /!suggestWidgetVisible/, 'Shift+Enter still picks a suggestion');
  assert.ok(commandIds.includes('runbook.runAndAdvance'));
});
