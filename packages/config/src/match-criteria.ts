import { ConfigParseError } from './errors.js';
import { type ConfigLine, splitDelimited } from './lexer.js';

/** One parsed Match criterion: its lowercase name, whether it is negated, and its argument. */
export interface Criterion {
  readonly name: string;
  readonly negate: boolean;
  readonly arg: string | undefined;
}

const NO_ARG = new Set(['all', 'canonical', 'final']);

/**
 * Which OpenSSH generation to behave like where they differ. `openssh10` (the
 * default): Match lines split like any other line (both quote kinds), a criterion
 * written `name=value` split at its first `=`; `%C` hashes %l%h%p%r%j. `openssh9`
 * (OpenSSH 9.2): Match lines split at whitespace or a single `=` with double quotes
 * only; `%C` hashes %l%h%p%r.
 */
export type Compat = 'openssh9' | 'openssh10';

/** The words of a Match line under the given syntax (quotes removed), or undefined for an open quote. */
export function matchWords(line: ConfigLine, syntax: Compat = 'openssh10'): string[] | undefined {
  return syntax === 'openssh9' ? splitDelimited(line.rest) : [...line.args];
}

/**
 * Split a Match line into criteria (words split per `syntax`). `known` lists the criteria this side supports
 * (beyond all/canonical/final); anything else, a missing argument, or `all` mixed with
 * other criteria is a ConfigParseError.
 */
export function parseCriteria(
  line: ConfigLine,
  known: ReadonlySet<string>,
  noArg: ReadonlySet<string> = NO_ARG,
  syntax: Compat = 'openssh10',
): Criterion[] {
  if (line.args.length === 0) throw new ConfigParseError(`no argument after keyword "${line.keyword}"`, line);
  const out: Criterion[] = [];
  const args = matchWords(line, syntax);
  if (args === undefined) throw new ConfigParseError('invalid quotes', line);
  for (let i = 0; i < args.length; i++) {
    let word = args[i] as string;
    let inlineArg: string | undefined;
    const eq = word.indexOf('=');
    if (syntax === 'openssh10' && eq > 0) {
      inlineArg = word.slice(eq + 1);
      word = word.slice(0, eq);
    }
    const negate = word.startsWith('!');
    const name = (negate ? word.slice(1) : word).toLowerCase();
    if (noArg.has(name)) {
      out.push({ name, negate, arg: undefined });
      continue;
    }
    if (!known.has(name)) throw new ConfigParseError(`Unsupported Match attribute ${name}`, line);
    const arg = inlineArg ?? args[i + 1];
    if (arg === undefined || arg === '')
      throw new ConfigParseError(`Missing Match criteria for ${name}`, line);
    if (inlineArg === undefined) i++;
    out.push({ name, negate, arg });
  }
  if (out.some((c) => c.name === 'all') && out.some((c) => !NO_ARG.has(c.name))) {
    throw new ConfigParseError("'all' cannot be combined with other Match attributes", line);
  }
  return out;
}
