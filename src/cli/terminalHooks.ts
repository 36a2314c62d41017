// How `runbook exec` and `runbook run` ask: values for unset variables and
// placeholders, and whether a state-changing command may run. On a terminal
// they ask there; without one, --var supplies values and --yes answers yes,
// and anything else is refused, saying what to pass.

import { createInterface } from 'node:readline/promises';
import type { CellHooks, ConfirmationRequest, ValueRequest } from '../core/engine';

export function terminalHooks(options: { yes: boolean }): CellHooks {
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  return {
    async resolve(request: ValueRequest) {
      const names = [...request.variables, ...request.placeholders.map((p) => `<${p}>`)];
      if (!interactive) {
        process.stderr.write(`runbook: ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} not set; pass ${names.map((n) => `--var ${n.replace(/[<>]/g, '')}=VALUE`).join(' ')}\n`);
        return undefined;
      }
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        const values: Record<string, string> = {};
        for (const name of names) values[name.startsWith('<') ? name : name] = await rl.question(`${name} = `);
        return values;
      } finally {
        rl.close();
      }
    },
    async confirm(request: ConfirmationRequest) {
      if (options.yes) return true;
      const where = request.target ? ` on ${request.target.label}` : '';
      if (!interactive) {
        process.stderr.write(`runbook: refused: '${request.commandLine}' changes state (${request.tool} ${request.action}${where}); pass --yes to run it without asking\n`);
        return false;
      }
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        const answer = await rl.question(`${request.tool} ${request.action}${where}: run it? [y/N] `);
        return /^y(es)?$/i.test(answer.trim());
      } finally {
        rl.close();
      }
    },
  };
}
