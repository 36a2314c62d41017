// The worst verdict for each group and metric over many subjects' verdicts,
// as the judge picks it when it judges all their values together: the first
// of equally bad ones, in the subjects' order. Kept as subjects change: a
// change costs a comparison a verdict, and a look through every subject
// only when the subject that held the worst verdict got better or went.

import { worseVerdict, type ThresholdGroup, type Verdict } from '../../thresholds';

/** A subject's verdicts and its place in the judge's order. */
export interface Judged {
  order: number;
  verdicts: readonly Verdict[];
}

const keyOf = (v: Verdict) => `${v.group}\u0000${v.metric}`;

export class WorstVerdicts {
  private readonly worst = new Map<string, { verdict: Verdict; order: number }>();
  /** Keys whose worst must be looked for again; `all`: every key. */
  private stale: Set<string> | 'all' = 'all';

  constructor(
    private readonly groups: () => readonly ThresholdGroup[],
    /** Every subject, in order. */
    private readonly subjects: () => Iterable<Judged>,
  ) {}

  /** Look through every subject next time (they were all judged again). */
  reset(): void {
    this.stale = 'all';
  }

  /** A subject's verdicts changed (`after` undefined: it went). */
  change(order: number, before: readonly Verdict[] | undefined, after: readonly Verdict[] | undefined): void {
    if (this.stale === 'all') return;
    const stale = this.stale;
    for (const old of before ?? []) {
      const key = keyOf(old);
      const held = this.worst.get(key);
      if (held?.order !== order) continue;
      const now = after?.find((v) => keyOf(v) === key);
      // Still at least as bad as it was: still the worst; otherwise another subject may be.
      if (now && !this.worse(old, now)) this.worst.set(key, { verdict: now, order });
      else stale.add(key);
    }
    for (const verdict of after ?? []) this.offer(verdict, order, stale);
  }

  verdicts(): Verdict[] {
    if (this.stale === 'all') {
      this.worst.clear();
      for (const { order, verdicts } of this.subjects()) for (const v of verdicts) this.offer(v, order);
    } else if (this.stale.size) {
      const stale = this.stale;
      for (const key of stale) this.worst.delete(key);
      for (const { order, verdicts } of this.subjects()) for (const v of verdicts) if (stale.has(keyOf(v))) this.offer(v, order);
    }
    this.stale = new Set();
    return [...this.worst.values()].map((w) => w.verdict);
  }

  /** Takes the verdict if it is worse than the key's worst, or as bad and earlier. */
  private offer(verdict: Verdict, order: number, skip?: Set<string>): void {
    const key = keyOf(verdict);
    if (skip?.has(key)) return;
    const held = this.worst.get(key);
    if (held?.order === order) return;
    if (!held || this.worse(verdict, held.verdict) || (order < held.order && !this.worse(held.verdict, verdict))) this.worst.set(key, { verdict, order });
  }

  private worse(a: Verdict, b: Verdict): boolean {
    const threshold = this.groups().find((g) => g.name === a.group)?.metrics.find((m) => m.metric === a.metric);
    return threshold ? worseVerdict(a, b, threshold) : false;
  }
}

/** The worst verdict a group and metric over lists of verdicts, in order. */
export function worstVerdicts(groups: readonly ThresholdGroup[], lists: readonly (readonly Verdict[])[]): Verdict[] {
  const worst = new WorstVerdicts(() => groups, () => lists.map((verdicts, order) => ({ order, verdicts })));
  return worst.verdicts();
}
