// Text from outside (commands, targets, names, notes) made safe to put in
// the Markdown a record writes: it shows as written and cannot open a link,
// an HTML tag, a table column or a new line.

export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/([\\`*_[\]<>|~&])/g, '\\$1').replace(/^([#+=-]|\d+[.)])/, '\\$1');
}

/** Inline code long enough to hold the backticks inside it. */
export function inlineCode(text: string): string {
  const value = oneLine(text);
  let longest = 0;
  for (const run of value.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const ticks = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') || value === '' ? ' ' : '';
  return `${ticks}${pad}${value}${pad}${ticks}`;
}

/** A table cell: pipes escaped, even inside code spans (GFM reads `\|` there as `|`). */
export function tableCell(markdown: string): string {
  return markdown.replace(/(?<!\\)\|/g, '\\|');
}

export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
