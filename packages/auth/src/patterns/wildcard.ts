import { matchWildcard } from '@ssh/wire';

/** OpenSSH-style wildcard matching (`*`, `?`); the one in @ssh/wire, under the name this package used. */
export const wildcardMatch = matchWildcard;

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
    if (!matchWildcard(subject, pattern)) continue;
    if (negated) return 'negated';
    matched = true;
  }
  return matched ? 'matched' : 'none';
}

/** Split a comma-separated pattern list, dropping empty entries. */
export function splitPatternList(list: string): string[] {
  return list.split(',').filter((p) => p !== '');
}
