// The one masker: every secret a session knows of (variables, values typed
// into prompts, what the tools found in flags, files and API objects) and
// every secret recognisable by its shape becomes `‹secret:KIND#f00d›` in
// whatever leaves the engine. The fingerprint is an HMAC of the secret under
// a key of the session's, so a reader can tell the same secret from another
// without learning it.

import { createHmac, randomBytes } from 'node:crypto';
import { secretForms } from './forms';
import { patternRanges, type SecretRange } from './patterns';
import { safeCut } from './streamCut';

/** What a secret is: the variable it came from, or `url-password`, `k8s-secret`, `authorization`, `jwt`, `private-key`, ... */
export type SecretKind = string;

/** Values shorter than this are not masked by value: they would hide too many innocent words. */
export const MIN_SECRET_LENGTH = 4;

/** A placeholder already in the text: masking again leaves it as it is. */
const PLACEHOLDER = /‹secret:[^›\n]*›/g;

interface KnownForm {
  kind: SecretKind;
  /** The secret as registered (its fingerprint). */
  value: string;
  base64: boolean;
}

export interface MaskStream {
  write(chunk: string): void;
  flush(): void;
}

export class Masker {
  private readonly key: Uint8Array;
  /** Every form of every known secret, by its text. */
  private readonly known = new Map<string, KnownForm>();
  /** One search for all of `known`, made again after a form is added. */
  private finder: RegExp | undefined;

  constructor(options: { fingerprintKey?: Uint8Array } = {}) {
    this.key = options.fingerprintKey ?? randomBytes(32);
  }

  /** A known secret, masked wherever it or its base64 and JSON-escaped forms appear. The first kind given for a value stays. */
  add(value: string, kind: SecretKind): void {
    if (value.length < MIN_SECRET_LENGTH) return;
    for (const form of secretForms(value)) {
      if (form.text.length < MIN_SECRET_LENGTH || this.known.has(form.text)) continue;
      this.known.set(form.text, { kind, value, base64: form.base64 });
      this.finder = undefined;
    }
  }

  /** The text with every known secret and every secret-shaped part replaced, each whole. */
  mask(text: string): string {
    if (!text) return text;
    const found = [...this.knownRanges(text), ...patternRanges(text)];
    if (!found.length) return text;
    const ranges = text.includes('‹secret:') ? withoutPlaceholders(text, found) : found;
    if (!ranges.length) return text;
    let out = '';
    let at = 0;
    for (const range of mergeOverlaps(ranges)) {
      out += text.slice(at, range.start) + this.placeholder(range.secret || text.slice(range.start, range.end), range.kind);
      at = range.end;
    }
    return out + text.slice(at);
  }

  /** A copy of a JSON-like value with every string in it (keys too) masked. */
  maskDeep<T>(value: T): T {
    if (typeof value === 'string') return this.mask(value) as T;
    if (Array.isArray(value)) return value.map((item) => this.maskDeep(item)) as T;
    if (value && typeof value === 'object' && isPlainObject(value)) {
      const copy: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) copy[this.mask(key)] = this.maskDeep(item);
      return copy as T;
    }
    return value;
  }

  /**
   * A writer that masks what passes through it on its way to `sink`. Text
   * that could still turn out to be part of a secret (the line not yet
   * ended, an open private-key block) waits for the next write or flush().
   */
  stream(sink: (text: string) => void): MaskStream {
    let pending = '';
    return {
      write: (chunk) => {
        pending += chunk;
        const cut = safeCut(pending, this.multilineForms());
        if (cut === 0) return;
        const ready = pending.slice(0, cut);
        pending = pending.slice(cut);
        sink(this.mask(ready));
      },
      flush: () => {
        if (!pending) return;
        const rest = pending;
        pending = '';
        sink(this.mask(rest));
      },
    };
  }

  /** The placeholder for a secret of this kind: what a reader sees instead of it. */
  placeholder(secret: string, kind: SecretKind): string {
    const fingerprint = createHmac('sha256', this.key).update(secret).digest('hex').slice(0, 4);
    return `‹secret:${kind}#${fingerprint}›`;
  }

  private multilineForms(): string[] {
    const forms: string[] = [];
    for (const text of this.known.keys()) if (text.includes('\n')) forms.push(text);
    return forms;
  }

  private knownRanges(text: string): SecretRange[] {
    const ranges: SecretRange[] = [];
    if (!this.known.size) return ranges;
    const finder = (this.finder ??= formFinder([...this.known.keys()]));
    // From each start, the longest form there; the next search starts one character on, so overlapping forms are found too.
    for (finder.lastIndex = 0; ; ) {
      const m = finder.exec(text);
      if (!m) break;
      const known = this.known.get(m[0])!;
      let end = m.index + m[0].length;
      if (known.base64) while (end < text.length && end - m.index - m[0].length < 2 && text[end] === '=') end++;
      ranges.push({ start: m.index, end, kind: known.kind, secret: known.value });
      finder.lastIndex = m.index + 1;
    }
    return ranges;
  }
}

/** A search for any of the texts, the longest first where several start at one place. */
function formFinder(texts: string[]): RegExp {
  const alternatives = [...texts].sort((a, b) => b.length - a.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(alternatives.join('|'), 'g');
}

/**
 * The ranges with the placeholders already in the text cut out of them:
 * masking masked text changes nothing, and a pattern still sees a
 * placeholder as part of its context (`Bearer ‹secret:…›` is a header).
 */
function withoutPlaceholders(text: string, ranges: SecretRange[]): SecretRange[] {
  const placeholders = [...text.matchAll(PLACEHOLDER)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  if (!placeholders.length) return ranges;
  const out: SecretRange[] = [];
  for (const range of ranges) {
    let pieces = [range];
    for (const p of placeholders) {
      pieces = pieces.flatMap((r) => {
        if (p.end <= r.start || p.start >= r.end) return [r];
        const cut = { ...r, secret: '' };
        return [{ ...cut, end: p.start }, { ...cut, start: p.end }].filter((piece) => piece.end > piece.start);
      });
    }
    out.push(...pieces);
  }
  return out;
}

/** Ranges in order, overlapping ones joined: the earliest (then longest) names the kind; a join is fingerprinted by its whole text. */
function mergeOverlaps(ranges: SecretRange[]): SecretRange[] {
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: SecretRange[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range.start < last.end) {
      if (range.end > last.end) merged[merged.length - 1] = { ...last, end: range.end, secret: '' };
    } else merged.push({ ...range });
  }
  return merged;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
