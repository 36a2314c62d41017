// Which program names run natively, and through which tool.

import type { Tool } from './tool';

export class ToolRegistry {
  private readonly byName = new Map<string, Tool>();

  constructor(tools: readonly Tool[] = []) {
    for (const tool of tools) this.add(tool);
  }

  add(tool: Tool): void {
    for (const name of tool.names) this.byName.set(name, tool);
  }

  get(program: string): Tool | undefined {
    return this.byName.get(program);
  }

  names(): string[] {
    return [...this.byName.keys()].sort();
  }
}
