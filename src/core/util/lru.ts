// A map that keeps only its most recently used entries.

export class Lru<K, V> {
  private readonly entries = new Map<K, V>();
  /** The most recently used key: asked for again (a cell re-run), it is already in place. */
  private newest: K | undefined;

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined && key !== this.newest) {
      // Most recently used last, so the first entry is the one to drop.
      this.entries.delete(key);
      this.entries.set(key, value);
      this.newest = key;
    }
    return value;
  }

  /** Stores `value` and returns it; the least recently used entry goes when there are too many. */
  set(key: K, value: V): V {
    this.entries.delete(key);
    this.entries.set(key, value);
    this.newest = key;
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
