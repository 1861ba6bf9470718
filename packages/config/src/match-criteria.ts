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
 * Split a Match line into criteria (words split as OpenSSH does for Match:
 * whitespace or `=`, double quotes). `known` lists the criteria this side supports
 * (beyond all/canonical/final); anything else, a missing argument, or `all` mixed with
 * other criteria is a ConfigParseError.
 */
export function parseCriteria(line: ConfigLine, known: ReadonlySet<string>, noArg = NO_ARG): Criterion[] {
  if (line.args.length === 0) throw new ConfigParseError(`no argument after keyword "${line.keyword}"`, line);
  const out: Criterion[] = [];
  const args = splitDelimited(line.rest);
  if (args === undefined) throw new ConfigParseError('invalid quotes', line);
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string;
    const negate = word.startsWith('!');
    const name = (negate ? word.slice(1) : word).toLowerCase();
    if (noArg.has(name)) {
      out.push({ name, negate, arg: undefined });
      continue;
    }
    if (!known.has(name)) throw new ConfigParseError(`Unsupported Match attribute ${name}`, line);
    const arg = args[i + 1];
    if (arg === undefined || arg === '')
      throw new ConfigParseError(`Missing Match criteria for ${name}`, line);
    i++;
    out.push({ name, negate, arg });
  }
  if (out.some((c) => c.name === 'all') && out.some((c) => !NO_ARG.has(c.name))) {
    throw new ConfigParseError("'all' cannot be combined with other Match attributes", line);
  }
  return out;
}
