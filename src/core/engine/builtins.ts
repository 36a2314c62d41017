// The few shell builtins runbooks lean on, run in-process.

import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { toolPlan, type Tool, type ToolContext, type ToolPlan } from './tool';

const readOnly: ToolPlan = toolPlan({ native: true, terminal: false, effect: 'read' });

function builtin(names: string[], run: (argv: readonly string[], ctx: ToolContext) => Promise<number> | number, plan: ToolPlan = readOnly): Tool {
  return { names, parse: (argv) => ({ plan, run: async (ctx) => run(argv, ctx) }) };
}

const echo = builtin(['echo'], (argv, ctx) => {
  let args = argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args[0] && /^-[neE]+$/.test(args[0])) {
    if (args[0].includes('n')) newline = false;
    if (args[0].includes('e')) escapes = true;
    args = args.slice(1);
  }
  let text = args.join(' ');
  if (escapes) text = text.replace(/\\([ntr\\])/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\' })[c] ?? c);
  ctx.stdout.write(text + (newline ? '\n' : ''));
  return 0;
});

const exportBuiltin = builtin(['export'], (argv, ctx) => {
  for (const arg of argv.slice(1)) {
    const eq = arg.indexOf('=');
    if (eq > 0) ctx.session.set(arg.slice(0, eq), arg.slice(eq + 1), { export: true });
    else if (/^[A-Za-z_]\w*$/.test(arg)) ctx.session.set(arg, ctx.session.lookup(arg) ?? '', { export: true });
    else {
      ctx.stderr.write(`export: \`${arg}': not a valid identifier\n`);
      return 1;
    }
  }
  return 0;
});

const unset = builtin(['unset'], (argv, ctx) => {
  for (const name of argv.slice(1)) ctx.session.unset(name);
  return 0;
});

const cd = builtin(['cd'], (argv, ctx) => {
  const target = argv[1] ?? ctx.env.HOME ?? ctx.cwd;
  ctx.session.cwd = isAbsolute(target) ? target : resolve(ctx.session.cwd, target);
  return 0;
});

const pwd = builtin(['pwd'], (_argv, ctx) => {
  ctx.stdout.write(ctx.session.cwd + '\n');
  return 0;
});

const sleep = builtin(['sleep'], (argv, ctx) => {
  const seconds = parseDuration(argv[1] ?? '');
  if (seconds === undefined) {
    ctx.stderr.write(`sleep: invalid time interval '${argv[1] ?? ''}'\n`);
    return 1;
  }
  return new Promise<number>((done) => {
    const timer = setTimeout(() => done(0), seconds * 1000);
    ctx.signal.addEventListener('abort', () => {
      clearTimeout(timer);
      done(130);
    }, { once: true });
  });
});

const trueBuiltin = builtin(['true'], () => 0);
const falseBuiltin = builtin(['false'], () => 1);

const cat = builtin(['cat'], async (argv, ctx) => {
  const files = argv.slice(1).filter((a) => a !== '-');
  if (files.length === 0) {
    ctx.stdout.write(ctx.stdin ?? '');
    return 0;
  }
  for (const file of files) {
    try {
      ctx.stdout.write(await readFile(resolve(ctx.cwd, file), 'utf8'));
    } catch {
      ctx.stderr.write(`cat: ${file}: No such file or directory\n`);
      return 1;
    }
  }
  return 0;
});

/** `30`, `1.5`, `5s`, `2m`, `1h`. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(text);
  if (!match) return undefined;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2]] ?? 1;
  return Number(match[1]) * unit;
}

export const BUILTINS: readonly Tool[] = [echo, exportBuiltin, unset, cd, pwd, sleep, trueBuiltin, falseBuiltin, cat];
