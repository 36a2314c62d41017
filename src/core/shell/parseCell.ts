// A cell's text as statements, prompts stripped. Re-running a cell (the usual
// way to watch a fix land) parses nothing: the last cells' trees are kept,
// frozen so no caller can change what the next run reads.

import type { Script } from './ast';
import { parseScript } from './parse';
import { stripPrompts } from './prompts';
import { Lru } from '../util/lru';

const parsed = new Lru<string, Script>(64);

/** parseScript(stripPrompts(text).text), remembered for the last 64 texts; throws ShellSyntaxError like it. */
export function parseCell(text: string): Script {
  return parsed.get(text) ?? parsed.set(text, deepFreeze(parseScript(stripPrompts(text).text)));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
