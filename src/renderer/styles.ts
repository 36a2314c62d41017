// The renderer's styles: VS Code's theme variables only, so light, dark and
// high-contrast themes all apply; high contrast swaps tints for borders.

export const RESULT_STYLES = `
.runbook-result .runbook-text {
  margin: 0;
  font-family: var(--vscode-editor-font-family, monospace);
  font-size: var(--vscode-editor-font-size, 13px);
  color: var(--vscode-editor-foreground);
  white-space: pre;
  overflow-x: auto;
}
.runbook-result .runbook-row {
  display: inline-block;
  min-width: 100%;
  box-sizing: border-box;
}
.runbook-result .runbook-row-warning {
  background: var(--vscode-inputValidation-warningBackground, rgba(204, 167, 0, 0.2));
  box-shadow: inset 3px 0 0 var(--vscode-editorWarning-foreground, #cca700);
}
.runbook-result .runbook-row-critical {
  background: var(--vscode-inputValidation-errorBackground, rgba(241, 76, 76, 0.2));
  box-shadow: inset 3px 0 0 var(--vscode-editorError-foreground, #f14c4c);
}
.runbook-result .runbook-message {
  margin: 0 0 4px;
  color: var(--vscode-descriptionForeground);
}
.runbook-result .runbook-verdicts {
  list-style: none;
  margin: 6px 0 0;
  padding: 4px 0 0;
  border-top: 1px solid var(--vscode-editorWidget-border, var(--vscode-panel-border, transparent));
  font-family: var(--vscode-font-family, sans-serif);
}
.runbook-result .runbook-verdict {
  padding: 1px 0 1px 8px;
  border-left: 3px solid transparent;
}
.runbook-result .runbook-verdict-level {
  font-weight: 600;
  margin-right: 6px;
  text-transform: uppercase;
  font-size: 0.85em;
}
.runbook-result .runbook-verdict-ok { border-left-color: var(--vscode-testing-iconPassed, #73c991); }
.runbook-result .runbook-verdict-ok .runbook-verdict-level { color: var(--vscode-testing-iconPassed, #73c991); }
.runbook-result .runbook-verdict-warning { border-left-color: var(--vscode-editorWarning-foreground, #cca700); }
.runbook-result .runbook-verdict-warning .runbook-verdict-level { color: var(--vscode-editorWarning-foreground, #cca700); }
.runbook-result .runbook-verdict-critical { border-left-color: var(--vscode-editorError-foreground, #f14c4c); }
.runbook-result .runbook-verdict-critical .runbook-verdict-level { color: var(--vscode-editorError-foreground, #f14c4c); }
.runbook-result .runbook-verdict-not-measured { color: var(--vscode-descriptionForeground); }
body.vscode-high-contrast .runbook-result .runbook-row-warning,
body.vscode-high-contrast-light .runbook-result .runbook-row-warning {
  background: transparent;
  box-shadow: none;
  outline: 1px dashed var(--vscode-contrastBorder, var(--vscode-editorWarning-foreground));
  outline-offset: -1px;
}
body.vscode-high-contrast .runbook-result .runbook-row-critical,
body.vscode-high-contrast-light .runbook-result .runbook-row-critical {
  background: transparent;
  box-shadow: none;
  outline: 2px solid var(--vscode-contrastActiveBorder, var(--vscode-contrastBorder, var(--vscode-editorError-foreground)));
  outline-offset: -2px;
}
body.vscode-high-contrast .runbook-result .runbook-verdict,
body.vscode-high-contrast-light .runbook-result .runbook-verdict {
  border-left-width: 4px;
}
`;
