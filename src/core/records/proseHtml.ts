// A record's Markdown as HTML, the way the export shows it: GitHub's
// flavour (tables, task lists, strikethrough, autolinks), with raw HTML in
// the text escaped and links to dangerous protocols dropped.

import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';

export function proseHtml(markdown: string): string {
  return micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: false, allowDangerousProtocol: false });
}

/** One line of Markdown (a run's summary) as inline HTML, without its paragraph. */
export function inlineHtml(markdown: string): string {
  return proseHtml(markdown).trim().replace(/^<p>([\s\S]*)<\/p>$/, '$1');
}
