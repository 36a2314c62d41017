// What the extension's own tests reach through `activate()`'s return value,
// in VS Code's test mode only.

import type * as vscode from 'vscode';
import type { HealthModel } from '../core/health';

/**
 * The API `activate()` returns when VS Code runs the extension in test mode
 * (`ExtensionMode.Test`: the extension's own extension-host tests), and
 * never otherwise. The workbench refuses modal dialogs under its test
 * driver, so tests answer the confirmation themselves; while no answer is
 * set, confirmations show the modal as usual.
 */
export interface RunbookApi {
  testing: {
    /** `true`/`false` answers every confirmation without the modal; `undefined` shows the modal again. `typed`: the name typed when a production target's is asked for. */
    answerConfirmations(answer: boolean | undefined, typed?: string): void;
    /** The text of each confirmation answered this way, oldest first. */
    readonly confirmations: readonly string[];
    /** What the verdict status bars show now. */
    readonly verdicts?: VerdictsTestingApi;
    /** What the Runbook Health view shows now. */
    readonly health?: HealthTestingApi;
    /** What the walkthrough's completion context keys hold. */
    readonly walkthrough?: WalkthroughTestingApi;
  };
}

export interface WalkthroughTestingApi {
  /** The value of `runbook.walkthrough.verdictShown`: a cell has had a verdict in this window. */
  verdictShown(): boolean;
}

export interface HealthTestingApi {
  /** The model the view's tree shows (empty roots before the first complete model). */
  model(): HealthModel;
  /** The message item shown instead of the tree (no runbook to judge by, reading), undefined when the tree shows. */
  message(): string | undefined;
  /** The tree item of the node at this path of names from its root, as the view renders it. */
  item(path: readonly string[]): { label: string; description: string; tooltip: string; contextValue: string } | undefined;
  /** Describe on the node at this path: the text written to the "Runbook Health" output. */
  describe(path: readonly string[]): string | undefined;
  /** Whether the health monitor runs now (the view visible, not paused, a runbook to judge by). */
  monitoring(): boolean;
  /** The notebook whose runbook judges: the pinned one, else the runbook notebook in front. */
  judged(): vscode.Uri | undefined;
  /** Open Runbook Step on the node at this path: the index of the cell revealed, undefined when none covers it. */
  openStep(path: readonly string[]): Promise<number | undefined>;
}

export interface ShownItem {
  text: string;
  tooltip: string;
}

export interface VerdictsTestingApi {
  /** The cell's verdict item in its cell status bar, undefined when it has none. */
  cellStatus(cell: vscode.NotebookCell): ShownItem | undefined;
  /** The notebook summary in the window status bar, undefined while hidden. */
  summary(): ShownItem | undefined;
  /** The Kubernetes context item in the window status bar; `production` when it is shown red. */
  kubeStatus(): (ShownItem & { production: boolean }) | undefined;
}

/** The answer set through {@link RunbookApi}, shared by the extension and the lazily loaded engine. */
export class ConfirmationAnswers {
  answer: boolean | undefined;
  /** What is typed when a production target's name is asked for. */
  typed: string | undefined;
  readonly requests: string[] = [];

  api(verdicts?: VerdictsTestingApi, health?: HealthTestingApi, walkthrough?: WalkthroughTestingApi): RunbookApi {
    const answers = this;
    return {
      testing: {
        answerConfirmations: (answer, typed) => void ((answers.answer = answer), (answers.typed = typed)),
        get confirmations() {
          return answers.requests;
        },
        verdicts,
        health,
        walkthrough,
      },
    };
  }
}
