// How `runbook exec` and `runbook run` ask: values for unset variables and
// placeholders, and whether a state-changing command may run. On a terminal
// they ask there; without one, --var supplies values and --yes answers yes,
// and anything else is refused, saying what to pass. A change on a
// production target needs its name: typed on the terminal, or given with
// --confirm-target NAME (--yes is not enough). Before a question, the
// change's preview (a diff, rows or keys affected) goes to stderr.

import { createInterface } from 'node:readline/promises';
import type { CellHooks, ConfirmationRequest, Preview, ValueRequest } from '../core/engine';

export interface TerminalHookOptions {
  yes: boolean;
  /** Production targets named with --confirm-target: changes on them run without asking. */
  confirmTargets?: readonly string[];
}

export function terminalHooks(options: TerminalHookOptions): CellHooks {
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  const ask = async (question: string): Promise<string> => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  };
  return {
    async resolve(request: ValueRequest) {
      const names = [...request.variables, ...request.placeholders.map((p) => `<${p}>`)];
      if (!interactive) {
        process.stderr.write(`runbook: ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} not set; pass ${names.map((n) => `--var ${n.replace(/[<>]/g, '')}=VALUE`).join(' ')}\n`);
        return undefined;
      }
      const values: Record<string, string> = {};
      for (const name of names) values[name] = await ask(`${name} = `);
      return values;
    },
    willAsk(request: ConfirmationRequest) {
      const target = request.target;
      if (!interactive) return false;
      return target?.production ? !options.confirmTargets?.includes(target.name ?? target.label) : !options.yes;
    },
    async confirm(request: ConfirmationRequest) {
      // A question shows the change's preview first; a refusal points to --dry-run (nothing is sent to work one out).
      const target = request.target;
      const what = `${request.tool} ${request.action}${target ? ` on ${target.label}` : ''}`;
      if (target?.production) {
        const name = target.name ?? target.label;
        if (options.confirmTargets?.includes(name)) return true;
        if (!interactive) {
          const yesNote = options.yes ? ' (--yes is not enough on a production target)' : '';
          process.stderr.write(`runbook: refused: '${request.commandLine}' changes the production target ${name} (${what}); pass --confirm-target ${shellWord(name)} to run it${yesNote}, or --dry-run to see what it would change\n`);
          return false;
        }
        if (request.preview) process.stderr.write(previewText(request.preview));
        const typed = await ask(`${what}: PRODUCTION target ${name}. Type its name to run it: `);
        return typed.trim() === name;
      }
      if (options.yes) return true;
      if (!interactive) {
        process.stderr.write(`runbook: refused: '${request.commandLine}' changes state (${what}); pass --yes to run it without asking, or --dry-run to see what it would change\n`);
        return false;
      }
      if (request.preview) process.stderr.write(previewText(request.preview));
      return /^y(es)?$/i.test((await ask(`${what}: run it? [y/N] `)).trim());
    },
  };
}

/** A preview as the terminal shows it before the question (its text holds any unified diff). */
export function previewText(preview: Preview): string {
  return preview.text.endsWith('\n') ? preview.text : preview.text + '\n';
}

/** The name as one shell word: quoted when it holds anything but plain name characters. */
function shellWord(text: string): string {
  return /^[\w.:/@%+=,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
