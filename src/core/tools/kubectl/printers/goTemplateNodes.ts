// The parse tree of a Go text/template, and how each node prints itself
// (Go's parse.Node String()), which is what an execution error quotes.

export type Arg =
  | { kind: 'field'; pos: number; ident: string[] }
  | { kind: 'variable'; pos: number; ident: string[] }
  | { kind: 'chain'; pos: number; node: Arg; fields: string[] }
  | { kind: 'identifier'; pos: number; name: string }
  | { kind: 'dot'; pos: number }
  | { kind: 'nil'; pos: number }
  | { kind: 'bool'; pos: number; value: boolean }
  | { kind: 'number'; pos: number; text: string }
  | { kind: 'string'; pos: number; quoted: string; text: string }
  | PipeNode;

export interface Command {
  kind: 'command';
  pos: number;
  args: Arg[];
}

export interface PipeNode {
  kind: 'pipe';
  pos: number;
  decl: { pos: number; name: string }[];
  isAssign: boolean;
  cmds: Command[];
}

/** `{{if}}`, `{{with}}` or `{{range}}`, with its `{{else}}` part. */
export interface ControlNode {
  kind: 'if' | 'with' | 'range';
  pos: number;
  pipe: PipeNode;
  list: Node[];
  elseList?: Node[];
}

export type Node =
  | { kind: 'text'; pos: number; text: string }
  | { kind: 'action'; pos: number; pipe: PipeNode }
  | ControlNode
  | { kind: 'template'; pos: number; name: string; pipe?: PipeNode }
  | { kind: 'break' | 'continue'; pos: number };

/** Anything an execution error can point at. */
export type AnyNode = Node | Arg | Command;

export function nodeText(node: AnyNode): string {
  switch (node.kind) {
    case 'field':
      return node.ident.map((i) => `.${i}`).join('');
    case 'variable':
      return node.ident.join('.');
    case 'chain':
      return (node.node.kind === 'pipe' ? `(${nodeText(node.node)})` : nodeText(node.node)) + node.fields.map((f) => `.${f}`).join('');
    case 'identifier':
      return node.name;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(node.value);
    case 'number':
      return node.text;
    case 'string':
      return node.quoted;
    case 'pipe': {
      const decl = node.decl.length ? `${node.decl.map((d) => d.name).join(', ')} ${node.isAssign ? '=' : ':='} ` : '';
      return decl + node.cmds.map(nodeText).join(' | ');
    }
    case 'command':
      return node.args.map((a) => (a.kind === 'pipe' ? `(${nodeText(a)})` : nodeText(a))).join(' ');
    case 'text':
      return node.text;
    case 'action':
      return `{{${nodeText(node.pipe)}}}`;
    case 'if':
    case 'with':
    case 'range': {
      const elsePart = node.elseList ? `{{else}}${node.elseList.map(nodeText).join('')}` : '';
      return `{{${node.kind} ${nodeText(node.pipe)}}}${node.list.map(nodeText).join('')}${elsePart}{{end}}`;
    }
    case 'template':
      return `{{template "${node.name}"${node.pipe ? ` ${nodeText(node.pipe)}` : ''}}}`;
    case 'break':
    case 'continue':
      return `{{${node.kind}}}`;
  }
}

/** `LINE:COLUMN` of a node, as Go reports it: the column counts bytes from the start of the line, from 0. */
export function nodeLocation(source: string, node: AnyNode): string {
  const before = source.slice(0, node.pos);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  return `${line}:${new TextEncoder().encode(before.slice(lineStart)).length}`;
}
