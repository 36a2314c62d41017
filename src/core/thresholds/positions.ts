// Diagnostics positions: YAML offsets to zero-based lines and columns of a cell.

import { LineCounter } from 'yaml';
import type { ThresholdDiagnostic } from './types';

export type Range = readonly [number, number, ...number[]];

export function diagnosticAt(lines: LineCounter, cellIndex: number, range: Range | null | undefined, message: string, severity: ThresholdDiagnostic['severity'] = 'error'): ThresholdDiagnostic {
  const [startOffset, endOffset] = range ?? [0, 0];
  const start = lines.linePos(startOffset);
  const end = lines.linePos(Math.max(endOffset, startOffset));
  return { cellIndex, line: start.line - 1, column: start.col - 1, endLine: end.line - 1, endColumn: end.col - 1, severity, message };
}
