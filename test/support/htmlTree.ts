// A small reader of well-formed HTML (what micromark and the record export
// write) into elements, for tests that check where things sit: which list
// item an output is in, which attributes a tag has, what text is visible.

export interface HtmlElement {
  tag: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
  parent?: HtmlElement;
}

export type HtmlNode = HtmlElement | { text: string } | { comment: string };

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const RAW_TEXT = new Set(['style', 'script', 'textarea', 'title']);

export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { tag: '#root', attrs: {}, children: [] };
  let open = root;
  const token = /<!--([\s\S]*?)-->|<!DOCTYPE[^>]*>|<\/([a-zA-Z][\w-]*)\s*>|<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>|([^<]+|<)/g;
  for (let m = token.exec(html); m; m = token.exec(html)) {
    if (m[1] !== undefined) open.children.push({ comment: m[1] });
    else if (m[2]) {
      const tag = m[2].toLowerCase();
      let at: HtmlElement | undefined = open;
      while (at && at.tag !== tag) at = at.parent;
      if (!at) throw new Error(`</${tag}> closes nothing at ${m.index}`);
      open = at.parent ?? root;
    } else if (m[3]) {
      const element: HtmlElement = { tag: m[3].toLowerCase(), attrs: attributes(m[4]), children: [], parent: open };
      open.children.push(element);
      if (RAW_TEXT.has(element.tag)) {
        const end = html.toLowerCase().indexOf(`</${element.tag}`, token.lastIndex);
        element.children.push({ text: html.slice(token.lastIndex, end) });
        token.lastIndex = html.indexOf('>', end) + 1;
      } else if (!VOID.has(element.tag)) open = element;
    } else if (m[5] !== undefined) {
      // As browsers do, a line break right after <pre> is not part of its text.
      const text = decodeEntities(m[5]);
      open.children.push({ text: open.children.length === 0 && open.tag === 'pre' ? text.replace(/^\n/, '') : text });
    }
  }
  return root;
}

function attributes(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(/([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) out[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  return out;
}

export function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return named[name] ?? whole;
  });
}

export function elements(node: HtmlElement, match: (e: HtmlElement) => boolean = () => true): HtmlElement[] {
  const out: HtmlElement[] = [];
  for (const child of node.children) {
    if (!('tag' in child)) continue;
    if (match(child)) out.push(child);
    out.push(...elements(child, match));
  }
  return out;
}

/** The text a reader sees: every text node, no comments. */
export function visibleText(node: HtmlElement): string {
  return node.children.map((c) => ('text' in c ? c.text : 'tag' in c ? visibleText(c) : '')).join('');
}

export function comments(node: HtmlElement): string[] {
  return node.children.flatMap((c) => ('comment' in c ? [c.comment] : 'tag' in c ? comments(c) : []));
}

/** The nearest enclosing element with this tag. */
export function closest(node: HtmlElement, tag: string): HtmlElement | undefined {
  for (let at = node.parent; at; at = at.parent) if (at.tag === tag) return at;
  return undefined;
}

export function hasClass(node: HtmlElement, name: string): boolean {
  return (node.attrs.class ?? '').split(/\s+/).includes(name);
}
