// Durations as kubectl reads and prints them: Go's `5m`, `1h30m`, `1.5s`
// flag syntax, the short ages of tables (`47h`, `6d`, `3m20s`), and Go's
// `time.Duration` text for messages.

import { KubectlError } from './session';

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export class DurationSyntaxError extends Error {}

/** Milliseconds of a Go duration (`time.ParseDuration`); the error text is Go's. */
export function parseGoDuration(text: string): number {
  const quoted = JSON.stringify(text);
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw new DurationSyntaxError(`time: invalid duration ${quoted}`);
  let total = 0;
  while (rest !== '') {
    const number = /^(\d*)(?:\.(\d*))?/.exec(rest)!;
    if (number[0] === '' || number[0] === '.') throw new DurationSyntaxError(`time: invalid duration ${quoted}`);
    rest = rest.slice(number[0].length);
    const unit = /^[^\d.]*/.exec(rest)![0];
    if (unit === '') throw new DurationSyntaxError(`time: missing unit in duration ${quoted}`);
    const factor = UNITS[unit];
    if (factor === undefined) throw new DurationSyntaxError(`time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`);
    total += Number(`${number[1] || '0'}.${number[2] ?? ''}0`) * factor;
    rest = rest.slice(unit.length);
  }
  return sign * total;
}

/** A duration flag's value, or kubectl's (pflag's) error for a bad one. */
export function durationFlag(value: string | undefined, flag: string, command: string): number | undefined {
  if (value === undefined) return undefined;
  try {
    return parseGoDuration(value);
  } catch (error) {
    if (!(error instanceof DurationSyntaxError)) throw error;
    throw new KubectlError(`Error: invalid argument "${value}" for "${flag}" flag: ${error.message}\nSee '${command} --help' for usage.`);
  }
}

/** kubectl's short age (`duration.HumanDuration`): `45s`, `3m20s`, `47h`, `6d`, `2y`. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 365 * 8) {
    const dy = days % 365;
    return dy === 0 ? `${Math.trunc(days / 365)}y` : `${Math.trunc(days / 365)}y${dy}d`;
  }
  return `${Math.trunc(days / 365)}y`;
}

/** Go's `time.Duration.String()` at millisecond precision: `1h2m3.5s`, `150ms`, `0s`. */
export function goDurationString(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(Math.round(ms));
  if (rest < 1000) return `${sign}${rest}ms`;
  const hours = Math.trunc(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.trunc(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = (rest / 1000).toFixed(3).replace(/\.?0+$/, '');
  return `${sign}${hours ? `${hours}h` : ''}${hours || minutes ? `${minutes}m` : ''}${seconds}s`;
}
