// Words -> argument strings, given where variable values come from.

import type { Word } from './ast';

/** Looks a variable up; undefined when it is not set anywhere. */
export type VariableLookup = (name: string) => string | undefined;

export interface Expansion {
  /** The arguments, after splitting unquoted variable values on whitespace. */
  args: string[];
  /** Variables that were needed but not set (no fallback given). */
  missing: string[];
  /** `<name>` placeholders that were needed but not set. */
  placeholders: string[];
  /** `$(...)`, backticks or special parameters: these need a real shell. */
  substitutions: string[];
}

/** A word's text without expanding anything: for here-document delimiters and display. */
export function wordText(word: Word): string {
  return word.parts.map((p) => (p.kind === 'literal' ? p.text : p.kind === 'variable' ? `$${p.name}` : p.kind === 'placeholder' ? `<${p.name}>` : p.text)).join('');
}

/** Placeholders are looked up under their own name in angle brackets, e.g. `<namespace>`. */
export function placeholderKey(name: string): string {
  return `<${name}>`;
}

export function expandWords(words: readonly Word[], lookup: VariableLookup, home?: string): Expansion {
  const result: Expansion = { args: [], missing: [], placeholders: [], substitutions: [] };
  for (const word of words) {
    let fields: string[] = [''];
    let hasQuoted = false;
    word.parts.forEach((part, index) => {
      const append = (text: string) => (fields[fields.length - 1] += text);
      switch (part.kind) {
        case 'literal': {
          let text = part.text;
          if (index === 0 && !part.quoted && home && (text === '~' || text.startsWith('~/'))) text = home + text.slice(1);
          if (part.quoted) hasQuoted = true;
          append(text);
          break;
        }
        case 'placeholder': {
          const value = lookup(placeholderKey(part.name));
          if (value === undefined) {
            if (!result.placeholders.includes(part.name)) result.placeholders.push(part.name);
            append(`<${part.name}>`);
          } else append(value);
          break;
        }
        case 'variable': {
          let value = lookup(part.name);
          if ((value === undefined || value === '') && part.fallback !== undefined) value = part.fallback;
          if (value === undefined) {
            if (!result.missing.includes(part.name)) result.missing.push(part.name);
            value = '';
          }
          if (part.quoted) {
            hasQuoted = true;
            append(value);
          } else {
            const pieces = value.split(/[ \t\n]+/);
            append(pieces[0]);
            for (const piece of pieces.slice(1)) fields.push(piece);
          }
          break;
        }
        case 'substitution':
          result.substitutions.push(part.text);
          append(part.text);
          break;
      }
    });
    fields = fields.filter((f, i) => f !== '' || (hasQuoted && i === 0));
    result.args.push(...fields);
  }
  return result;
}
