// A cell's text as statements, prompts stripped. Re-running a cell (the usual
// way to watch a fix land) parses nothing: the last cells' trees are kept,
// frozen so no caller can change what the next run reads.

import type { Script } from './ast';
import { parseScript } from './parse';
import { stripPrompts } from './prompts';

const KEPT = 64;
const parsed = new Map<string, Script>();

/** parseScript(stripPrompts(text).text), remembered for the last 64 texts; throws ShellSyntaxError like it. */
export function parseCell(text: string): Script {
  const known = parsed.get(text);
  if (known) {
    // Most recently used last, so the oldest is the first to go.
    parsed.delete(text);
    parsed.set(text, known);
    return known;
  }
  const script = deepFreeze(parseScript(stripPrompts(text).text));
  parsed.set(text, script);
  if (parsed.size > KEPT) parsed.delete(parsed.keys().next().value!);
  return script;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
