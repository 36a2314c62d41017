// What a redis-cli command does to the data: the read-only table in
// commands.ts says which only read; FLUSHALL, FLUSHDB and a DEL or UNLINK of
// several keys destroy; every other command, known or not, changes state.

import type { Effect } from '../../engine/tool';
import { isReadOnly } from './commands';

export function commandEffect(command: readonly string[]): Effect {
  const name = (command[0] ?? '').toUpperCase();
  if (name === 'FLUSHALL' || name === 'FLUSHDB') return 'destructive';
  if ((name === 'DEL' || name === 'UNLINK') && command.length > 2) return 'destructive';
  return isReadOnly(command) ? 'read' : 'change';
}
