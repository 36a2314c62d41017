// What every part of the simulator shares: the store, the kinds, the scenario,
// timing options, and the timers and open streams that stop() must close.
import type { ServerResponse } from 'node:http';
import type { Clock } from '../clock';
import type { Scenario } from '../scenario';
import type { Registry } from './resources';
import type { Store } from './store';

export class Timers {
  private readonly handles = new Set<NodeJS.Timeout>();
  private stopped = false;

  after(ms: number, fn: () => void): void {
    if (this.stopped) return;
    const h = setTimeout(() => {
      this.handles.delete(h);
      if (!this.stopped) fn();
    }, ms);
    this.handles.add(h);
  }

  every(ms: number, fn: () => void): () => void {
    if (this.stopped) return () => undefined;
    const h = setInterval(() => {
      if (!this.stopped) fn();
    }, ms);
    this.handles.add(h);
    return () => {
      clearInterval(h);
      this.handles.delete(h);
    };
  }

  stop(): void {
    this.stopped = true;
    for (const h of this.handles) clearTimeout(h);
    this.handles.clear();
  }
}

export interface SimContext {
  store: Store;
  registry: Registry;
  scenario: Scenario;
  readyDelayMs: number;
  pvcCapacityBytes: number;
  /** The time containers have written their logs up to. */
  logClock: Clock;
  timers: Timers;
  /** Open watch and log streams, ended on stop(). */
  streams: Set<ServerResponse>;
}
