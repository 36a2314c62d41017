// A stand-in tool written as two functions of its arguments, the way tests
// describe one: what a line would do, and what running it prints and returns.

import type { Tool, ToolContext, ToolPlan } from '../../src/core/engine';

export interface ArgvTool {
  names: string[];
  plan(argv: readonly string[]): ToolPlan;
  run(argv: readonly string[], ctx: ToolContext): Promise<number>;
}

export function argvTool(tool: ArgvTool): Tool {
  return { names: tool.names, parse: (argv) => ({ plan: tool.plan(argv), run: (ctx) => tool.run(argv, ctx) }) };
}
