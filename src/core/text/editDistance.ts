// Levenshtein distance: the fewest insertions, deletions and substitutions
// that turn one sequence into the other. Strings compare by UTF-16 unit;
// pass byte arrays to count bytes, as Go programs do.

export function editDistance(a: ArrayLike<unknown>, b: ArrayLike<unknown>): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(above + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
