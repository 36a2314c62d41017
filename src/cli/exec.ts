// `runbook exec -- 'COMMAND LINE'`: one command line through the engine,
// printing what the real CLI would print, on the same streams, with its exit code.

import { createInterface } from 'node:readline/promises';
import { runCell, type CellHooks, type ConfirmationRequest, type ValueRequest } from '../core/engine';
import { createRegistry } from '../core/tools';
import { ExecJudge } from './execVerdicts';
import { sessionWithVars } from './runbookFile';

export interface ExecOptions {
  vars: Record<string, string>;
  yes: boolean;
  repeat: number;
  cwd: string;
  language: string;
  /** A runbook whose thresholds judge each run (stderr); a critical verdict stops --repeat. */
  thresholds?: string;
  continueOnCritical?: boolean;
}

export async function execCommand(commandLine: string, options: ExecOptions): Promise<number> {
  const session = sessionWithVars(options.cwd, options.vars);
  const registry = createRegistry();
  const judge = options.thresholds ? ExecJudge.load(options.thresholds) : undefined;
  if (judge && 'error' in judge) {
    process.stderr.write(`runbook: ${judge.error}\n`);
    return 2;
  }
  const controller = new AbortController();
  const onSignal = () => controller.abort('interrupted');
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const timings: number[] = [];
  let exitCode = 0;
  try {
    for (let i = 0; i < Math.max(1, options.repeat); i++) {
      const started = process.hrtime.bigint();
      const run = await runCell(commandLine, {
        language: options.language,
        session,
        registry,
        signal: controller.signal,
        isTTY: Boolean(process.stdout.isTTY),
        events: {
          stdout: (t) => void process.stdout.write(t),
          stderr: (t) => void process.stderr.write(t),
          clear: () => void (process.stdout.isTTY && process.stdout.write('\x1b[H\x1b[2J')),
        },
        hooks: terminalHooks(options),
      });
      timings.push(Number(process.hrtime.bigint() - started) / 1e6);
      exitCode = run.exitCode;
      if (controller.signal.aborted) break;
      if (judge) {
        const judged = judge.judge(commandLine, run);
        for (const line of judged.lines) process.stderr.write(line + '\n');
        if (judged.verdict?.level === 'critical' && !options.continueOnCritical && i + 1 < options.repeat) {
          process.stderr.write(`runbook: stopped after run ${i + 1} of ${options.repeat} at a critical verdict (--continue-on-critical keeps going)\n`);
          break;
        }
      }
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await session.dispose();
  }
  if (options.repeat > 1) process.stderr.write(timingSummary(timings) + '\n');
  return controller.signal.aborted ? 130 : exitCode;
}

export function timingSummary(timings: readonly number[]): string {
  const sorted = [...timings].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms over ${sorted.length} runs`;
}

function terminalHooks(options: ExecOptions): CellHooks {
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
        process.stderr.write(`runbook: not run: '${request.commandLine}' changes state (${request.tool} ${request.action}${where}); pass --yes to run it without asking\n`);
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
