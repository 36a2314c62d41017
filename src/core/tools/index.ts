// The native tools, one line each.

import { ToolRegistry } from '../engine/registry';
import { kubectlTool } from './kubectl';

export function createRegistry(): ToolRegistry {
  return new ToolRegistry([kubectlTool]);
}
