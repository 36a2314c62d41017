// Threshold values as runbooks write them: `70%`, `<85%`, `1000/sec`, `3`,
// `500ms`, and durations `5m`, `1h30m`. Unknown forms come back as errors that
// say what was expected.

import type { Bound, Level } from './types';

export const EXPECTED_BOUND = 'a percentage (85%), a rate (1000/sec), a time (500ms, 2s) or a plain number, optionally after <, <=, > or >=';
export const EXPECTED_DURATION = 'a duration such as 30s, 5m, 15m or 1h30m';

const RATE_UNITS: Record<string, number> = { s: 1, sec: 1, second: 1, m: 1 / 60, min: 1 / 60, minute: 1 / 60, h: 1 / 3600, hr: 1 / 3600, hour: 1 / 3600 };
const TIME_UNITS: Record<string, number> = { ms: 0.001, s: 1, sec: 1, m: 60, min: 60 };

export type Parsed<T> = { ok: T } | { error: string };

export function parseBound(raw: unknown): Parsed<Bound> {
  if (typeof raw === 'number' && Number.isFinite(raw)) return { ok: { value: raw, unit: '', direction: 'above', text: String(raw) } };
  if (typeof raw !== 'string') return { error: `expected ${EXPECTED_BOUND}, got ${describe(raw)}` };
  const text = raw.trim();
  const m = /^(<=|>=|<|>)?\s*(-?\d+(?:\.\d+)?)\s*(.*)$/.exec(text);
  if (!m) return { error: `'${text}' is not a threshold value; expected ${EXPECTED_BOUND}` };
  const [, op = '', number, rest] = m;
  const direction = op.startsWith('<') ? 'below' : 'above';
  const strict = op === '<' || op === '>' ? true : undefined;
  const value = Number(number);
  const unitText = rest.trim();
  const base = { direction, text, ...(strict ? { strict } : {}) } as const;
  if (unitText === '') return { ok: { ...base, value, unit: '' } };
  if (unitText === '%') return { ok: { ...base, value, unit: '%' } };
  const rate = /^(?:\/|per\s+)(\w+)$/.exec(unitText);
  if (rate && RATE_UNITS[rate[1].toLowerCase()] !== undefined) return { ok: { ...base, value: value * RATE_UNITS[rate[1].toLowerCase()], unit: '/sec' } };
  if (/^rps$/i.test(unitText)) return { ok: { ...base, value, unit: '/sec' } };
  const time = TIME_UNITS[unitText.toLowerCase()];
  if (time !== undefined && unitText === unitText.toLowerCase()) return { ok: { ...base, value: value * time, unit: 's' } };
  return { error: `unknown unit '${unitText}' in '${text}'; expected ${EXPECTED_BOUND}` };
}

const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
const DURATION_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `5m` → 300000; `1h30m`, `90s`, `500ms`; 0 is allowed (no waiting). */
export function parseDuration(raw: unknown): Parsed<number> {
  if (raw === 0) return { ok: 0 };
  if (typeof raw !== 'string') return { error: `expected ${EXPECTED_DURATION}, got ${describe(raw)}` };
  const text = raw.trim();
  if (!/^(\d+(?:\.\d+)?(ms|s|m|h|d))+$/.test(text)) return { error: `'${text}' is not a duration; expected ${EXPECTED_DURATION}` };
  let total = 0;
  for (const part of text.matchAll(DURATION_PART)) total += Number(part[1]) * DURATION_MS[part[2]];
  return { ok: Math.round(total) };
}

/** Whether a measurement crosses the bound (`70%`: at 70 or more; `<85%`: below 85). */
export function crosses(bound: Bound, value: number): boolean {
  if (bound.direction === 'below') return bound.strict ? value < bound.value : value <= bound.value;
  return bound.strict ? value > bound.value : value >= bound.value;
}

/** The level a value reaches against a warning and a critical bound. */
export function levelOf(value: number, bounds: { warning?: Bound; critical?: Bound }): { level: Level; bound?: Bound } {
  if (bounds.critical && crosses(bounds.critical, value)) return { level: 'critical', bound: bounds.critical };
  if (bounds.warning && crosses(bounds.warning, value)) return { level: 'warning', bound: bounds.warning };
  return { level: 'ok' };
}

/** `≥ 85%`, `< 70%`: the condition that breaches, for people. */
export function boundCondition(bound: Bound): string {
  const op = bound.direction === 'below' ? (bound.strict ? '<' : '≤') : bound.strict ? '>' : '≥';
  return `${op} ${bound.text.replace(/^(<=|>=|<|>)\s*/, '')}`;
}

/** `5m`, `1h30m`, `90s` from milliseconds. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  let s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || (!h && !m) ? `${s}s` : ''}`;
}

function describe(raw: unknown): string {
  if (raw === null || raw === undefined) return 'nothing';
  if (typeof raw === 'object') return Array.isArray(raw) ? 'a list' : 'a mapping';
  return `'${String(raw)}'`;
}
