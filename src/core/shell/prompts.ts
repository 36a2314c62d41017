// Cells pasted from a terminal: `$ cmd` and `user@host:~$ cmd` prompt lines
// are commands, and the lines after them that carry no prompt are the output
// that was pasted with them, which is not run.

const PROMPT = /^[ \t]*(?:\([^)\s]+\)[ \t]*)?(?:\[[^\]\n]+\][$#]|[\w.-]+@[\w.-]+(?::[^\s$#]*)?[ \t]?[$#]|\$)[ \t]/;

export interface PromptStripped {
  /** The commands, one line for each line of the cell (dropped lines left empty). */
  text: string;
  /** Whether the cell was written with prompts. */
  hadPrompts: boolean;
}

export function stripPrompts(cell: string): PromptStripped {
  const lines = cell.split('\n');
  if (!lines.some((l) => PROMPT.test(l))) return { text: cell, hadPrompts: false };
  const out: string[] = [];
  let continuing = false;
  for (const line of lines) {
    const match = PROMPT.exec(line);
    if (match) {
      const command = line.slice(match[0].length);
      out.push(command);
      continuing = /\\\r?$/.test(command);
    } else if (continuing) {
      out.push(line);
      continuing = /\\\r?$/.test(line);
    } else {
      out.push('');
    }
  }
  return { text: out.join('\n'), hadPrompts: true };
}
