// Fence info strings and notebook cell languages, in both directions.

import { isShellLanguage } from '../shell/languages';

const SQL_WORDS = new Set(['sql', 'psql', 'postgres', 'postgresql', 'pgsql', 'plpgsql']);

/** The first word of an info string: `bash {"name":"x"}` -> `bash`. */
export function infoLanguageWord(info: string): string {
  const match = /^[^\s{]*/.exec(info.trim());
  return match ? match[0] : '';
}

/** The VS Code language id for a fence's info string. */
export function languageForInfo(info: string): string {
  const word = infoLanguageWord(info).toLowerCase();
  if (isShellLanguage(word)) return 'shellscript';
  if (SQL_WORDS.has(word)) return 'sql';
  if (word === 'yml' || word === 'yaml') return 'yaml';
  if (word === 'json' || word === 'jsonc') return word;
  return word;
}

/** The info-string word to write for a language id, for a new or re-typed cell. */
export function infoWordForLanguage(language: string): string {
  if (language === 'shellscript') return 'bash';
  return language;
}

/**
 * Attributes after the language word, e.g. `sh {"name":"x","interactive":false}`.
 * Only a JSON object is read; anything else is kept in the file but not parsed.
 */
export function infoAttributes(info: string): Record<string, unknown> | undefined {
  const brace = info.indexOf('{');
  if (brace < 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(info.slice(brace));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
