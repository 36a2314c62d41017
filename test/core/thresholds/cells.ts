// Test support: a runbook's text as the cells the thresholds reader sees.

import { parseRunbook } from '../../../src/core/markdown';
import type { ThresholdSourceCell } from '../../../src/core/thresholds';

export function cellsOf(markdown: string): ThresholdSourceCell[] {
  return parseRunbook(markdown).cells.map((c) => ({ kind: c.kind, language: c.language, text: c.value, frontMatter: c.origin?.fence?.role === 'frontmatter' }));
}

export const fence = (yaml: string) => '```yaml\n' + yaml + '\n```\n';
