// The native tools, one line each.

import { ToolRegistry } from '../engine/registry';
import { kubectlTool } from './kubectl';
import { psqlTool, sqlTool } from './psql';

export function createRegistry(): ToolRegistry {
  return new ToolRegistry([kubectlTool, psqlTool, sqlTool]);
}
