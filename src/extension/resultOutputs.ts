// The outputs a cell keeps for a result: the CLI text with the structured
// result (and its verdict), stderr, and notes with their actions. The same
// for a run that just finished and for a run read back from an incident
// record (which also says when its text was edited by hand). Of an output
// too large to keep, the cell shows its last lines under a line that opens
// all of it.

import * as vscode from 'vscode';
import { RESULT_MIME, type CellResult } from '../core/results';
import { fullOutputNote } from './fullOutputNote';

export const STDERR_MIME = 'application/vnd.code.notebook.stderr';

export function resultOutputs(result: CellResult): vscode.NotebookCellOutput[] {
  const commands = result.commands ?? [];
  const outputs: vscode.NotebookCellOutput[] = [];
  // Every run keeps its structured record, even one that printed nothing or did not run.
  const full = result.fullOutput;
  if (full?.stdout) outputs.push(noteOutput(fullOutputNote(full.stdout, 'stdout')));
  if (result.text || commands.length > 0) {
    outputs.push(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.text(result.text, 'text/plain'), vscode.NotebookCellOutputItem.json(result, RESULT_MIME)], { runbook: { status: result.status, verdict: result.verdict?.level } }));
  }
  if (full?.stderr) outputs.push(noteOutput(fullOutputNote(full.stderr, 'stderr')));
  if (result.stderr) outputs.push(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.text(result.stderr, STDERR_MIME)]));
  const notes = notesMarkdown(result);
  if (notes) outputs.push(noteOutput(notes));
  return outputs;
}

function noteOutput(markdown: string): vscode.NotebookCellOutput {
  return new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.text(markdown, 'text/markdown')]);
}

function notesMarkdown(result: CellResult): string | undefined {
  const lines: string[] = [];
  const recorded = result.recorded;
  if (recorded?.edited) lines.push(`- **Edited after it was recorded:** this output is not what run ${recorded.run} printed; its text was changed in the record file.`);
  if (recorded?.sidecar) lines.push(`- The record shows the beginning of this output; all of it is in \`${recorded.sidecar.replace(/`/g, "'")}\` next to the record.`);
  for (const command of result.commands ?? []) {
    for (const note of command.notes ?? []) lines.push(`- ${escapeMarkdown(note)}`);
    if (command.terminal) {
      const args = encodeURIComponent(JSON.stringify([{ commandLine: command.terminal.commandLine }]));
      lines.push(`- **Not run:** ${escapeMarkdown(command.terminal.reason)}. \`${command.terminal.commandLine.replace(/`/g, "'")}\` [Run in terminal](command:runbook.runInTerminal?${args})`);
    }
    if (command.status === 'declined') lines.push(`- **Not run:** \`${command.command.replace(/`/g, "'")}\` was declined.`);
    if (command.status === 'skipped') lines.push(`- **Not run (read-only):** \`${command.command.replace(/`/g, "'")}\` ${escapeMarkdown(command.reason ?? 'changes state')}.`);
  }
  return lines.length ? lines.join('\n') : undefined;
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]()#+!<>|])/g, '\\$1');
}
