// A notebook session: the variables the user supplied, the clients opened
// so far, and what each tool keeps for the notebook (its own state, under
// its own key). Clients and state are made on first use and kept until the
// session ends.

import { isSecretName, Masker } from '../secrets';

export interface Disposable {
  dispose(): void | Promise<void>;
}

/**
 * Names one tool's state in a session; the type parameter is the state's
 * type. The name is the key (the extension and the engine are separate
 * bundles, each with its own copy of a tool's key object), so a tool
 * prefixes it with its own name: `kubectl selection`.
 */
export interface StateKey<T> {
  readonly name: string;
  /** Never set: carries T. */
  readonly type?: (state: T) => T;
}

export function stateKey<T>(name: string): StateKey<T> {
  return Object.freeze({ name });
}

export class Session {
  private readonly variables = new Map<string, string>();
  private readonly exported = new Set<string>();
  private readonly secrets = new Set<string>();
  private readonly clients = new Map<string, Promise<unknown>>();
  /** Clients whose creation has finished, by key. */
  private readonly opened = new Map<string, unknown>();
  private readonly closers: Array<() => void | Promise<void>> = [];
  private readonly states = new Map<string, unknown>();
  cwd: string;
  /** Masks every secret this session knows of in whatever leaves the engine. */
  readonly masker = new Masker();

  constructor(cwd: string, readonly baseEnv: Readonly<Record<string, string | undefined>> = {}) {
    this.cwd = cwd;
    for (const [name, value] of Object.entries(baseEnv)) if (value && isSecretName(name)) this.masker.add(value, name);
  }

  /** Changes whenever a variable is set or unset: what was worked out from the variables before is stale. */
  get version(): number {
    return this.changes;
  }

  private changes = 0;

  /** Session variables first, then the base environment. */
  lookup = (name: string): string | undefined => this.variables.get(name) ?? this.baseEnv[name];

  set(name: string, value: string, options: { export?: boolean; secret?: boolean } = {}): void {
    this.changes++;
    this.exportedEnv = undefined;
    this.variables.set(name, value);
    if (options.export) this.exported.add(name);
    if (options.secret || isSecretName(name)) this.secrets.add(name);
    if (this.isSecret(name)) this.masker.add(value, name.replace(/^<(.*)>$/, '$1'));
  }

  unset(name: string): void {
    this.changes++;
    this.exportedEnv = undefined;
    this.variables.delete(name);
    this.exported.delete(name);
  }

  has(name: string): boolean {
    return this.variables.has(name);
  }

  /** The environment a program started now would get (read-only: the same object serves every command until a variable changes). */
  env(extra: Readonly<Record<string, string>> = {}): Readonly<Record<string, string | undefined>> {
    if (!this.exportedEnv) {
      const env: Record<string, string | undefined> = { ...this.baseEnv };
      for (const name of this.exported) env[name] = this.variables.get(name);
      this.exportedEnv = Object.freeze(env);
    }
    for (const _ in extra) return { ...this.exportedEnv, ...extra };
    return this.exportedEnv;
  }

  /** The base environment with the exported variables; rebuilt after a variable changes. */
  private exportedEnv: Readonly<Record<string, string | undefined>> | undefined;

  isSecret(name: string): boolean {
    return this.secrets.has(name) || isSecretName(name);
  }

  /** The text with every secret masked (the session's masker). */
  mask(text: string): string {
    return this.masker.mask(text);
  }

  /** One client per key for the whole session; concurrent callers share the same creation. */
  client<T>(key: string, create: () => Promise<T>, close?: (client: T) => void | Promise<void>): Promise<T> {
    let existing = this.clients.get(key) as Promise<T> | undefined;
    if (!existing) {
      const creating = create();
      existing = creating;
      this.clients.set(key, creating);
      creating.then(
        (c) => {
          if (this.clients.get(key) === creating) this.opened.set(key, c);
          if (close) this.closers.push(() => close(c));
        },
        () => this.clients.delete(key),
      );
    }
    return existing;
  }

  /** The client under `key` if it is open already, without waiting: a command can go out in the same tick. */
  openClient<T>(key: string): T | undefined {
    return this.opened.get(key) as T | undefined;
  }

  /** Drops a client so the next use makes a new one (after a lost connection). */
  forget(key: string): void {
    this.clients.delete(key);
    this.opened.delete(key);
  }

  /**
   * The state a tool keeps under `key` for this session, made by `create` on
   * first use. State with a dispose() method is disposed with the session.
   */
  state<T>(key: StateKey<T>, create: () => T): T {
    if (this.states.has(key.name)) return this.states.get(key.name) as T;
    const state = create();
    this.states.set(key.name, state);
    const disposable = state as Partial<Disposable> | undefined;
    if (typeof disposable?.dispose === 'function') this.closers.push(() => disposable.dispose!());
    return state;
  }

  async dispose(): Promise<void> {
    const closers = this.closers.splice(0);
    this.clients.clear();
    this.opened.clear();
    this.states.clear();
    await Promise.allSettled(closers.map((close) => close()));
  }
}
