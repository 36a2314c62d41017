// Before a pipeline runs, every stage that changes state is put to the user:
// its target judged against the production patterns, its preview worked out
// when a person will see it (or in a dry run), then the question. A dry run
// asks nothing and hands back the previews instead.

import { judgeTarget } from '../safety/productionTargets';
import type { Session } from '../session';
import { redirectedInput, type Stage } from './pipeline';
import { previewOf } from './preview';
import type { CellHooks } from './cellOptions';
import type { ConfirmationRequest, Target } from './tool';

export interface ConfirmStagesOptions {
  session: Session;
  signal: AbortSignal;
  hooks: CellHooks;
  dryRun?: boolean;
  productionTargets?: readonly string[];
  /** A preview is bounded by the command timeout, as the command is. */
  commandTimeoutMs?: number;
}

export type StagesConsent =
  /** Every change may run; `target` is the first one's. */
  | { kind: 'yes'; target?: Target }
  /** A dry run: the changes previewed and not made. */
  | { kind: 'dry run'; target?: Target; previews: ConfirmationRequest[] }
  /** The user said no to this change. */
  | { kind: 'declined'; program: string; action?: string; target?: Target }
  /** The cell was stopped before the question was put. */
  | { kind: 'stopped' };

/** Confirms each state-changing stage of `stages` (`commandLine` as the cell shows it), in order, before any runs. */
export async function confirmStages(stages: Stage[], commandLine: string, options: ConfirmStagesOptions): Promise<StagesConsent> {
  const { session, hooks } = options;
  const production = options.productionTargets ?? [];
  const previews: ConfirmationRequest[] = [];
  let target: Target | undefined;
  for (const stage of stages) {
    if (stage.program.kind !== 'tool' || !stage.command?.plan.mutates) continue;
    const { plan } = stage.command;
    const env = session.env(stage.env);
    // The target is named in the question; read-only commands record theirs while they run.
    const stageTarget = judgeTarget(await stage.command.target?.({ env, session, cwd: session.cwd }).catch(() => undefined), production);
    target ??= stageTarget;
    const request: ConfirmationRequest = { tool: stage.program.name, action: plan.action ?? stage.argv.slice(1, 3).join(' '), target: stageTarget, commandLine };
    if (options.dryRun || (hooks.willAsk?.(request) ?? true)) {
      const stdin = await redirectedInput(stage, session.cwd).catch(() => undefined);
      request.preview = await previewOf(stage.command, { env, session, cwd: session.cwd, signal: options.signal, stdin }, options.commandTimeoutMs);
      // Stopped while the preview was worked out: nothing is asked.
      if (options.signal.aborted) return { kind: 'stopped' };
    }
    if (options.dryRun) {
      previews.push(session.masker.maskDeep(request));
      continue;
    }
    if (!(await hooks.confirm(session.masker.maskDeep(request)))) return { kind: 'declined', program: stage.program.name, action: plan.action, target: stageTarget };
  }
  return previews.length ? { kind: 'dry run', target, previews } : { kind: 'yes', target };
}

/** A change a dry run did not make: what it is, where, and its preview. */
export function dryRunText(request: ConfirmationRequest): string {
  const head = `dry run: ${request.tool} ${request.action}${request.target ? ` on ${request.target.label}` : ''} (not run)\n`;
  const text = request.preview?.text ?? '';
  return head + (text && !text.endsWith('\n') ? text + '\n' : text);
}
