import { ConfigParseError } from './errors.js';
import type { ConfigLine } from './lexer.js';
import { type Compat, parseCriteria } from './match-criteria.js';
import { matchAddressList, matchPatternList, matchWildcard } from './patterns.js';

/** What a client Match line is checked against. */
export interface ClientMatchContext {
  /** True on the final pass (after HostName is known; `final` and `canonical` match). */
  readonly finalPass: boolean;
  /** Host as given by the caller. */
  readonly originalHost: string;
  /** Target host so far (HostName expanded, or the original host). */
  readonly host: string;
  /** Remote user so far (User, or the local user). */
  readonly user: string;
  /** Local user name. */
  readonly localUser: string;
  /** The Tag set so far, if any. */
  readonly tag: string | undefined;
  /** Run a `Match exec` command (tokens not yet expanded); false when exec is unavailable. */
  exec(command: string, line: ConfigLine): boolean;
  /** Local interface networks for `localnetwork`, or undefined when unknown. */
  localNetworks(): string[] | undefined;
  /** Which OpenSSH generation's Match syntax to follow. */
  readonly syntax?: Compat;
}

const CLIENT_CRITERIA = new Set([
  'exec',
  'host',
  'originalhost',
  'user',
  'localuser',
  'localnetwork',
  'tagged',
]);

/** Result of a client Match line. */
export interface ClientMatchResult {
  readonly matched: boolean;
  /** The line asked for a final pass (`Match final`). */
  readonly wantFinal: boolean;
}

/** Whether a `Host` line matches: some positive pattern matches and no negated one does. */
export function matchHostLine(line: ConfigLine, host: string): boolean {
  if (line.args.length === 0) throw new ConfigParseError(`no argument after keyword "${line.keyword}"`, line);
  let matched = false;
  for (const arg of line.args) {
    const negated = arg.startsWith('!');
    if (matchWildcard(host, negated ? arg.slice(1) : arg)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

/**
 * Evaluate a client `Match` line. Every criterion is checked for syntax; `exec` runs
 * only while all earlier criteria still match and `mayExec` is true.
 */
export function matchClientLine(
  line: ConfigLine,
  ctx: ClientMatchContext,
  mayExec: boolean,
): ClientMatchResult {
  const criteria = parseCriteria(line, CLIENT_CRITERIA, undefined, ctx.syntax);
  let result = true;
  let wantFinal = false;
  for (const c of criteria) {
    let hit: boolean;
    const arg = c.arg ?? '';
    switch (c.name) {
      case 'all':
        hit = true;
        break;
      case 'canonical':
        hit = ctx.finalPass;
        break;
      case 'final':
        wantFinal = true;
        hit = ctx.finalPass;
        break;
      case 'host':
        hit = matchPatternList(ctx.host, arg, true) === 1;
        break;
      case 'originalhost':
        hit = matchPatternList(ctx.originalHost, arg, true) === 1;
        break;
      case 'user':
        hit = matchPatternList(ctx.user, arg) === 1;
        break;
      case 'localuser':
        hit = matchPatternList(ctx.localUser, arg) === 1;
        break;
      case 'tagged':
        hit = ctx.tag !== undefined && matchPatternList(ctx.tag, arg) === 1;
        break;
      case 'localnetwork': {
        const nets = ctx.localNetworks() ?? [];
        hit = nets.some((net) => {
          const addr = net.split('/')[0] ?? '';
          const r = matchAddressList(addr, arg);
          if (r === undefined) throw new ConfigParseError(`invalid localnetwork list "${arg}"`, line);
          return r === 1;
        });
        break;
      }
      default:
        // exec: the only criterion left after parseCriteria.
        hit = result && mayExec ? ctx.exec(arg, line) : false;
        break;
    }
    if (hit === c.negate) result = false;
  }
  return { matched: result, wantFinal };
}
