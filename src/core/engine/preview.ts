// A command's preview, asked for before it is confirmed: never fails the
// command, and a preview that cannot be worked out says why.

import type { ParsedCommand, Preview, PreviewContext } from './tool';

export async function previewOf(command: ParsedCommand, ctx: PreviewContext): Promise<Preview | undefined> {
  if (!command.preview) return undefined;
  try {
    return await command.preview(ctx);
  } catch (error) {
    return { text: `no preview: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
}
