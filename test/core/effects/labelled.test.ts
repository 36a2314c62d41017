// The labelled set (labelled-commands.jsonl): commands from the command
// corpus, the sample runbook and its seed, each with the effect it really has
// and why, plus one example of each rule of issue 16 the sources lack. Every
// one is classified as `runbook plan` classifies it. No command that changes
// state may come out as a read; the rules' examples must all come out as
// labelled; the accuracy per tool is printed. Where a command came from is
// checked against ../shared when it is there.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { strongerEffect, type Effect } from '../../../src/core/effects';
import { planCell } from '../../../src/core/engine';
import { createRegistry } from '../../../src/core/tools';
import { PROJECT_ROOT, SEED_RUNBOOK, SHARED_DIR, sharedMissing } from '../../support/shared';

interface Labelled {
  tool: string;
  language: 'shellscript' | 'sql';
  command: string;
  effect: Effect;
  reason: string;
  source: 'corpus' | 'runbook' | 'seed' | 'issue-16';
  /** The command as the source has it, when it was typed inside the tool's own session (`slowlog get 10`). */
  written?: string;
}

const SET = join(__dirname, 'labelled-commands.jsonl');
const RUNBOOK = join(PROJECT_ROOT, 'notebooks', 'scaling-playbook.runbook.md');
const COMMANDS = join(SHARED_DIR, 'corpus', 'commands.jsonl');

const labelled: Labelled[] = readFileSync(SET, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as Labelled);

/** The effect `runbook plan` gives the command: its rows' strongest (one row for one pipeline). */
async function classify(entry: Labelled): Promise<Effect> {
  const rows = await planCell(entry.command, entry.language, createRegistry(), {});
  assert.ok(rows.length > 0, `no plan row for ${entry.command}`);
  return rows.map((row) => row.effect).reduce(strongerEffect);
}

describe('the labelled commands, classified', () => {
  const got = new Map<Labelled, Effect>();
  before(async () => {
    for (const entry of labelled) got.set(entry, await classify(entry));
  });

  it('has at least 150 commands across the tools, each with a reason', () => {
    assert.ok(labelled.length >= 150, `${labelled.length} commands`);
    assert.deepEqual([...new Set(labelled.map((e) => e.tool))].sort(), ['aws', 'curl', 'kubectl', 'redis', 'shell', 'sql']);
    for (const entry of labelled) assert.ok(entry.reason.trim() && ['read', 'change', 'destructive'].includes(entry.effect), entry.command);
  });

  it('classifies no command that changes state as a read', () => {
    const wrong = labelled.filter((e) => e.effect !== 'read' && got.get(e) === 'read').map((e) => `${e.command} (${e.effect}: ${e.reason})`);
    assert.deepEqual(wrong, []);
  });

  it("classifies every example of the issue's rules as labelled", () => {
    const wrong = labelled.filter((e) => e.source === 'issue-16' && got.get(e) !== e.effect).map((e) => `${e.command}: ${got.get(e)}, not ${e.effect}`);
    assert.deepEqual(wrong, []);
  });

  it('prints the accuracy per tool, and what it got wrong', (t) => {
    const tools = [...new Set(labelled.map((e) => e.tool))].sort();
    for (const tool of tools) {
      const entries = labelled.filter((e) => e.tool === tool);
      const right = entries.filter((e) => got.get(e) === e.effect).length;
      t.diagnostic(`${tool.padEnd(8)} ${right}/${entries.length} (${((100 * right) / entries.length).toFixed(1)} %)`);
    }
    const right = labelled.filter((e) => got.get(e) === e.effect).length;
    t.diagnostic(`all      ${right}/${labelled.length} (${((100 * right) / labelled.length).toFixed(1)} %)`);
    for (const e of labelled.filter((x) => got.get(x) !== x.effect)) t.diagnostic(`  ${got.get(e)} for ${e.effect}: ${e.command.split('\n')[0]} (${e.reason})`);
    assert.ok(right > 0);
  });
});

describe('where the labelled commands came from', () => {
  it('the runbook commands are in the sample runbook', () => {
    const text = readFileSync(RUNBOOK, 'utf8');
    for (const entry of labelled.filter((e) => e.source === 'runbook')) assert.ok(text.includes(entry.command), entry.command);
  });

  it('the corpus and seed commands are in ../shared', { skip: sharedMissing() || (!existsSync(COMMANDS) && `no ${COMMANDS}`) }, () => {
    const corpus = new Set(
      readFileSync(COMMANDS, 'utf8')
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => (JSON.parse(line) as { command: string }).command),
    );
    const seed = readFileSync(SEED_RUNBOOK, 'utf8');
    for (const entry of labelled.filter((e) => e.source === 'corpus')) assert.ok(corpus.has(entry.written ?? entry.command), entry.command);
    for (const entry of labelled.filter((e) => e.source === 'seed')) assert.ok(seed.includes(entry.command), entry.command);
  });
});
