// Python's difflib.get_close_matches, which aws-cli uses for "maybe you
// meant": names whose similarity to the typed word (twice the characters the
// two have in common, in order, over their total length) reaches a cutoff.

/** The longest common run of a[alo..ahi) and b[blo..bhi), earliest in a: [i, j, size]. */
function longestMatch(a: string[], b: string[], positions: Map<string, number[]>, alo: number, ahi: number, blo: number, bhi: number): [number, number, number] {
  let [bestI, bestJ, bestSize] = [alo, blo, 0];
  // runs[j + 1]: the length of the common run ending at a[i - 1] and b[j].
  let runs = new Int32Array(b.length + 1);
  let next = new Int32Array(b.length + 1);
  for (let i = alo; i < ahi; i++) {
    next.fill(0);
    for (const j of positions.get(a[i]) ?? []) {
      if (j < blo) continue;
      if (j >= bhi) break;
      const size = runs[j] + 1;
      next[j + 1] = size;
      if (size > bestSize) [bestI, bestJ, bestSize] = [i - size + 1, j - size + 1, size];
    }
    [runs, next] = [next, runs];
  }
  // Characters left out of `positions` as too common still extend a run.
  while (bestI > alo && bestJ > blo && a[bestI - 1] === b[bestJ - 1]) [bestI, bestJ, bestSize] = [bestI - 1, bestJ - 1, bestSize + 1];
  while (bestI + bestSize < ahi && bestJ + bestSize < bhi && a[bestI + bestSize] === b[bestJ + bestSize]) bestSize++;
  return [bestI, bestJ, bestSize];
}

/** SequenceMatcher(None, a, b).ratio(). */
export function similarity(first: string, second: string): number {
  const a = Array.from(first);
  const b = Array.from(second);
  if (a.length + b.length === 0) return 1;
  const positions = new Map<string, number[]>();
  b.forEach((ch, j) => {
    const list = positions.get(ch);
    if (list) list.push(j);
    else positions.set(ch, [j]);
  });
  if (b.length >= 200) {
    // difflib's "popular" heuristic: in a long second sequence, characters making up over 1% of it do not start matches.
    const limit = Math.floor(b.length / 100) + 1;
    for (const [ch, js] of positions) if (js.length > limit) positions.delete(ch);
  }
  let matched = 0;
  const pending: Array<[number, number, number, number]> = [[0, a.length, 0, b.length]];
  while (pending.length) {
    const [alo, ahi, blo, bhi] = pending.pop()!;
    const [i, j, size] = longestMatch(a, b, positions, alo, ahi, blo, bhi);
    if (size === 0) continue;
    matched += size;
    if (alo < i && blo < j) pending.push([alo, i, blo, j]);
    if (i + size < ahi && j + size < bhi) pending.push([i + size, ahi, j + size, bhi]);
  }
  return (2 * matched) / (a.length + b.length);
}

/** get_close_matches(word, names, n, cutoff): best first; equal scores put the name that sorts later first. */
export function closeMatches(word: string, names: readonly string[], n = 3, cutoff = 0.6): string[] {
  return names
    .map((name) => ({ name, score: similarity(name, word) }))
    .filter((m) => m.score >= cutoff)
    .sort((x, y) => y.score - x.score || (x.name < y.name ? 1 : x.name > y.name ? -1 : 0))
    .slice(0, n)
    .map((m) => m.name);
}
