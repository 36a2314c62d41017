// `runbook plan FILE...`: for each command, the tool, whether it runs
// natively (or why not), and its effect: read, change or destructive. Commands
// written inline in the prose are listed too (`source: "inline"`), at the
// line of their code span, as written there.

import { planCell, type Effect, type PlanRow } from '../core/engine';
import { strongerEffect } from '../core/effects';
import { findInlineCommands } from '../core/inline';
import { firstCodeLine, parseRunbook } from '../core/markdown';
import { createRegistry } from '../core/tools';
import type { Output } from './roundtrip';
import { readRunbookText } from './runbookFile';

export interface PlanLine {
  file: string;
  line: number;
  command: string;
  tool: string;
  native: boolean;
  terminal: boolean;
  reason: string | null;
  mutates: boolean;
  effect: Effect;
  /** A fenced code cell's command, or a command written inline in the prose. */
  source: 'cell' | 'inline';
}

export async function planFile(file: string, text: string, env: Readonly<Record<string, string | undefined>> = {}): Promise<PlanLine[]> {
  const registry = createRegistry();
  const lines: PlanLine[] = [];
  for (const cell of parseRunbook(text).cells) {
    if (cell.kind !== 'code') continue;
    const first = firstCodeLine(text.replace(/^\uFEFF/, ''), cell) ?? 1;
    for (const row of await planCell(cell.value, cell.language, registry, env)) lines.push(planLine(file, first + row.line, row.command, row, 'cell'));
  }
  for (const inline of findInlineCommands(text)) {
    const row = oneRow(await planCell(inline.command, 'shellscript', registry, env));
    if (row) lines.push(planLine(file, inline.line, inline.command, row, 'inline'));
  }
  return lines.sort((a, b) => a.line - b.line);
}

function planLine(file: string, line: number, command: string, row: PlanRow, source: PlanLine['source']): PlanLine {
  return { file, line, command, tool: row.tool, native: row.native, terminal: row.terminal, reason: row.reason ?? null, mutates: row.mutates, effect: row.effect, source };
}

/** An inline span is one step: `cd /tmp; ls` is native only if each part is, and has the strongest effect of its parts. */
function oneRow(rows: readonly PlanRow[]): PlanRow | undefined {
  if (rows.length <= 1) return rows[0];
  const effect = rows.map((r) => r.effect).reduce(strongerEffect);
  const blocking = rows.find((r) => !r.native) ?? rows.find((r) => r.reason);
  return { ...rows[0], native: rows.every((r) => r.native), terminal: rows.some((r) => r.terminal), effect, mutates: effect !== 'read', reason: blocking?.reason };
}

export async function planCommand(files: readonly string[], options: { json?: boolean }, io: Output): Promise<number> {
  let code = 0;
  for (const file of files) {
    const read = readRunbookText(file);
    if ('error' in read) {
      io.err(read.error);
      code = 2;
      continue;
    }
    for (const line of await planFile(file, read.text)) {
      if (options.json) io.out(JSON.stringify(line));
      else {
        const how = line.native ? 'native' : line.terminal ? 'terminal' : 'not native';
        const inline = line.source === 'inline' ? '  [inline: not run by Run All]' : '';
        io.out(`${file}:${line.line}  ${line.tool || '-'}  ${how}  ${line.effect}  ${line.command.replace(/\s*\\\n\s*/g, ' ')}${line.reason && !line.native ? `  (${line.reason})` : ''}${inline}`);
      }
    }
  }
  return code;
}
