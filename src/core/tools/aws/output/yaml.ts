// --output yaml / yaml-stream, which only the aws CLI v2 has: a block-style
// document with mapping keys sorted, sequences not indented under their key,
// and strings quoted only where YAML would read them as something else
// (single quotes). yaml-stream writes each page as an item of a top-level
// sequence.

import { stringify, type DocumentOptions, type SchemaOptions, type ToStringOptions } from 'yaml';

const OPTIONS: DocumentOptions & SchemaOptions & ToStringOptions = {
  sortMapEntries: true,
  indentSeq: false,
  singleQuote: true,
  lineWidth: 80,
  minContentWidth: 0,
  nullStr: 'null',
  // Strings that read as timestamps are quoted, as the CLI's YAML writer does.
  customTags: ['timestamp'],
};

export function formatYaml(value: unknown): string {
  return stringify(value, OPTIONS);
}

export function formatYamlStream(pages: readonly unknown[]): string {
  return pages.map((page) => stringify([page], OPTIONS)).join('');
}
