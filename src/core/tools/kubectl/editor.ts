// Where `kubectl edit` text is edited: in VS Code (the tool context's
// editText), or, on the command line, the user's own $KUBE_EDITOR or $EDITOR
// on a temporary file, as kubectl does; the one program the tool starts. The
// variable is split into words and run directly, never through a shell.

import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EditRequest, ToolContext } from '../../engine/tool';
import { KubectlError } from './session';

export type EditText = (request: EditRequest) => Promise<string | undefined>;

export function editorFor(ctx: ToolContext): EditText {
  if (ctx.editText) return (request) => ctx.editText!(request);
  const command = ctx.env.KUBE_EDITOR?.trim() || ctx.env.EDITOR?.trim();
  if (!command) throw new KubectlError('error: neither KUBE_EDITOR nor EDITOR is set; set one, or edit in VS Code');
  const words = splitWords(command);
  return (request) => runEditor(words, request, ctx);
}

/** Words as a shell would split them (quotes and backslashes), with nothing expanded. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

function tempName(extension: string): string {
  return join(tmpdir(), `kubectl-edit-${randomInt(1e9, 1e10)}.${extension}`);
}

/** Keeps a copy of the user's edits (kubectl's "A copy of your changes has been stored to"). */
export function preserveCopy(text: string, language: string): string {
  const file = tempName(language === 'json' ? 'json' : 'yaml');
  writeFileSync(file, text, { mode: 0o600 });
  return file;
}

async function runEditor(words: string[], request: EditRequest, ctx: ToolContext): Promise<string | undefined> {
  const file = tempName(request.language === 'json' ? 'json' : 'yaml');
  writeFileSync(file, request.text, { mode: 0o600, flag: 'wx' });
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(words[0], [...words.slice(1), file], { stdio: 'inherit', env: ctx.env as NodeJS.ProcessEnv, cwd: ctx.cwd });
      const stop = () => child.kill('SIGTERM');
      ctx.signal.addEventListener('abort', stop, { once: true });
      child.on('error', (error) => reject(new KubectlError(`error: there was a problem with the editor "${words.join(' ')}": ${error.message}`)));
      child.on('exit', (status) => {
        ctx.signal.removeEventListener('abort', stop);
        resolve(status);
      });
    });
    if (ctx.signal.aborted) return undefined;
    if (code !== 0) throw new KubectlError(`error: there was a problem with the editor "${words.join(' ')}"`);
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(file, { force: true });
  }
}
