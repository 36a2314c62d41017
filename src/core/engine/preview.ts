// A command's preview, asked for before it is confirmed: never fails the
// command, and a preview that cannot be worked out says why.

import { limitTimer, timedOutReason } from './commandTimeout';
import type { ParsedCommand, Preview, PreviewContext, ToolContext } from './tool';

/**
 * The preview, or why there is none. `limitMs` (the command timeout) bounds it as it bounds the command: a server that
 * does not answer the dry run leaves the question without a preview, not the cell hanging. Stop ends it at once.
 */
export async function previewOf(command: ParsedCommand, ctx: PreviewContext, limitMs?: number): Promise<Preview | undefined> {
  if (!command.preview) return undefined;
  const limit = new AbortController();
  const timer = limitMs !== undefined && limitMs > 0 ? limitTimer(limit, limitMs, timedOutReason(limitMs)) : undefined;
  const stop = () => limit.abort('stopped');
  ctx.signal.addEventListener('abort', stop, { once: true });
  const ended = new Promise<never>((_resolve, reject) => limit.signal.addEventListener('abort', () => reject(new Error(String(limit.signal.reason))), { once: true }));
  try {
    return await Promise.race([command.preview({ ...ctx, signal: limit.signal }), ended]);
  } catch (error) {
    return { text: `no preview: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  } finally {
    timer?.stop();
    ctx.signal.removeEventListener('abort', stop);
  }
}

/** A tool context for running a command quietly inside a preview: what it prints is kept, nothing else goes anywhere. */
export function captureContext(ctx: PreviewContext): ToolContext & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    ...ctx,
    out,
    err,
    stdout: { write: (text) => void out.push(text) },
    stderr: { write: (text) => void err.push(text) },
    isTTY: false,
    emit: () => undefined,
    note: () => undefined,
    setTarget: () => undefined,
  };
}
