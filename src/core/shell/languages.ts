// The cell languages that hold shell command lines. One list for the
// Markdown reader (fence info words), the engine, the planner and the
// thresholds reader: a language here runs as commands everywhere.

/** Fence words and VS Code language ids of shell cells (`''`: a fence with no language). */
export const SHELL_LANGUAGES: ReadonlySet<string> = new Set(['', 'shellscript', 'bash', 'sh', 'zsh', 'shell', 'console', 'shell-session', 'shellsession']);

export function isShellLanguage(language: string): boolean {
  return SHELL_LANGUAGES.has(language);
}
