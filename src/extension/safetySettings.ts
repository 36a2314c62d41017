// The guard's settings, read so that a workspace can tighten them but never
// loosen them: production patterns are the user's (or the default) plus any
// the workspace and folder add, and read-only mode is on if any level turns
// it on. A runbook's front matter adds its own patterns (see the runner).

import * as vscode from 'vscode';
import { DEFAULT_PRODUCTION_TARGETS } from '../core/safety';

export interface SafetySettings {
  productionTargets: string[];
  readOnly: boolean;
}

export function safetySettings(uri: vscode.Uri | undefined): SafetySettings {
  const settings = vscode.workspace.getConfiguration('runbook', uri);
  const patterns = settings.inspect<string[]>('productionTargets');
  const productionTargets = [...(patterns?.globalValue ?? DEFAULT_PRODUCTION_TARGETS), ...(patterns?.workspaceValue ?? []), ...(patterns?.workspaceFolderValue ?? [])];
  const readOnly = settings.inspect<boolean>('readOnly');
  return {
    productionTargets: [...new Set(productionTargets)],
    readOnly: Boolean(readOnly?.globalValue || readOnly?.workspaceValue || readOnly?.workspaceFolderValue),
  };
}
