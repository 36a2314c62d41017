// A curl command line through the engine, with the structured results it emitted.
import type { ToolData } from '../../../../src/core/results/toolData';
import { runNative, type Captured } from '../../../support/engine';

export interface CurlNativeRun extends Captured {
  emitted: ToolData[];
}

export async function runCurlNative(commandLine: string, env: Record<string, string | undefined>, opts: { signal?: AbortSignal; isTTY?: boolean } = {}): Promise<CurlNativeRun> {
  const r = await runNative(commandLine, { env, signal: opts.signal, isTTY: opts.isTTY });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, emitted: r.run.commands.flatMap((c) => c.data ?? []) };
}
