// Styles for the ▶ after an inline command and the output shown below its
// paragraph; VS Code's theme variables only.

export const INLINE_STYLES = `
.runbook-inline-run {
  margin: 0 0 0 3px;
  padding: 0 4px;
  border: none;
  border-radius: 3px;
  font-size: 0.8em;
  line-height: 1.4;
  vertical-align: baseline;
  cursor: pointer;
  color: var(--vscode-button-foreground);
  background: var(--vscode-button-background);
}
.runbook-inline-run:hover { background: var(--vscode-button-hoverBackground); }
.runbook-inline-output {
  margin: 4px 0 8px;
  padding: 4px 8px;
  border-left: 3px solid var(--vscode-textBlockQuote-border, #888);
  background: var(--vscode-textCodeBlock-background);
}
.runbook-inline-output.runbook-level-warning { border-left-color: var(--vscode-editorWarning-foreground, #cca700); }
.runbook-inline-output.runbook-level-critical, .runbook-inline-output.runbook-failed { border-left-color: var(--vscode-editorError-foreground, #f14c4c); }
.runbook-inline-output .runbook-inline-summary { margin: 0 0 2px; color: var(--vscode-descriptionForeground); font-size: 0.9em; }
.runbook-inline-output pre {
  margin: 0;
  font-family: var(--vscode-editor-font-family, monospace);
  font-size: var(--vscode-editor-font-size, 13px);
  white-space: pre;
  overflow-x: auto;
}
`;
