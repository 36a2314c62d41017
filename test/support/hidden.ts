// Asserts that secrets never show in what a native run gave back: its
// stdout, its stderr, and the cell's result as the runner builds it.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { buildCellResult } from '../../src/core/runner';
import type { NativeRun } from './engine';

/** A value nobody could have typed before: letters and digits, `prefix` first. */
export function randomSecret(prefix: string): string {
  return `${prefix}-${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')}`;
}

/** Every value, plain and base64, is absent from stdout, stderr and the cell's result JSON. */
export function assertHidden(commandLine: string, run: NativeRun, values: readonly string[]): void {
  const result = buildCellResult(commandLine, run.run, { stdout: run.stdout, stderr: run.stderr }, run.session.masker);
  const places = { stdout: run.stdout, stderr: run.stderr, 'cell result': JSON.stringify(result), 'command records': JSON.stringify(run.run.commands) };
  for (const value of values) {
    for (const form of [value, Buffer.from(value).toString('base64').replace(/=+$/, '')]) {
      for (const [where, text] of Object.entries(places)) assert.ok(!text.includes(form), `${JSON.stringify(form)} shows in ${where}:\n${text}`);
    }
  }
}
