// The real jq 1.7.1, compiled to WebAssembly (npm package jq-wasm@1.1.0-jq-1.7.1),
// loaded on first use. The package's own wrapper feeds standard input one byte
// at a time (quadratic on large inputs) and trims whitespace off the output,
// so the jq process's reads and writes are served here instead: the module's
// fd_read/fd_write/fd_close imports are wrapped while a run is in progress.
import { loadClient } from '../clients/load';

export interface JqResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

interface JqModule {
  raw(input: string, query: string, flags: string[]): Promise<{ exitCode: number }>;
}

type WasmFunction = (...args: number[]) => number;

/** Byte streams of the run in progress. */
class RunIO {
  private position = 0;
  readonly stdout: Buffer[] = [];
  readonly stderr: Buffer[] = [];
  readonly inputFds = new Set<number>();

  constructor(private readonly input: Buffer) {}

  read(memory: WebAssembly.Memory, iov: number, count: number, nread: number): number {
    const view = new DataView(memory.buffer);
    let total = 0;
    for (let i = 0; i < count; i++) {
      const ptr = view.getUint32(iov + 8 * i, true);
      const len = view.getUint32(iov + 8 * i + 4, true);
      const n = Math.min(len, this.input.length - this.position);
      new Uint8Array(memory.buffer, ptr, n).set(this.input.subarray(this.position, this.position + n));
      this.position += n;
      total += n;
      if (n < len) break;
    }
    view.setUint32(nread, total, true);
    return 0;
  }

  write(memory: WebAssembly.Memory, fd: number, iov: number, count: number, nwritten: number): number {
    const view = new DataView(memory.buffer);
    let total = 0;
    for (let i = 0; i < count; i++) {
      const ptr = view.getUint32(iov + 8 * i, true);
      const len = view.getUint32(iov + 8 * i + 4, true);
      (fd === 1 ? this.stdout : this.stderr).push(Buffer.from(new Uint8Array(memory.buffer, ptr, len)));
      total += len;
    }
    view.setUint32(nwritten, total, true);
    return 0;
  }
}

class JqRuntime {
  private current: RunIO | undefined;
  private memory: WebAssembly.Memory | undefined;
  private closeFd: WasmFunction | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  module: JqModule | undefined;

  /** Wraps the module's WASI file-descriptor imports (found by their function names). */
  wrapImports(imports: WebAssembly.Imports): void {
    for (const namespace of Object.values(imports)) {
      for (const [name, value] of Object.entries(namespace)) {
        if (typeof value !== 'function') continue;
        const original = value as WasmFunction;
        if (original.name === '_fd_read') {
          namespace[name] = (fd: number, iov: number, count: number, nread: number) => {
            const io = this.current;
            if (!io || fd <= 2) return original(fd, iov, count, nread);
            io.inputFds.add(fd);
            return io.read(this.memory!, iov, count, nread);
          };
        } else if (original.name === '_fd_write') {
          namespace[name] = (fd: number, iov: number, count: number, nwritten: number) => {
            const io = this.current;
            if (!io || (fd !== 1 && fd !== 2)) return original(fd, iov, count, nwritten);
            return io.write(this.memory!, fd, iov, count, nwritten);
          };
        } else if (original.name === '_fd_close') {
          this.closeFd = original;
          namespace[name] = (fd: number) => {
            const io = this.current;
            if (io && fd <= 2) return 0; // jq closes stdout at exit; keep it for the next run
            io?.inputFds.delete(fd);
            return original(fd);
          };
        }
      }
    }
  }

  attach(instance: WebAssembly.Instance): void {
    this.memory = Object.values(instance.exports).find((v): v is WebAssembly.Memory => v instanceof WebAssembly.Memory);
  }

  get ready(): boolean {
    return this.memory !== undefined && this.closeFd !== undefined && this.module !== undefined;
  }

  /** Runs jq with the given arguments (no file operands) on the input; runs are serialized. */
  run(input: string, query: string, flags: string[]): Promise<JqResult> {
    const result = this.queue.then(() => this.runNow(input, query, flags));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async runNow(input: string, query: string, flags: string[]): Promise<JqResult> {
    const io = new RunIO(Buffer.from(input, 'utf8'));
    this.current = io;
    let exitCode: number;
    try {
      exitCode = (await this.module!.raw('', query, flags)).exitCode;
    } finally {
      this.current = undefined;
      // An input file jq left open on an error path is closed here.
      for (const fd of io.inputFds) this.closeFd!(fd);
    }
    const stderr = Buffer.concat(io.stderr).toString('utf8').replaceAll('(at /dev/stdin:', '(at <stdin>:');
    return { stdout: Buffer.concat(io.stdout).toString('utf8'), stderr, exitCode };
  }
}

let loading: Promise<JqRuntime> | undefined;

async function load(): Promise<JqRuntime> {
  const runtime = new JqRuntime();
  // jq's WebAssembly build is large: it is its own bundle, loaded by the first jq filter.
  const imported = loadClient<{ default: (moduleArg?: object) => Promise<JqModule> }>('jq', 'jq-wasm/dist/build/jq.js');
  const factory = imported.default;
  // The module instantiates itself; look over its shoulder to wrap its imports.
  const original = WebAssembly.instantiate;
  let claimed = false;
  const patched = async (source: unknown, imports?: WebAssembly.Imports): Promise<unknown> => {
    const ours = !claimed && imports !== undefined;
    claimed = true;
    if (!ours) return (original as (s: unknown, i?: WebAssembly.Imports) => Promise<unknown>)(source, imports);
    runtime.wrapImports(imports);
    const result = (await (original as (s: unknown, i?: WebAssembly.Imports) => Promise<unknown>)(source, imports)) as
      | WebAssembly.WebAssemblyInstantiatedSource
      | WebAssembly.Instance;
    runtime.attach('instance' in result ? result.instance : result);
    return result;
  };
  (WebAssembly as { instantiate: unknown }).instantiate = patched;
  try {
    runtime.module = await factory();
  } finally {
    (WebAssembly as { instantiate: unknown }).instantiate = original;
  }
  if (!runtime.ready) throw new Error('jq: the WebAssembly jq module did not load as expected');
  return runtime;
}

/** Loads jq on first call; later calls share the loaded module. */
export function loadJq(): Promise<{ run: JqRuntime['run'] }> {
  loading ??= load().catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading.then((runtime) => ({ run: (input, query, flags) => runtime.run(input, query, flags) }));
}
