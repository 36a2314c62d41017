// Asking the user: values for variables and placeholders, and whether a
// state-changing command may run. Secret values go to SecretStorage only.

import * as vscode from 'vscode';
import type { ConfirmationRequest, Session, ValueRequest } from '../core/engine';
import type { ConfirmationAnswers } from './testApi';
import { previewDetail, showPreviewDiff } from './previewDiff';

const SECRET_PREFIX = 'runbook.value.';

export class Prompts {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly answers?: ConfirmationAnswers,
  ) {}

  async values(request: ValueRequest, session: Session): Promise<Record<string, string> | undefined> {
    const values: Record<string, string> = {};
    const names = [...request.variables.map((n) => ({ key: n, label: `$${n}` })), ...request.placeholders.map((n) => ({ key: `<${n}>`, label: `<${n}>` }))];
    for (const { key, label } of names) {
      const secret = session.isSecret(key.replace(/[<>]/g, ''));
      const stored = secret ? await this.secrets.get(SECRET_PREFIX + key) : undefined;
      if (stored !== undefined) {
        values[key] = stored;
        continue;
      }
      const value = await vscode.window.showInputBox({
        title: `Value for ${label}`,
        prompt: `${request.command}\n\n${label} is not set. The value is remembered for this notebook session${secret ? ' and kept in VS Code\u2019s secret storage' : ''}.`,
        password: secret,
        ignoreFocusOut: true,
      });
      if (value === undefined) return undefined;
      values[key] = value;
      if (secret) await this.secrets.store(SECRET_PREFIX + key, value);
    }
    return values;
  }

  async confirm(request: ConfirmationRequest): Promise<boolean> {
    if (request.target?.production) return this.confirmProduction(request);
    const where = request.target ? `\n\nTarget: ${request.target.label}` : '';
    const set = this.answers?.answer;
    if (set !== undefined) {
      this.answers?.requests.push(`${request.tool} ${request.action} changes state.\n${request.commandLine}${where}${previewDetail(request.preview)}`);
      return set;
    }
    const run = 'Run';
    await showPreviewDiff(request.preview);
    const answer = await vscode.window.showWarningMessage(
      `${request.tool} ${request.action} changes state.`,
      { modal: true, detail: `${request.commandLine}${where}${previewDetail(request.preview)}` },
      run,
    );
    return answer === run;
  }

  /** A change on a production target runs only once the target's name is typed in. */
  private async confirmProduction(request: ConfirmationRequest): Promise<boolean> {
    const target = request.target!;
    const name = target.name ?? target.label;
    const title = `${request.tool} ${request.action} changes PRODUCTION: ${name}`;
    const prompt = `${request.commandLine}\n\nTarget: ${target.label}. Type ${name} to run it; Escape does not run it.`;
    if (this.answers?.answer !== undefined) {
      this.answers.requests.push(`${title}\n${prompt}${previewDetail(request.preview)}`);
      return this.answers.answer && this.answers.typed === name;
    }
    await showPreviewDiff(request.preview);
    const typed = await vscode.window.showInputBox({
      title,
      prompt: `${prompt}${previewDetail(request.preview)}`,
      placeHolder: name,
      ignoreFocusOut: true,
      validateInput: (value) => (value === name ? undefined : `Type ${name} exactly to run this change.`),
    });
    return typed === name;
  }
}
