// Glob patterns for target names (`prod-*`, `db?.internal`, `[ab]-cluster`):
// `*` any run of characters (dots and slashes included: a name is one
// string, not a path), `?` one character, `[...]` one of a set (`[!...]`
// none of it); anything else stands for itself; case does not matter. Small
// enough to run at activation, where the status bar reads it.

export function globMatcher(pattern: string): (name: string) => boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (c === '[' && pattern.indexOf(']', i + 2) > i) {
      const end = pattern.indexOf(']', i + 2);
      let set = pattern.slice(i + 1, end);
      const negated = set.startsWith('!') || set.startsWith('^');
      if (negated) set = set.slice(1);
      source += `[${negated ? '^' : ''}${set.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const re = new RegExp(`^${source}$`, 'i');
  return (name) => re.test(name);
}
