// Runs one pipeline of already-expanded stages: a producer (tool or builtin)
// whose output streams through pipe filters, or into the next tool's stdin.

import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { FILTERS, FilterUsageError, type TextFilter } from '../pipeline';
import type { Redirect } from '../shell';
import type { Program } from './program';
import type { OutputSink, ParsedCommand, ToolContext } from './tool';

export interface Stage {
  argv: string[];
  program: Program;
  redirects: Redirect[];
  /** Expanded targets of the redirects, in the same order. */
  redirectTargets: (string | undefined)[];
  /** `VAR=x cmd` prefixes. */
  env: Record<string, string>;
  /** A tool's or builtin's command as it read the arguments (set when the pipeline is planned). */
  command?: ParsedCommand;
}

export interface PipelineIO {
  stdout: OutputSink;
  stderr: OutputSink;
  /** Context shared by every stage; stdin/stdout/env/signal are set per stage. */
  base: Omit<ToolContext, 'stdout' | 'stderr' | 'stdin' | 'signal' | 'env'>;
  signal: AbortSignal;
  env(extra: Record<string, string>): Record<string, string | undefined>;
}

/** Exit code of the last stage, as a shell without `pipefail` reports it. */
export async function runStages(stages: Stage[], io: PipelineIO): Promise<number> {
  let input: string | undefined;
  let exitCode = 0;
  let i = 0;
  while (i < stages.length) {
    const producer = stages[i];
    let j = i + 1;
    while (j < stages.length && stages[j].program.kind === 'filter') j++;
    const filterStages = stages.slice(i + 1, j);
    const last = j === stages.length;
    let buffered = '';
    const finalSink: OutputSink = last ? io.stdout : { write: (t) => (buffered += t) };

    const filters: TextFilter[] = [];
    for (const stage of filterStages) {
      try {
        filters.push(FILTERS[stage.program.name](stage.argv.slice(1)));
      } catch (error) {
        if (error instanceof FilterUsageError) {
          io.stderr.write(error.message.endsWith('\n') ? error.message : error.message + '\n');
          return error.exitCode;
        }
        throw error;
      }
    }

    // A producer piped into filters stops early when one has had enough (`| head -1`): it gets a signal of its own.
    const producerAbort = filters.length ? new AbortController() : undefined;
    const onAbort = () => producerAbort?.abort(io.signal.reason);
    if (producerAbort) io.signal.addEventListener('abort', onAbort, { once: true });
    // Redirects are the exception: without them the producer writes straight to the sink, with no file to open.
    const redirected = producer.redirects.length > 0;
    const sink = redirected ? await stageSink(producer, finalSink, io) : finalSink;
    const chain = filters.length ? new FilterChain(filters, sink, () => producerAbort?.abort('pipe closed')) : undefined;
    try {
      const stdin = redirected ? ((await stageInput(producer, io)) ?? input) : input;
      exitCode = await runProducer(producer, { stdin, stdout: chain ?? sink, signal: producerAbort?.signal ?? io.signal, io });
      if (chain) {
        exitCode = await chain.end();
        // What a filter would print on stderr (grep's warnings, awk's errors, jq's messages).
        for (const filter of filters) if (filter.stderr) io.stderr.write(filter.stderr);
      }
    } finally {
      if (producerAbort) io.signal.removeEventListener('abort', onAbort);
    }
    input = buffered;
    i = j;
  }
  return exitCode;
}

function runProducer(
  stage: Stage,
  args: { stdin: string | undefined; stdout: OutputSink; signal: AbortSignal; io: PipelineIO },
): Promise<number> {
  const { command } = stage;
  if (!command) {
    args.io.stderr.write(`${stage.argv[0]}: cannot start a pipeline here\n`);
    return Promise.resolve(2);
  }
  const stderr = stderrSink(stage, args.io, args.stdout);
  // Field by field rather than a spread of `base`: the one object a tool gets, built the same way every time.
  const { base } = args.io;
  return command.run({
    isTTY: base.isTTY,
    cwd: base.cwd,
    session: base.session,
    emit: base.emit,
    note: base.note,
    setTarget: base.setTarget,
    editText: base.editText,
    stdout: args.stdout,
    stderr,
    stdin: args.stdin,
    signal: args.signal,
    env: args.io.env(stage.env),
  });
}

function stderrSink(stage: Stage, io: PipelineIO, stdout: OutputSink): OutputSink {
  for (let k = 0; k < stage.redirects.length; k++) {
    const op = stage.redirects[k].op;
    if (op === '2>&1' || op === '&>') return stdout;
    if ((op === '2>' || op === '2>>') && stage.redirectTargets[k] === '/dev/null') return { write: () => undefined };
  }
  return io.stderr;
}

/** A stage's standard input from its own redirects (a here-document, `<<<`, `< file`), if it has one. */
export function redirectedInput(stage: Stage, cwd: string): Promise<string | undefined> {
  return stageInput(stage, { base: { cwd } } as PipelineIO);
}

async function stageInput(stage: Stage, io: PipelineIO): Promise<string | undefined> {
  for (let k = 0; k < stage.redirects.length; k++) {
    const redirect = stage.redirects[k];
    if (redirect.op === '<<' || redirect.op === '<<-') return redirect.heredoc ?? '';
    if (redirect.op === '<<<') return (stage.redirectTargets[k] ?? '') + '\n';
    if (redirect.op === '<') return readFile(resolve(io.base.cwd, stage.redirectTargets[k] ?? ''), 'utf8');
  }
  return undefined;
}

/** Where a stage's stdout goes: the next stage, or a file named by `>`/`>>`. */
async function stageSink(stage: Stage, next: OutputSink, io: PipelineIO): Promise<OutputSink> {
  for (let k = 0; k < stage.redirects.length; k++) {
    const { op } = stage.redirects[k];
    const target = stage.redirectTargets[k];
    if ((op === '>' || op === '>>' || op === '&>') && target) {
      if (target === '/dev/null') return { write: () => undefined };
      const path = resolve(io.base.cwd, target);
      if (op !== '>>') await writeFile(path, '');
      let pending = Promise.resolve();
      return { write: (text) => (pending = pending.then(() => appendFile(path, text))) };
    }
  }
  return next;
}

/** Pushes text through filters in order; tells the producer to stop when one has had enough. */
class FilterChain implements OutputSink {
  private stopped = false;

  constructor(
    private readonly filters: TextFilter[],
    private readonly sink: OutputSink,
    private readonly stopProducer: () => void,
  ) {}

  write(text: string): void {
    if (this.stopped) return;
    let chunk = text;
    for (const filter of this.filters) {
      chunk = filter.write(chunk);
      if (filter.done) {
        this.stopped = true;
        this.stopProducer();
      }
      if (chunk === '') break;
    }
    if (chunk) this.sink.write(chunk);
  }

  /** Ends each filter in order; what one emits at its end still flows through the filters after it. */
  async end(): Promise<number> {
    for (let k = 0; k < this.filters.length; k++) {
      let out = await this.filters[k].end();
      for (let m = k + 1; m < this.filters.length && out; m++) out = this.filters[m].write(out);
      if (out) this.sink.write(out);
    }
    return this.filters.length ? this.filters[this.filters.length - 1].exitCode : 0;
  }
}
