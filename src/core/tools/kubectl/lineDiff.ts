// A unified diff of two texts, line by line (longest common subsequence),
// with three lines of context: what `kubectl edit` changed, for the record.

type Op = { kind: ' ' | '-' | '+'; line: string };

function lines(text: string): string[] {
  const out = text.split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
}

function diffOps(a: string[], b: string[]): Op[] {
  // Common prefix and suffix first: edits are usually small.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = midA[i] === midB[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const ops: Op[] = a.slice(0, start).map((line) => ({ kind: ' ', line }));
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && midA[i] === midB[j]) {
      ops.push({ kind: ' ', line: midA[i] });
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push({ kind: '-', line: midA[i++] });
    else ops.push({ kind: '+', line: midB[j++] });
  }
  for (const line of a.slice(endA)) ops.push({ kind: ' ', line });
  return ops;
}

/** `--- a\n+++ b\n@@ -l,n +l,n @@\n...`; empty when the texts are the same. */
export function unifiedDiff(before: string, after: string, fromName: string, toName: string, context = 3): string {
  const ops = diffOps(lines(before), lines(after));
  if (!ops.some((op) => op.kind !== ' ')) return '';
  let out = `--- ${fromName}\n+++ ${toName}\n`;
  let index = 0;
  while (index < ops.length) {
    while (index < ops.length && ops[index].kind === ' ') index++;
    if (index >= ops.length) break;
    const hunkStart = Math.max(0, index - context);
    let end = index;
    // Extend the hunk while the next change is within twice the context.
    for (;;) {
      while (end < ops.length && ops[end].kind !== ' ') end++;
      let gap = end;
      while (gap < ops.length && ops[gap].kind === ' ') gap++;
      if (gap < ops.length && gap - end <= context * 2) end = gap;
      else break;
    }
    const hunkEnd = Math.min(ops.length, end + context);
    const slice = ops.slice(hunkStart, hunkEnd);
    const oldStart = ops.slice(0, hunkStart).filter((op) => op.kind !== '+').length + 1;
    const newStart = ops.slice(0, hunkStart).filter((op) => op.kind !== '-').length + 1;
    const oldCount = slice.filter((op) => op.kind !== '+').length;
    const newCount = slice.filter((op) => op.kind !== '-').length;
    out += `@@ -${oldCount ? oldStart : oldStart - 1},${oldCount} +${newCount ? newStart : newStart - 1},${newCount} @@\n`;
    for (const op of slice) out += `${op.kind}${op.line}\n`;
    index = hunkEnd;
  }
  return out;
}
