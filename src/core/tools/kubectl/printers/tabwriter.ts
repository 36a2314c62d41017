// kubectl's two column layouts, both Go's tabwriter padding with spaces.

import { TabWriter } from '../../../text';

/**
 * printers.GetNewTabWriter (get, top, events, api-resources, config
 * get-contexts, custom columns): minimum width 6, padding 3, and widths
 * remembered, so the rows of `get -w` stay aligned with those above them.
 */
export function tableWriter(): TabWriter {
  return new TabWriter({ minWidth: 6, padding: 3, rememberWidths: true });
}

/** tabbedString, the layout of describe and rollout history: minimum width 0, padding 2. */
export function alignTabbed(text: string): string {
  return new TabWriter({ minWidth: 0, padding: 2, rememberWidths: false }).formatText(text);
}
