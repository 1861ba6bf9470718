/** An algorithm option as users give it: a list of names, or a comma-separated string. */
export type AlgorithmSpec = readonly string[] | string;

/** Why an algorithm option could not be used. */
export class AlgorithmOptionError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'AlgorithmOptionError';
  }
}

/** Turn a pattern with `*` (any run of characters) and `?` (one character) into a matcher. */
export function algorithmPattern(pattern: string): (name: string) => boolean {
  if (!/[*?]/.test(pattern)) return (name) => name === pattern;
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  const re = new RegExp(`^${source}$`);
  return (name) => re.test(name);
}

/**
 * The supported names matching comma-separated patterns with wildcards, in
 * the order of the patterns, each name once.
 */
export function matchAlgorithms(patterns: readonly string[], supported: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of patterns) {
    const match = algorithmPattern(p);
    for (const name of supported) if (match(name) && !out.includes(name)) out.push(name);
  }
  return out;
}

/**
 * Resolve an algorithm option against a kind's lists: `undefined` or
 * `'default'` gives the defaults; a string may start with `^` (matches in
 * front of the defaults), `+` (after them) or `-` (defaults without the
 * matches); otherwise the option lists the algorithms exactly, wildcards
 * allowed in a string. Unknown names and empty results are errors.
 */
export function expandAlgorithms(
  kind: string,
  spec: AlgorithmSpec | undefined,
  defaults: readonly string[],
  supported: readonly string[],
): string[] {
  if (spec === undefined || spec === 'default') return [...defaults];
  let result: string[];
  if (typeof spec === 'string') {
    const prefix = /^[\^+-]/.test(spec) ? (spec[0] as string) : '';
    const names = spec
      .slice(prefix.length)
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    const matches = matchAlgorithms(names, supported);
    for (const n of names) {
      if (!/[*?]/.test(n) && !supported.includes(n))
        throw new AlgorithmOptionError(`${kind}: unknown algorithm "${n}"`);
    }
    if (prefix === '^') result = [...matches, ...defaults.filter((d) => !matches.includes(d))];
    else if (prefix === '+') result = [...defaults, ...matches.filter((m) => !defaults.includes(m))];
    else if (prefix === '-') result = defaults.filter((d) => !matches.includes(d));
    else result = matches;
  } else {
    result = [];
    for (const n of spec) {
      if (!supported.includes(n)) throw new AlgorithmOptionError(`${kind}: unknown algorithm "${n}"`);
      if (!result.includes(n)) result.push(n);
    }
  }
  if (result.length === 0) throw new AlgorithmOptionError(`${kind}: no algorithms left to offer`);
  return result;
}
