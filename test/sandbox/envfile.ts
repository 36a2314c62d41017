// The sandbox's env file: POSIX shell syntax, one `export NAME='value'` a
// line, so `. .sandbox/env` works in sh/bash/zsh and any tool can parse it.
import { readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export const ENV_FILE_HEADER = `# Runbook Notebooks sandbox: connection settings for the services it runs.
# Load into a shell with:  . .sandbox/env
# Format: one "export NAME='value'" per line (single quotes; a quote inside a
# value is written '\\''). Lines starting with # are comments.
#
# RUNBOOK_HOSTS maps the host names a runbook uses to where the sandbox
# serves them: comma-separated entries "name:port=address:port", e.g.
#   api.tiktok-toe.com:443=127.0.0.1:24567,redis-cluster:6379=127.0.0.1:21234
# For the real curl, SANDBOX_CURL_CONNECT_TO is the same mapping as a
# --connect-to value:  curl --connect-to "$SANDBOX_CURL_CONNECT_TO" https://api.tiktok-toe.com/health
# (CURL_CA_BUNDLE makes curl trust the sandbox's certificate authority).
`;

function quote(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}

export function formatEnvFile(env: Record<string, string>, header = ENV_FILE_HEADER): string {
  const lines = Object.entries(env).map(([k, v]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new Error(`not an environment variable name: ${k}`);
    return `export ${k}=${quote(v)}`;
  });
  return `${header}\n${lines.join('\n')}\n`;
}

/** Reads what formatEnvFile wrote (and plain NAME=value lines). */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) continue;
    let value = '';
    const rest = m[2]!;
    // Concatenated '...' segments and \' escapes, as formatEnvFile writes them.
    const part = /'([^']*)'|\\(.)|([^'\\]+)/g;
    for (let p = part.exec(rest); p; p = part.exec(rest)) value += p[1] ?? p[2] ?? p[3] ?? '';
    env[m[1]!] = value;
  }
  return env;
}

export function readEnvFile(path: string): Record<string, string> {
  return parseEnvFile(readFileSync(path, 'utf8'));
}

/** Writes atomically (temp file + rename), so a reader never sees half a file. */
export function writeEnvFile(path: string, env: Record<string, string>): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, formatEnvFile(env), { mode: 0o600 });
  renameSync(tmp, path);
}
