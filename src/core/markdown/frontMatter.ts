// YAML front matter: a `---` line at the very top, closed by `---` or `...`.

import type { SourceLine } from './lines';

/** Line count of the front matter block (fences included), or 0 when there is none. */
export function frontMatterLineCount(lines: readonly SourceLine[]): number {
  if (lines.length < 2 || !/^---[ \t]*$/.test(lines[0].text)) return 0;
  for (let i = 1; i < lines.length; i++) {
    if (/^(---|\.\.\.)[ \t]*$/.test(lines[i].text)) return i + 1;
  }
  return 0;
}
