// Classifies the program a command starts with: a native tool, a builtin,
// a pipe filter, `watch`, a local script, or something only a terminal runs.

import { FILTERS } from '../pipeline';
import { BUILTINS } from './builtins';
import type { ToolRegistry } from './registry';
import { toolPlan, type Tool, type ToolPlan } from './tool';

export type Program =
  | { kind: 'tool'; name: string; tool: Tool }
  | { kind: 'builtin'; name: string; tool: Tool }
  | { kind: 'filter'; name: string }
  | { kind: 'watch'; name: 'watch' }
  | { kind: 'terminal'; name: string; reason: string };

const builtins = new Map(BUILTINS.flatMap((tool) => tool.names.map((name) => [name, tool] as const)));

/** Programs that only make sense with a terminal attached. */
const INTERACTIVE = new Set(['ssh', 'vi', 'vim', 'nano', 'less', 'more', 'top', 'htop', 'tmux', 'screen', 'sudo', 'su', 'bash', 'sh', 'zsh']);

export function classifyProgram(program: string, registry: ToolRegistry): Program {
  const tool = registry.get(program);
  if (tool) return { kind: 'tool', name: program, tool };
  const builtin = builtins.get(program);
  if (builtin) return { kind: 'builtin', name: program, tool: builtin };
  if (program in FILTERS) return { kind: 'filter', name: program };
  if (program === 'watch') return { kind: 'watch', name: 'watch' };
  if (program.includes('/')) {
    // An installed copy of a CLI we run natively (`/opt/gitlab/embedded/bin/redis-cli`) is that CLI;
    // a relative path (`./kubectl`) may be the repository's own wrapper, so it stays a script.
    const installed = program.startsWith('/') ? registry.get(program.slice(program.lastIndexOf('/') + 1)) : undefined;
    if (installed) return { kind: 'tool', name: program.slice(program.lastIndexOf('/') + 1), tool: installed };
    return { kind: 'terminal', name: program, reason: `${program} is a local script; scripts are never run silently, so run it in a terminal` };
  }
  if (INTERACTIVE.has(program)) {
    return { kind: 'terminal', name: program, reason: `${program} needs an interactive terminal` };
  }
  const native = registry.names().filter((n) => n !== 'sql');
  return {
    kind: 'terminal',
    name: program,
    reason: `${program} has no native runner (native: ${native.join(', ') || 'none yet'}); run it in a terminal`,
  };
}

/** `watch [-n S] [-t] [-d] [--] CMD...`: the interval and where the command starts. */
export function parseWatch(argv: readonly string[]): { interval: number; titled: boolean; command: string[] } | { error: string } {
  let interval = 2;
  let titled = true;
  let i = 1;
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      i++;
      break;
    }
    const joined = /^(?:-n|--interval=?)(.*)$/.exec(arg);
    if (joined) {
      const value = joined[1] !== '' ? joined[1] : argv[++i];
      const seconds = Number(value);
      if (!value || !Number.isFinite(seconds)) return { error: `watch: failed to parse argument: '${value ?? ''}'` };
      interval = Math.max(0.1, seconds);
    } else if (arg === '-t' || arg === '--no-title') titled = false;
    else if (arg === '-d' || arg === '--differences' || arg === '-c' || arg === '--color') continue;
    else if (arg.startsWith('-')) return { error: `watch: invalid option -- '${arg.replace(/^-+/, '')}'` };
    else break;
  }
  const command = argv.slice(i);
  if (command.length === 0) return { error: 'Usage:\n watch [options] command' };
  return { interval, titled, command };
}

export const NOT_NATIVE: ToolPlan = toolPlan({ native: false, terminal: true, effect: 'change' });
