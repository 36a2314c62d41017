// The native tools, one line each.

import { ToolRegistry } from '../engine/registry';
import { awsTool } from './aws';
import { curlTool } from './curl';
import { kubectlTool } from './kubectl';
import { psqlTool, sqlTool } from './psql';
import { redisTool } from './redis';

export function createRegistry(): ToolRegistry {
  return new ToolRegistry([kubectlTool, psqlTool, sqlTool, redisTool, curlTool, awsTool]);
}
