// Verdicts in words, for the CLI table, tooltips and the renderer.

import { boundCondition, formatDuration } from './bounds';
import type { Bound, Level, Measurement, MetricThreshold } from './types';

export function formatValue(value: number, unit: Measurement['unit']): string {
  if (unit === '%') return `${value}%`;
  if (unit === '/sec') return `${value}/sec`;
  if (unit === 's') return value < 1 ? `${Math.round(value * 1000)}ms` : `${Math.round(value * 1000) / 1000}s`;
  return String(value);
}

export function thresholdText(t: MetricThreshold): string {
  const parts = [t.warning && `warning ${boundCondition(t.warning)}`, t.critical && `critical ${boundCondition(t.critical)}`].filter(Boolean);
  return `${parts.join(', ')}${t.durationText ? ` for ${t.durationText}` : ''}`;
}

export function verdictText(args: {
  threshold: MetricThreshold;
  measurement: Measurement;
  level: Level;
  bound?: Bound;
  sustained: boolean;
  sustainedLevel: Level;
  breachMs?: number;
}): string {
  const { threshold: t, measurement: m, level, bound } = args;
  const measured = `${t.metric} ${formatValue(m.value, m.unit)} on ${m.subject}${m.detail ? ` (${m.detail})` : ''}`;
  if (level === 'ok') {
    const nearest = t.warning ?? t.critical;
    return `ok: ${measured}${nearest ? `; ${t.warning ? 'warning' : 'critical'} ${boundCondition(nearest)}` : ''}`;
  }
  const crossed = bound ? `; ${level} ${boundCondition(bound)}` : '';
  const duration = t.durationMs ? (t.durationText ?? formatDuration(t.durationMs)) : undefined;
  if (!duration) return `${level}: ${measured}${crossed}`;
  if (args.sustained) return `${level} — sustained for ${formatDuration(args.breachMs ?? 0)} (${duration}): ${measured}${crossed}`;
  const lower = args.sustainedLevel !== 'ok' ? `; ${args.sustainedLevel} sustained` : '';
  return `${level} — not yet sustained (${duration}${lower}): ${measured}${crossed}`;
}
