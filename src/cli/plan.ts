// `runbook plan FILE...`: for each command, the tool, whether it runs
// natively (or why not), and its effect: read, change or destructive.

import { planCell, type Effect } from '../core/engine';
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
}

export async function planFile(file: string, text: string, env: Readonly<Record<string, string | undefined>> = {}): Promise<PlanLine[]> {
  const registry = createRegistry();
  const lines: PlanLine[] = [];
  for (const cell of parseRunbook(text).cells) {
    if (cell.kind !== 'code') continue;
    const first = firstCodeLine(text.replace(/^\uFEFF/, ''), cell) ?? 1;
    for (const row of await planCell(cell.value, cell.language, registry, env)) {
      lines.push({ file, line: first + row.line, command: row.command, tool: row.tool, native: row.native, terminal: row.terminal, reason: row.reason ?? null, mutates: row.mutates, effect: row.effect });
    }
  }
  return lines;
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
        io.out(`${file}:${line.line}  ${line.tool || '-'}  ${how}  ${line.effect}  ${line.command.replace(/\s*\\\n\s*/g, ' ')}${line.reason && !line.native ? `  (${line.reason})` : ''}`);
      }
    }
  }
  return code;
}
