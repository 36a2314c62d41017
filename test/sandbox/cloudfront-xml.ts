// Just enough XML for the CloudFront REST API: elements and text (attributes,
// processing instructions and comments are skipped), and back to text.

export interface XmlElement {
  name: string;
  children: XmlElement[];
  /** Text directly inside the element (trimmed when it has child elements). */
  text: string;
}

export class XmlError extends Error {}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, ent: string) => {
    if (ent.startsWith('#x')) return String.fromCodePoint(parseInt(ent.slice(2), 16));
    if (ent.startsWith('#')) return String.fromCodePoint(parseInt(ent.slice(1), 10));
    return ENTITIES[ent] ?? whole;
  });
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Parses a document and returns its root element. */
export function parseXml(source: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const tag = /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(source); m; m = tag.exec(source)) {
    const between = source.slice(last, m.index);
    if (between.trim() !== '') {
      if (!stack.length) throw new XmlError('text outside the root element');
      stack[stack.length - 1]!.text += decode(between);
    } else if (stack.length) {
      stack[stack.length - 1]!.text += between;
    }
    last = tag.lastIndex;
    if (m[1] !== undefined) {
      if (!stack.length) throw new XmlError('CDATA outside the root element');
      stack[stack.length - 1]!.text += m[1];
      continue;
    }
    const name = m[3];
    if (name === undefined) continue; // comment, declaration, doctype
    const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
    if (m[2] === '/') {
      const open = stack.pop();
      if (!open || open.name !== local) throw new XmlError(`unexpected </${name}>`);
      if (open.children.length) open.text = open.text.trim();
      if (!stack.length) root = open;
      continue;
    }
    if (root) throw new XmlError('more than one root element');
    const el: XmlElement = { name: local, children: [], text: '' };
    if (stack.length) stack[stack.length - 1]!.children.push(el);
    if (m[5] === '/') {
      if (!stack.length) root = el;
    } else {
      stack.push(el);
    }
  }
  if (source.slice(last).trim() !== '') throw new XmlError('text after the root element');
  if (stack.length) throw new XmlError(`<${stack[stack.length - 1]!.name}> is not closed`);
  if (!root) throw new XmlError('no root element');
  return root;
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

export function childText(el: XmlElement, name: string): string | undefined {
  return child(el, name)?.text;
}

/** An element with text or children, for building responses. */
export function el(name: string, content: string | number | boolean | XmlElement[] = ''): XmlElement {
  return Array.isArray(content) ? { name, children: content, text: '' } : { name, children: [], text: String(content) };
}

export function serializeXml(e: XmlElement, xmlns?: string): string {
  const attr = xmlns ? ` xmlns="${xmlns}"` : '';
  const inner = e.children.length ? e.children.map((c) => serializeXml(c)).join('') : escapeXml(e.text);
  return `<${e.name}${attr}>${inner}</${e.name}>`;
}
