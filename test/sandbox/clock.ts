// Where the sandbox's in-process services read the time. By default the wall
// clock; a test that compares two runs (the real CLI's and ours) can give a
// service a clock that moves only when the test moves it, so nothing that
// depends on time (an invalidation completing, an uptime) changes between
// the two runs.

/** Milliseconds since the epoch, as Date.now(). */
export type Clock = () => number;

export const wallClock: Clock = () => Date.now();

/** Stands still at the moment it was made, until advance(). */
export class ManualClock {
  private at = Date.now();

  readonly now: Clock = () => this.at;

  advance(ms: number): void {
    this.at += ms;
  }
}

/** The wall clock, except while a test holds it: then it stays where it was when the hold began. */
export class HoldableClock {
  private heldAt: number | undefined;

  readonly now: Clock = () => this.heldAt ?? Date.now();

  async holding<T>(fn: () => Promise<T>): Promise<T> {
    if (this.heldAt !== undefined) throw new Error('the clock is already held');
    this.heldAt = Date.now();
    try {
      return await fn();
    } finally {
      this.heldAt = undefined;
    }
  }
}
