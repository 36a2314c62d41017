// Times as describe prints them: absolute times in RFC 1123 with a numeric
// zone (`Mon, 16 Nov 2026 04:29:53 +0000`) in the local time zone the real
// kubectl would use (TZ of the cell's environment), and ages such as `42m`,
// `2d3h` or `5m30s` (apimachinery's HumanDuration).

import { humanDuration } from '../durations';

export class Clock {
  private readonly timeZone: string;
  private readonly parts: Intl.DateTimeFormat;

  constructor(
    env: Readonly<Record<string, string | undefined>>,
    readonly now = Date.now(),
  ) {
    this.timeZone = zoneFor(env.TZ);
    this.parts = new Intl.DateTimeFormat('en-US', {
      timeZone: this.timeZone,
      weekday: 'short',
      day: '2-digit',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
  }

  /** `Mon, 02 Jan 2006 15:04:05 -0700`; Go's zero time when the field is empty. */
  rfc1123z(iso: string | undefined | null): string {
    if (!iso) return 'Mon, 01 Jan 0001 00:00:00 +0000';
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return String(iso);
    const p: Record<string, string> = {};
    for (const part of this.parts.formatToParts(date)) p[part.type] = part.value;
    const offset = /GMT([+-]\d{2}):?(\d{2})?/.exec(p.timeZoneName ?? '');
    const zone = offset ? `${offset[1]}${offset[2] ?? '00'}` : '+0000';
    return `${p.weekday}, ${p.day} ${p.month} ${p.year.padStart(4, '0')} ${p.hour}:${p.minute}:${p.second} ${zone}`;
  }

  /** Age of a timestamp, or `<unknown>` when it is empty. */
  since(iso: string | undefined | null): string {
    if (!iso) return '<unknown>';
    const time = new Date(iso).getTime();
    if (Number.isNaN(time)) return '<unknown>';
    return humanDuration(this.now - time);
  }
}

/** Go resolves TZ: unset means the system zone, empty means UTC, unknown names fall back to UTC. */
function zoneFor(tz: string | undefined): string {
  if (tz === undefined) return Intl.DateTimeFormat().resolvedOptions().timeZone;
  const name = tz.replace(/^:/, '');
  if (name === '' || name === 'UTC') return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name;
  } catch {
    return 'UTC';
  }
}
