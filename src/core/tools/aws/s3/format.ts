// The two formats `aws s3` prints with: local times (`2025-06-01 12:00:00`)
// and sizes in bytes or, with --human-readable, base-2 units.

const SUFFIXES = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** aws-cli's human_readable_size: `1 Byte`, `10 Bytes`, `1.0 KiB`, `12.3 MiB`. */
export function humanReadableSize(value: number): string {
  if (value === 1) return '1 Byte';
  if (value < 1024) return `${Math.trunc(value)} Bytes`;
  for (let i = 0; i < SUFFIXES.length; i++) {
    const unit = 1024 ** (i + 2);
    if (Math.round((value / unit) * 1024) < 1024 || i === SUFFIXES.length - 1) return `${pythonFixed1((1024 * value) / unit)} ${SUFFIXES[i]}`;
  }
  return `${value} Bytes`;
}

/** Python's '%.1f': like toFixed(1), but an exact tie rounds to the even digit. */
function pythonFixed1(x: number): string {
  const tenths = x * 10;
  if (tenths % 1 === 0.5) return (Math.floor(tenths) % 2 === 0 ? Math.floor(tenths) / 10 : Math.ceil(tenths) / 10).toFixed(1);
  return x.toFixed(1);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string | undefined): Intl.DateTimeFormat | undefined {
  const key = timeZone ?? '';
  if (!formatters.has(key)) {
    try {
      formatters.set(key, new Intl.DateTimeFormat('en-US', {
        timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
      }));
    } catch {
      return undefined;
    }
  }
  return formatters.get(key);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD HH:MM:SS` in the local time zone (TZ of the cell's environment when it names one). */
export function localTime(date: Date, timeZone?: string): string {
  const f = timeZone && !timeZone.startsWith(':') ? formatter(timeZone) : undefined;
  if (!f) {
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  }
  const parts = Object.fromEntries(f.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}
