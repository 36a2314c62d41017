// Replies as redis-cli 7 prints them: the annotated form for a terminal
// (`(integer) 1`, quoted strings, numbered nested arrays) and the raw form
// for pipes and --raw (values as they are, one per line).

export type Reply =
  | { type: 'nil' }
  | { type: 'int'; value: string }
  | { type: 'bulk'; value: Buffer }
  | { type: 'status'; value: string }
  | { type: 'error'; value: string }
  | { type: 'array'; items: Reply[] };

/** A byte string in double quotes, with C escapes for what is not printable (redis' sdscatrepr). */
export function quote(bytes: Buffer): string {
  let out = '"';
  for (const b of bytes) {
    switch (b) {
      case 0x5c: out += '\\\\'; break;
      case 0x22: out += '\\"'; break;
      case 0x0a: out += '\\n'; break;
      case 0x0d: out += '\\r'; break;
      case 0x09: out += '\\t'; break;
      case 0x07: out += '\\a'; break;
      case 0x08: out += '\\b'; break;
      default:
        out += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
    }
  }
  return out + '"';
}

/** The terminal form. `prefix` is the indentation of a nested array's later lines. */
export function formatTTY(reply: Reply, prefix = ''): string {
  switch (reply.type) {
    case 'nil': return '(nil)\n';
    case 'int': return `(integer) ${reply.value}\n`;
    case 'bulk': return quote(reply.value) + '\n';
    case 'status': return reply.value + '\n';
    case 'error': return `(error) ${reply.value}\n`;
    case 'array': {
      if (reply.items.length === 0) return '(empty array)\n';
      const width = String(reply.items.length).length;
      const inner = prefix + ' '.repeat(width + 2);
      let out = '';
      reply.items.forEach((item, i) => {
        out += `${i === 0 ? '' : prefix}${String(i + 1).padStart(width)}) `;
        out += formatTTY(item, inner);
      });
      return out;
    }
  }
}

/** The raw form, without the final newline redis-cli adds after each reply. */
export function formatRaw(reply: Reply): string {
  switch (reply.type) {
    case 'nil': return '';
    case 'int': return reply.value;
    case 'bulk': return reply.value.toString('utf8');
    case 'status': return reply.value;
    case 'error': return reply.value + '\n';
    case 'array': return reply.items.map(formatRaw).join('\n');
  }
}

/** What redis-cli writes for one reply: `verbatim` for INFO and friends (printed as is, no newline added). */
export function formatReply(reply: Reply, opts: { raw: boolean; verbatim: boolean }): string {
  if (opts.verbatim) return formatRaw(reply);
  if (opts.raw) return formatRaw(reply) + '\n';
  return formatTTY(reply);
}

/** An ioredis reply (callBuffer) as a typed reply; top-level strings of status commands are status replies. */
export function toReply(value: unknown, status = false): Reply {
  if (value === null || value === undefined) return { type: 'nil' };
  if (typeof value === 'number' || typeof value === 'bigint') return { type: 'int', value: String(value) };
  if (typeof value === 'string') return status ? { type: 'status', value } : { type: 'int', value };
  if (Buffer.isBuffer(value)) return status ? { type: 'status', value: value.toString('utf8') } : { type: 'bulk', value };
  if (value instanceof Error) return { type: 'error', value: value.message };
  if (Array.isArray(value)) return { type: 'array', items: value.map((v) => toReply(v)) };
  return { type: 'bulk', value: Buffer.from(String(value)) };
}
