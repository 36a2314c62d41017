/** kubectl's guard against terminal escape sequences in printed values: ESC shown as `^[`, CR as `\r`. */
export function escapeTerminal(text: string): string {
  return text.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}
