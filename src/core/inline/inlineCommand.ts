// Whether an inline code span is a command: its first word is a program we
// run or a known terminal CLI, at least one more word follows it (a
// subcommand, argument or flag: `kubectl logs` with no pod still runs and
// shows kubectl's own error), and the whole span parses as a command line.
// `kubectl` alone, a flag alone, SQL, YAML keys and sentences are prose.

import { parseScript } from '../shell/parse';
import type { Word } from '../shell/ast';
import { PROGRAMS_WE_RUN, TERMINAL_CLIS } from './programs';

const KNOWN = new Set([...PROGRAMS_WE_RUN, ...TERMINAL_CLIS]);

export function isInlineCommand(span: string): boolean {
  const text = span.trim();
  const program = /^\S+/.exec(text)?.[0];
  if (!program || !isKnownProgram(program)) return false;
  let first;
  try {
    first = parseScript(text).statements[0]?.first.commands[0];
  } catch {
    return false;
  }
  // `psql < roles.sql` gives psql its input: that is more than the name too.
  if (!first || first.assignments.length > 0 || first.words.length + first.redirects.length < 2) return false;
  return literal(first.words[0]) === program;
}

/** A known program by name, or an installed copy of one we run (`/opt/gitlab/embedded/bin/redis-cli`). */
function isKnownProgram(word: string): boolean {
  if (KNOWN.has(word)) return true;
  return word.startsWith('/') && PROGRAMS_WE_RUN.includes(word.slice(word.lastIndexOf('/') + 1));
}

function literal(word: Word): string | undefined {
  const [part, ...rest] = word.parts;
  return rest.length === 0 && part?.kind === 'literal' && !part.quoted ? part.text : undefined;
}
