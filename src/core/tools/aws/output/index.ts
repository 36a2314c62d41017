// The aws CLI's output stage: --query, then --output json|text|table|yaml|yaml-stream.

import type { AwsGlobals } from '../context';
import { formatJson } from './json';
import { PagedResponse } from './paged';
import { applyQuery } from './query';
import { formatTable } from './table';
import { formatText } from './text';
import { formatYaml, formatYamlStream } from './yaml';

export { PagedResponse } from './paged';
export { compileQuery, QueryError } from './query';

export interface FormatOptions {
  /** Title of the table format's outer box: the operation's name (`ListObjectsV2`). */
  title?: string;
  /** Columns the table may use before single-row sections turn vertical (the CLI: the terminal's, else 80). */
  terminalWidth?: number;
}

export function formatOutput(value: unknown, globals: Pick<AwsGlobals, 'output' | 'query'>, options: FormatOptions = {}): string {
  if (value instanceof PagedResponse && globals.output === 'text') {
    const out = value.textPages().map((page) => formatText(applyQuery(page, globals.query)));
    if (value.resumeToken !== undefined) {
      out.push(formatText(applyQuery({ NextToken: { NextToken: value.resumeToken } }, globals.query)));
    }
    return out.join('');
  }
  if (value instanceof PagedResponse && globals.output === 'yaml-stream') {
    return formatYamlStream(value.pages.map((page) => applyQuery(page, globals.query)));
  }
  const data = applyQuery(value instanceof PagedResponse ? value.fullResult() : value, globals.query);
  switch (globals.output) {
    case 'text':
      return formatText(data);
    case 'table':
      return formatTable(data, options.title ?? '', options.terminalWidth);
    case 'yaml':
      return formatYaml(data);
    case 'yaml-stream':
      return formatYamlStream([data]);
    default:
      return formatJson(data);
  }
}
