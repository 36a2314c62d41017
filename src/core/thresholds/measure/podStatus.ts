// kubectl get pods (and -w): pods that are not ready, crash-looping or
// restarted lately are findings; no threshold is needed for them.

import type { TableCell } from '../../results/toolData';
import type { Level, RowRef } from '../types';
import { cellText, columnIndex, type MeasureContext } from './sample';

const CRITICAL_STATUS = /^(Init:)?(CrashLoopBackOff|Error|ImagePullBackOff|ErrImagePull|OOMKilled|CreateContainerConfigError|CreateContainerError|InvalidImageName|RunContainerError|ContainerCannotRun|Evicted)$/;
const WARNING_STATUS = /^(Pending|Unknown|ContainerCreating|PodInitializing|Init:.*)$/;
/** A restart this recent is a finding. */
export const RECENT_RESTART_MS = 15 * 60_000;

/** A pod's latest row: from the table, or from the last watch event about it. */
export interface PodRow {
  cells: TableCell[];
  row: RowRef;
}

/** `5h4m`, `2m30s`, `45s`, `3d` (kubectl's human durations) in milliseconds. */
export function humanDurationMs(text: string): number | undefined {
  const parts = [...text.matchAll(/(\d+)([dhms])/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== text) return undefined;
  const unit: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };
  return parts.reduce((sum, p) => sum + Number(p[1]) * unit[p[2]], 0);
}

export function measurePodRows(columns: string[], rows: Map<string, PodRow>, ctx: MeasureContext): void {
  const [ready, status, restarts] = ['ready', 'status', 'restarts'].map((name) => columnIndex(columns, name));
  for (const [pod, { cells, row }] of rows) {
    const add = (level: Level, message: string) => ctx.findings.push({ select: { pod }, finding: { component: 'kubernetes', level, subject: pod, row, command: ctx.commandIndex, message } });
    const phase = cellText(cells[status]) ?? '';
    const [readyNow, wanted] = (cellText(cells[ready]) ?? '').split('/').map(Number);
    if (CRITICAL_STATUS.test(phase)) add('critical', `${pod} is ${phase}`);
    else if (WARNING_STATUS.test(phase)) add('warning', `${pod} is ${phase}`);
    else if (phase === 'Running' && Number.isFinite(readyNow) && Number.isFinite(wanted) && readyNow < wanted) add('warning', `${pod} is running but not ready (${readyNow}/${wanted})`);
    const restart = /^(\d+)(?:\s+\((\S+) ago\))?$/.exec(cellText(cells[restarts]) ?? '');
    if (restart) ctx.samples.push({ select: { pod }, measurement: { component: 'kubernetes', metric: 'restarts', value: Number(restart[1]), unit: '', subject: pod, row, command: ctx.commandIndex } });
    if (restart && Number(restart[1]) > 0 && restart[2]) {
      const ago = humanDurationMs(restart[2]);
      if (ago !== undefined && ago < RECENT_RESTART_MS) add('warning', `${pod} restarted ${restart[1]} time${restart[1] === '1' ? '' : 's'}, the last ${restart[2]} ago`);
    }
  }
}
