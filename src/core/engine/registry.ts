// Which program names run natively, and through which tool.

import type { Tool } from './tool';

export class ToolRegistry {
  private readonly byName = new Map<string, Tool>();

  constructor(tools: readonly Tool[] = []) {
    for (const tool of tools) this.add(tool);
  }

  /** Changes whenever a tool is added: a program classified before may now be native. */
  get version(): number {
    return this.added;
  }

  private added = 0;

  add(tool: Tool): void {
    this.added++;
    for (const name of tool.names) this.byName.set(name, tool);
  }

  get(program: string): Tool | undefined {
    return this.byName.get(program);
  }

  names(): string[] {
    return [...this.byName.keys()].sort();
  }
}
