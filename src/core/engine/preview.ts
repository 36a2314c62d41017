// A command's preview, asked for before it is confirmed: never fails the
// command, and a preview that cannot be worked out says why.

import type { ParsedCommand, Preview, PreviewContext, ToolContext } from './tool';

export async function previewOf(command: ParsedCommand, ctx: PreviewContext): Promise<Preview | undefined> {
  if (!command.preview) return undefined;
  try {
    return await command.preview(ctx);
  } catch (error) {
    return { text: `no preview: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
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
