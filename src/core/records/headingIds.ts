// Ids on the runbook's headings, made from their text as GitHub makes them,
// so a runbook's own contents links (`[Cache](#cache-scaling)`) work in the
// exported page as they do on GitHub.

import { escapeHtml } from './html';

/** Rendered HTML with an id on each heading: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
export function withHeadingIds(html: string): string {
  const seen = new Map<string, number>();
  return html.replace(/<h([1-6])>([\s\S]*?)<\/h\1>/g, (_, level: string, inner: string) => {
    const base = headingSlug(textOf(inner));
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return `<h${level} id="${escapeHtml(count ? `${base}-${count}` : base)}">${inner}</h${level}>`;
  });
}

export function headingSlug(text: string): string {
  return text.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

function textOf(html: string): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };
  return html.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot|#\d+|#x[0-9a-f]+);/gi, (_, name: string) =>
    name[0] === '#' ? String.fromCodePoint(name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1))) : entities[name.toLowerCase()]);
}
