// `aws s3 cp|mv|rm|sync`: the files to act on (listing, filters, sync's
// comparison), then the transfers, up to ten at a time, each reported as
// aws-cli reports it (`upload: ./x to s3://b/x`, `(dryrun) delete: ...`,
// `delete failed: ... An error occurred ...`). aws-cli also draws a progress
// line ("Completed ... remaining"); a cell shows none.

import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync, unlinkSync, utimesSync } from 'node:fs';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AwsUsageError, parseFlags, usageError, type FlagKind } from '../args';
import type { AwsCommandContext } from '../context';
import { describeAwsError, statusOf } from './errors';
import { createFilter, type FilterRule, type PathFilter } from './filters';
import { generateFiles, ListingError, type FileEntry } from './listing';
import { guessContentType } from './mime';
import { absolutePath, displayLocal, formatPaths, isS3, splitBucketKey, type FormattedPaths } from './paths';

export type TransferCommand = 'cp' | 'mv' | 'rm' | 'sync';

export const TRANSFER_FLAGS: Readonly<Record<string, FlagKind>> = {
  '--recursive': 'switch', '--dryrun': 'switch', '--quiet': 'switch', '--only-show-errors': 'switch', '--no-progress': 'switch',
  '--exclude': 'list', '--include': 'list', '--delete': 'switch', '--size-only': 'switch', '--exact-timestamps': 'switch',
  '--follow-symlinks': 'switch', '--no-follow-symlinks': 'switch', '--page-size': 'value', '--content-type': 'value',
  '--cache-control': 'value', '--content-disposition': 'value', '--content-encoding': 'value', '--content-language': 'value',
  '--storage-class': 'value', '--acl': 'value', '--sse': 'value', '--metadata-directive': 'value', '--expires': 'value',
  '--no-guess-mime-type': 'switch', '--request-payer': 'value', '--case-conflict': 'value',
};

/** Which flags each command takes (aws-cli rejects the others as unknown options). */
const ONLY: Record<string, TransferCommand[]> = {
  '--delete': ['sync'], '--size-only': ['sync'], '--exact-timestamps': ['sync'],
};

export interface TransferOptions {
  command: TransferCommand;
  paths: string[];
  recursive: boolean;
  dryrun: boolean;
  quiet: boolean;
  onlyShowErrors: boolean;
  delete: boolean;
  sizeOnly: boolean;
  exactTimestamps: boolean;
  rules: FilterRule[];
  contentType?: string;
  cacheControl?: string;
  storageClass?: string;
  acl?: string;
  guessMimeType: boolean;
}

/** The command's flags; throws AwsUsageError as aws-cli would for a bad line. */
export function parseTransfer(command: TransferCommand, words: readonly string[]): TransferOptions {
  const f = parseFlags(words, TRANSFER_FLAGS);
  const unknown = [...f.unknown, ...f.ordered.filter((o) => ONLY[o.name] && !ONLY[o.name]!.includes(command)).map((o) => o.name)];
  if (command === 'sync' && f.switches.has('--recursive')) unknown.push('--recursive');
  const wanted = command === 'rm' ? 1 : 2;
  if (f.positionals.length < wanted) throw usageError('the following arguments are required: paths');
  unknown.push(...f.positionals.slice(wanted));
  if (unknown.length) throw new AwsUsageError(`\nUnknown options: ${unknown.join(', ')}\n`, 255);
  return {
    command,
    paths: f.positionals.slice(0, wanted),
    recursive: command === 'sync' || f.switches.has('--recursive'),
    dryrun: f.switches.has('--dryrun'),
    quiet: f.switches.has('--quiet'),
    onlyShowErrors: f.switches.has('--only-show-errors'),
    delete: f.switches.has('--delete'),
    sizeOnly: f.switches.has('--size-only'),
    exactTimestamps: f.switches.has('--exact-timestamps'),
    rules: f.ordered.filter((o) => o.name === '--exclude' || o.name === '--include').map((o) => ({ type: o.name === '--exclude' ? 'exclude' : 'include', pattern: o.value! })),
    contentType: f.values.get('--content-type'),
    cacheControl: f.values.get('--cache-control'),
    storageClass: f.values.get('--storage-class'),
    acl: f.values.get('--acl'),
    guessMimeType: !f.switches.has('--no-guess-mime-type'),
  };
}

/** The confirmation text for a mutating transfer: `rm s3://bucket/key`, `sync ./site s3://web/`. */
export function transferAction(o: TransferOptions): string {
  return [o.command, ...(o.recursive && o.command !== 'sync' ? ['--recursive'] : []), ...o.paths].join(' ');
}

type Operation = 'upload' | 'download' | 'copy' | 'delete';

interface Task {
  entry: FileEntry;
  operation: Operation;
  /** `move` for mv, else the operation's own name. */
  label: string;
  /** mv: remove the source after the transfer. */
  removeSource: boolean;
}

interface Outcome {
  ok: boolean;
  warning?: boolean;
  bytes: number;
}

class Printer {
  failures = 0;
  warnings = 0;
  done = 0;
  bytes = 0;
  constructor(private readonly ctx: AwsCommandContext, private readonly o: TransferOptions) {}

  location(task: Task): string {
    const cwd = this.ctx.tool.cwd;
    const show = (path: string, type: 'local' | 's3') => (type === 's3' ? `s3://${path}` : path === '-' ? '-' : displayLocal(path, cwd));
    const src = show(task.entry.src, task.entry.srcType);
    return task.operation === 'delete' ? src : `${src} to ${show(task.entry.dest, task.entry.destType)}`;
  }

  success(task: Task): void {
    if (this.o.quiet || this.o.onlyShowErrors) return;
    this.ctx.tool.stdout.write(`${this.o.dryrun ? '(dryrun) ' : ''}${task.label}: ${this.location(task)}\n`);
  }

  failure(task: Task, message: string): void {
    this.failures++;
    if (!this.o.quiet) this.ctx.tool.stderr.write(`${task.label} failed: ${this.location(task)} ${message}\n`);
  }

  warning(message: string): void {
    this.warnings++;
    if (!this.o.quiet) this.ctx.tool.stderr.write(`${message}\n`);
  }

  fatal(message: string): void {
    this.failures++;
    if (!this.o.quiet) this.ctx.tool.stderr.write(`fatal error: ${message}\n`);
  }
}

function operationFor(files: FormattedPaths): Operation {
  if (files.src.type === 'local') return 'upload';
  if (files.dest.type === 'local') return 'download';
  return 'copy';
}

function pythonErrno(error: NodeJS.ErrnoException, path: string): string {
  const names: Record<string, [number, string]> = {
    EISDIR: [21, 'Is a directory'], ENOENT: [2, 'No such file or directory'], EACCES: [13, 'Permission denied'], ENOTDIR: [20, 'Not a directory'],
  };
  const known = error.code ? names[error.code] : undefined;
  return known ? `[Errno ${known[0]}] ${known[1]}: '${path}'` : error.message;
}

async function perform(ctx: AwsCommandContext, o: TransferOptions, task: Task): Promise<void> {
  const sdk = ctx.s3Sdk();
  const client = await ctx.s3();
  const signal = ctx.tool.signal;
  const { entry } = task;
  if (task.operation === 'delete') {
    if (entry.srcType === 'local') {
      unlinkSync(entry.src);
      return;
    }
    const { bucket, key } = splitBucketKey(entry.src);
    await client.send(new sdk.DeleteObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
    return;
  }
  const extra = {
    ...(o.cacheControl ? { CacheControl: o.cacheControl } : {}),
    ...(o.storageClass ? { StorageClass: o.storageClass as never } : {}),
    ...(o.acl ? { ACL: o.acl as never } : {}),
  };
  if (task.operation === 'upload') {
    const { bucket, key } = splitBucketKey(entry.dest);
    const contentType = o.contentType ?? (o.guessMimeType ? guessContentType(entry.src) : undefined);
    let body: Buffer | Readable;
    let length: number;
    if (entry.src === '-') {
      body = Buffer.from(ctx.tool.stdin ?? '', 'utf8');
      length = body.length;
    } else {
      const st = statSync(entry.src);
      if (st.isDirectory()) throw Object.assign(new Error('Is a directory'), { code: 'EISDIR' });
      length = st.size;
      body = createReadStream(entry.src);
    }
    await client.send(
      new sdk.PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentLength: length, ...(contentType ? { ContentType: contentType } : {}), ...extra }),
      { abortSignal: signal },
    );
  } else if (task.operation === 'download') {
    const { bucket, key } = splitBucketKey(entry.src);
    if (entry.dest === '-') {
      // aws-cli looks the object up before streaming it.
      try {
        await client.send(new sdk.HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
      } catch (error) {
        throw new CallError(error, 'HeadObject');
      }
    }
    const got = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
    const stream = got.Body as Readable | undefined;
    if (entry.dest === '-') {
      if (stream) for await (const chunk of stream) ctx.tool.stdout.write(Buffer.from(chunk as Uint8Array).toString('utf8'));
      return;
    }
    mkdirSync(dirname(entry.dest), { recursive: true });
    await pipeline(stream ?? Readable.from([]), createWriteStream(entry.dest));
    const when = got.LastModified ?? entry.lastModified;
    if (when) utimesSync(entry.dest, when, when);
  } else {
    const src = splitBucketKey(entry.src);
    const { bucket, key } = splitBucketKey(entry.dest);
    const copySource = `${src.bucket}/${src.key.split('/').map(encodeURIComponent).join('/')}`;
    await client.send(new sdk.CopyObjectCommand({ Bucket: bucket, Key: key, CopySource: copySource, ...extra }), { abortSignal: signal });
  }
  if (task.removeSource) {
    if (entry.srcType === 'local') unlinkSync(entry.src);
    else {
      const { bucket, key } = splitBucketKey(entry.src);
      await client.send(new sdk.DeleteObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
    }
  }
}

/** A failed call made on the way to the task's main one (named in the message). */
class CallError extends Error {
  constructor(override readonly cause: unknown, readonly operation: string) {
    super(operation);
  }
}

function failureText(error: unknown, task: Task): string {
  if (error instanceof CallError) return describeAwsError(error.cause, error.operation);
  const e = error as NodeJS.ErrnoException;
  if (e && typeof e.code === 'string' && !statusOf(error) && e.code.startsWith('E') && ['EISDIR', 'ENOENT', 'EACCES', 'ENOTDIR'].includes(e.code)) {
    const path = task.entry.srcType === 'local' ? task.entry.src : task.entry.dest;
    return pythonErrno(e, path);
  }
  const operation = { upload: 'PutObject', download: 'GetObject', copy: 'CopyObject', delete: 'DeleteObject' }[task.operation];
  return describeAwsError(error, operation);
}

/** Runs tasks up to `limit` at a time; results are reported in the order the tasks came. */
async function runAll(ctx: AwsCommandContext, o: TransferOptions, tasks: AsyncIterable<Task>, printer: Printer, limit = 10): Promise<void> {
  const pending: Array<{ task: Task; result: Promise<Outcome> }> = [];
  const report = async () => {
    const head = pending.shift()!;
    const outcome = await head.result;
    if (outcome.ok) {
      printer.done++;
      printer.bytes += outcome.bytes;
    }
  };
  for await (const task of tasks) {
    if (ctx.tool.signal.aborted) break;
    const result = (async (): Promise<Outcome> => {
      if (o.dryrun) {
        printer.success(task);
        return { ok: true, bytes: 0 };
      }
      try {
        await perform(ctx, o, task);
      } catch (error) {
        // Reported in order: wait until this task is at the head.
        return { ok: false, bytes: 0, error } as Outcome & { error: unknown };
      }
      return { ok: true, bytes: task.entry.size ?? 0 };
    })();
    const ordered = chainInOrder(pending.at(-1)?.result, result, (outcome) => {
      if (o.dryrun) return;
      if (outcome.ok) printer.success(task);
      else printer.failure(task, failureText((outcome as Outcome & { error: unknown }).error, task));
    });
    pending.push({ task, result: ordered });
    if (pending.length >= limit) await report();
  }
  while (pending.length) await report();
}

/** Reports `result` once the previous task's report is done, so lines keep the tasks' order. */
function chainInOrder(previous: Promise<Outcome> | undefined, result: Promise<Outcome>, reportOne: (o: Outcome) => void): Promise<Outcome> {
  return (previous ?? Promise.resolve({ ok: true, bytes: 0 })).then(() => result).then((outcome) => {
    reportOne(outcome);
    return outcome;
  });
}

async function* filtered(source: AsyncIterable<FileEntry>, filter: PathFilter): AsyncGenerator<FileEntry> {
  for await (const entry of source) if (filter.includes(entry.src, entry.srcType)) yield entry;
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of source) out.push(x);
  return out;
}

/** aws-cli's size-and-last-modified rule for a file present on both sides. */
function needsSync(o: TransferOptions, operation: Operation, src: FileEntry, dest: FileEntry): boolean {
  if (src.size !== dest.size) return true;
  if (o.sizeOnly) return false;
  const delta = (dest.lastModified?.getTime() ?? 0) - (src.lastModified?.getTime() ?? 0);
  if (operation === 'download') return o.exactTimestamps ? delta !== 0 : delta > 0;
  return delta < 0;
}

async function* syncTasks(ctx: AwsCommandContext, o: TransferOptions, files: FormattedPaths, reverse: FormattedPaths, filter: PathFilter): AsyncGenerator<Task> {
  const operation = operationFor(files);
  const sources = await collect(filtered(generateFiles(ctx, files, operation), filter));
  const dests = reverse.src.type === 'local' && !existsSync(reverse.src.path) ? [] : await collect(filtered(generateFiles(ctx, reverse, ''), filter));
  let i = 0;
  let j = 0;
  while (i < sources.length || j < dests.length) {
    const s = sources[i];
    const d = dests[j];
    if (s && d && s.compareKey === d.compareKey) {
      i++;
      j++;
      if (needsSync(o, operation, s, d)) yield { entry: s, operation, label: operation, removeSource: false };
    } else if (s && (!d || s.compareKey < d.compareKey)) {
      i++;
      yield { entry: s, operation, label: operation, removeSource: false };
    } else if (d) {
      j++;
      if (o.delete) yield { entry: { ...d, dest: d.src, destType: d.srcType }, operation: 'delete', label: 'delete', removeSource: false };
    }
  }
}

async function* copyTasks(ctx: AwsCommandContext, o: TransferOptions, files: FormattedPaths, filter: PathFilter): AsyncGenerator<Task> {
  const operation: Operation = o.command === 'rm' ? 'delete' : operationFor(files);
  const label = o.command === 'mv' ? 'move' : operation;
  for await (const entry of filtered(generateFiles(ctx, files, operation), filter)) {
    yield { entry, operation, label, removeSource: o.command === 'mv' };
  }
}

/** Runs one cp/mv/rm/sync; resolves with aws-cli's exit code. */
export async function runTransfer(ctx: AwsCommandContext, o: TransferOptions): Promise<number> {
  const cwd = ctx.tool.cwd;
  const paths = o.paths.map((p) => {
    if (!isS3(p)) return p;
    const { key } = splitBucketKey(p);
    return !key && !p.endsWith('/') ? p + '/' : p;
  });
  const [src, dest = src] = paths as [string, string?];
  const types = `${isS3(src) ? 's3' : 'local'}${o.command === 'rm' ? '' : isS3(dest) ? 's3' : 'local'}`;
  const allowed = o.command === 'rm' ? ['s3'] : ['s3s3', 's3local', 'locals3'];
  if (!allowed.includes(types)) {
    ctx.tool.stderr.write(`\nError: Invalid argument type\n`);
    return 255;
  }
  const stream = o.command === 'cp' && (src === '-' || dest === '-');
  if (types === 'locals3' && !stream && !existsSync(absolutePath(src, cwd))) {
    ctx.tool.stderr.write(`\nThe user-provided path ${src} does not exist.\n`);
    return 255;
  }
  if (o.command === 'mv' && types === 's3s3' && src === dest) {
    ctx.tool.stderr.write(`\nCannot mv a file onto itself: ${src} - ${dest}\n`);
    return 255;
  }
  if (types === 's3local' && o.recursive && !o.dryrun) mkdirSync(absolutePath(dest, cwd), { recursive: true });
  const printer = new Printer(ctx, { ...o, onlyShowErrors: o.onlyShowErrors || stream });
  const files = formatPaths(src, dest, o.recursive, cwd);
  const filter = createFilter(o.rules, src, dest, o.recursive, cwd);
  try {
    if (stream) {
      const local = src === '-';
      const { bucket, key } = splitBucketKey((local ? dest : src).slice(5));
      const entry: FileEntry = {
        src: local ? '-' : `${bucket}/${key}`, dest: local ? `${bucket}/${key}` : '-', compareKey: key,
        srcType: local ? 'local' : 's3', destType: local ? 's3' : 'local',
      };
      const operation: Operation = local ? 'upload' : 'download';
      await runAll(ctx, o, (async function* () { yield { entry, operation, label: operation, removeSource: false }; })(), printer);
    } else if (o.command === 'sync') {
      const reverse = formatPaths(dest, src, true, cwd);
      await runAll(ctx, o, syncTasks(ctx, o, files, reverse, filter), printer);
    } else {
      await runAll(ctx, o, copyTasks(ctx, o, files, filter), printer);
    }
  } catch (error) {
    if (ctx.tool.signal.aborted) return 130;
    if (!(error instanceof ListingError)) throw error;
    let message = describeAwsError(error.cause, error.operation);
    if (error.missingKey !== undefined && statusOf(error.cause) === 404) message = `An error occurred (404) when calling the HeadObject operation: Key "${error.missingKey}" does not exist`;
    printer.fatal(message);
  }
  if (ctx.tool.signal.aborted) return 130;
  ctx.tool.emit({ kind: 's3-transfer', command: o.command, dryrun: o.dryrun, files: printer.done, bytes: printer.bytes, failed: printer.failures });
  if (printer.failures) return 1;
  return printer.warnings ? 2 : 0;
}
