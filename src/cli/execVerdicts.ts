// `runbook exec --thresholds RUNBOOK`: each run of the command judged against
// a runbook's thresholds; with --repeat, a critical verdict stops the
// repetition as it stops Run All in VS Code (unless --continue-on-critical).

import { parseRunbook } from '../core/markdown';
import type { CellRun } from '../core/engine';
import { BreachTracker, judgeCell, readThresholds, type CellVerdict, type ThresholdGroup } from '../core/thresholds';
import { readRunbookText } from './runbookFile';

export class ExecJudge {
  private readonly tracker = new BreachTracker();
  private constructor(private readonly groups: ThresholdGroup[]) {}

  static load(file: string): ExecJudge | { error: string } {
    const read = readRunbookText(file);
    if ('error' in read) return read;
    const cells = parseRunbook(read.text).cells.map((c) => ({ kind: c.kind, language: c.language, text: c.value, frontMatter: c.origin?.fence?.role === 'frontmatter' }));
    return new ExecJudge(readThresholds(cells).groups);
  }

  /** The run's verdict, and lines for stderr: every breach and finding. */
  judge(commandLine: string, run: CellRun): { verdict?: CellVerdict; lines: string[] } {
    const verdict = judgeCell(this.groups, { tool: run.commands[0]?.tool ?? '', command: commandLine, status: run.ok ? 'ok' : 'failed', text: '', exitCode: run.exitCode, commands: run.commands }, this.tracker);
    if (!verdict) return { lines: [] };
    const lines = [
      ...verdict.verdicts.map((v) => `runbook: ${v.group}: ${v.text}`),
      ...verdict.findings.map((f) => `runbook: ${f.level}: ${f.message}`),
    ];
    return { verdict, lines };
  }
}
