// What the extension-host tests report back to the runner outside: each
// test's title and outcome, and measurements (activation time), written as
// JSON to the file named by RUNBOOK_E2E_RESULTS.

import { writeFileSync } from 'node:fs';

export interface HostTestResult {
  title: string;
  state: 'passed' | 'failed';
  durationMs: number;
  error?: string;
}

export interface HostReport {
  suite: string;
  tests: HostTestResult[];
  passed: number;
  failed: number;
  notes: Record<string, unknown>;
  finished: boolean;
}

export const report: HostReport = { suite: process.env.RUNBOOK_E2E_SUITE ?? 'trusted', tests: [], passed: 0, failed: 0, notes: {}, finished: false };

/** Records a measurement or fact for the runner to print. */
export function note(key: string, value: unknown): void {
  report.notes[key] = value;
  flush();
}

export function record(result: HostTestResult): void {
  report.tests.push(result);
  if (result.state === 'passed') report.passed++;
  else report.failed++;
  flush();
}

export function flush(): void {
  const file = process.env.RUNBOOK_E2E_RESULTS;
  if (file) writeFileSync(file, JSON.stringify(report, null, 2));
}
