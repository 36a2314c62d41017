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

/** `unset` gives the text of a variable that is needed but not set (default: empty, as a shell does). */
export function expandWords(words: readonly Word[], lookup: VariableLookup, home?: string, unset?: (name: string) => string): Expansion {
  const result: Expansion = { args: [], missing: [], placeholders: [], substitutions: [] };
  for (const word of words) {
    // The fields this word becomes: an unquoted variable's value splits into more than one.
    const fields: string[] = [''];
    let hasQuoted = false;
    for (let index = 0; index < word.parts.length; index++) {
      const part = word.parts[index];
      let text: string;
      switch (part.kind) {
        case 'literal':
          text = part.text;
          if (index === 0 && !part.quoted && home && (text === '~' || text.startsWith('~/'))) text = home + text.slice(1);
          if (part.quoted) hasQuoted = true;
          break;
        case 'placeholder': {
          const value = lookup(placeholderKey(part.name));
          if (value === undefined && !result.placeholders.includes(part.name)) result.placeholders.push(part.name);
          text = value ?? `<${part.name}>`;
          break;
        }
        case 'variable': {
          let value = lookup(part.name);
          if ((value === undefined || value === '') && part.fallback !== undefined) value = part.fallback;
          if (value === undefined) {
            if (!result.missing.includes(part.name)) result.missing.push(part.name);
            value = unset ? unset(part.name) : '';
          }
          if (part.quoted) hasQuoted = true;
          else if (/[ \t\n]/.test(value)) {
            const pieces = value.split(/[ \t\n]+/);
            fields[fields.length - 1] += pieces[0];
            for (let p = 1; p < pieces.length; p++) fields.push(pieces[p]);
            continue;
          }
          text = value;
          break;
        }
        case 'substitution':
          result.substitutions.push(part.text);
          text = part.text;
          break;
      }
      fields[fields.length - 1] += text;
    }
    for (let i = 0; i < fields.length; i++) if (fields[i] !== '' || (hasQuoted && i === 0)) result.args.push(fields[i]);
  }
  return result;
}
