// A redis-cli command line through the engine, with its notes and structured results.
import type { CellRun, Session } from '../../../../src/core/engine';
import type { ToolData } from '../../../../src/core/results/toolData';
import { runNative } from '../../../support/engine';

export interface RedisNativeRun {
  stdout: string;
  stderr: string;
  exitCode: number;
  run: CellRun;
  notes: string[];
  data: ToolData[];
}

export async function runRedisNative(commandLine: string, opts: { env: Record<string, string | undefined>; isTTY?: boolean; session?: Session; confirm?: boolean }): Promise<RedisNativeRun> {
  const r = await runNative(commandLine, { env: opts.env, isTTY: opts.isTTY, session: opts.session, confirm: opts.confirm });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, run: r.run, notes: r.run.commands.flatMap((c) => c.notes ?? []), data: r.run.commands.flatMap((c) => c.data ?? []) };
}
