/**
 * OpenSSH-style wildcard matching: `*` matches any run of characters
 * (including none), `?` exactly one; everything else matches itself.
 */
export function wildcardMatch(text: string, pattern: string): boolean {
  let t = 0;
  let p = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const pc = pattern[p];
    if (pc === '*') {
      starP = p++;
      starT = t;
    } else if (pc !== undefined && (pc === '?' || pc === text[t])) {
      p++;
      t++;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** The outcome of matching against a pattern list: a negated pattern matched, a plain one did, or none. */
export type PatternListResult = 'negated' | 'matched' | 'none';

/**
 * Match `text` against a comma-separated pattern list with `!` negation,
 * as OpenSSH's match_pattern_list: a matching negated entry wins over any
 * positive one. `lower` compares case-insensitively (host names).
 */
export function matchPatternList(text: string, patterns: readonly string[], lower = true): PatternListResult {
  const subject = lower ? text.toLowerCase() : text;
  let matched = false;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const body = negated ? raw.slice(1) : raw;
    const pattern = lower ? body.toLowerCase() : body;
    if (!wildcardMatch(subject, pattern)) continue;
    if (negated) return 'negated';
    matched = true;
  }
  return matched ? 'matched' : 'none';
}

/** Split a comma-separated pattern list, dropping empty entries. */
export function splitPatternList(list: string): string[] {
  return list.split(',').filter((p) => p !== '');
}
