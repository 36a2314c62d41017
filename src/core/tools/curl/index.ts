// curl as a native tool: the flags runbooks use, over node:http/node:https
// (nothing spawned), printing what curl 7.88 prints and exiting as it exits.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { toolPlan, unreadableLine, type Effect, type ParsedCommand, type Target, type Tool, type ToolContext } from '../../engine/tool';
import { CurlUsageError, parseCurlArgs, requestMethod, type CurlOptions } from './args';
import { CurlError, emptyInfo, parseUrl, transfer } from './transfer';
import { lineSecrets } from './secrets';
import { expandWriteOut, type TransferInfo } from './writeout';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** GET, HEAD and OPTIONS read; DELETE deletes what the URL names; any other method changes. */
function methodEffect(method: string): Effect {
  if (READ_METHODS.has(method)) return 'read';
  return method === 'DELETE' ? 'destructive' : 'change';
}

const notNative = (option: string): string => `curl ${option} does not run natively; run it in a terminal`;

function targetOf(url: string): Target | undefined {
  try {
    const u = parseUrl(url);
    return { kind: 'http', label: u.origin, details: { host: u.host, scheme: u.protocol.slice(0, -1) } };
  } catch {
    return undefined;
  }
}

/** The -w format: `@file` reads it from a file (`@-`: standard input). */
function writeOutFormat(o: CurlOptions, ctx: ToolContext): string | undefined {
  const w = o.writeOut;
  if (w === undefined || !w.startsWith('@')) return w;
  if (w === '@-') return ctx.stdin ?? '';
  try {
    return readFileSync(resolvePath(ctx.cwd, w.slice(1)), 'utf8');
  } catch {
    return '';
  }
}

async function runOne(o: CurlOptions, url: string, ctx: ToolContext): Promise<number> {
  const toFile = o.output !== undefined && o.output !== '-';
  const chunks: Buffer[] = [];
  const decoder = new TextDecoder('utf-8');
  const write = (chunk: Buffer) => {
    if (toFile) chunks.push(chunk);
    else ctx.stdout.write(decoder.decode(chunk, { stream: true }));
  };
  const target = targetOf(url);
  if (target) ctx.setTarget(target);
  let info: TransferInfo;
  let error: CurlError | undefined;
  try {
    info = await transfer(o, url, { env: ctx.env, cwd: ctx.cwd, signal: ctx.signal, write });
  } catch (e) {
    if (!(e instanceof CurlError)) throw e;
    if (e.exitCode === 130 || ctx.signal.aborted) return 130;
    error = e;
    info = e.info ?? emptyInfo(url, requestMethod(o));
  }
  if (!toFile) {
    const rest = decoder.decode();
    if (rest) ctx.stdout.write(rest);
  } else if (!error || chunks.length) {
    if (o.output !== '/dev/null') {
      try {
        writeFileSync(resolvePath(ctx.cwd, o.output!), Buffer.concat(chunks));
      } catch {
        error = new CurlError(23, `Failure writing output to destination`);
        info.exitCode = 23;
      }
    }
  }
  if (error && (!o.silent || o.showError)) ctx.stderr.write(`curl: (${error.exitCode}) ${error.message}\n${error.extra}`);
  if (error?.note) ctx.note(error.note);
  const format = writeOutFormat(o, ctx);
  if (format !== undefined) {
    const out = expandWriteOut(format, info);
    if (out.stdout) ctx.stdout.write(out.stdout);
    if (out.stderr) ctx.stderr.write(out.stderr);
  }
  ctx.emit({
    kind: 'http', status: info.httpCode, timeTotalSeconds: info.timeTotal, timeConnectSeconds: info.timeConnect,
    sizeDownload: info.sizeDownload, url: info.urlEffective, ...(error ? { exitCode: error.exitCode, error: error.message } : {}),
  });
  return error?.exitCode ?? 0;
}

export const curlTool: Tool = {
  names: ['curl'],
  parse: parseCurlLine,
};

/** A curl line read once: its options, its URLs and its method. */
function parseCurlLine(argv: readonly string[]): ParsedCommand {
  let o: CurlOptions;
  try {
    o = parseCurlArgs(argv);
  } catch (error) {
    return unreadableLine((error as Error).message.split('\n')[0], (ctx) => {
      if (!(error instanceof CurlUsageError)) throw error;
      ctx.stderr.write(`${error.message}\n`);
      return error.exitCode;
    });
  }
  const method = requestMethod(o).toUpperCase();
  const unsupported = o.unsupported;
  if (unsupported) {
    // A real curl option we do not run natively: the line goes to a terminal.
    return {
      plan: toolPlan({ native: false, terminal: true, effect: methodEffect(method), reason: notNative(unsupported) }),
      secrets: lineSecrets(o),
      async run(ctx) {
        ctx.stderr.write(`curl: not run: ${notNative(unsupported)}\n`);
        return 127;
      },
    };
  }
  return {
    plan: toolPlan({ native: true, terminal: false, effect: methodEffect(method), streams: false, action: `${method} ${o.urls.join(' ')}` }),
    secrets: lineSecrets(o),
    target: async () => (o.urls[0] === undefined ? undefined : targetOf(o.urls[0])),
    async run(ctx) {
      if (!o.silent && !(ctx.isTTY && (o.output === undefined || o.output === '-'))) {
        ctx.note('curl would print its progress meter on stderr here; the native curl leaves it out.');
      }
      let code = 0;
      for (const url of o.urls) {
        code = await runOne(o, url, ctx);
        if (code === 130) return code;
      }
      return code;
    },
  };
}
