// A cell's text as statements, prompts stripped.

import type { Script } from './ast';
import { parseScript } from './parse';
import { stripPrompts } from './prompts';

/** parseScript(stripPrompts(text).text); throws ShellSyntaxError like it. */
export function parseCell(text: string): Script {
  return parseScript(stripPrompts(text).text);
}
