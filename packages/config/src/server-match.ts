import { ConfigParseError } from './errors.js';
import type { ConfigLine } from './lexer.js';
import { type Compat, parseCriteria } from './match-criteria.js';
import { matchAddressList, matchPatternList } from './patterns.js';

/** Facts about an accepted connection that server Match lines test (sshd's `-C` spec). */
export interface ServerConnectionInfo {
  /** User being authenticated. */
  readonly user?: string;
  /** Client host name (reverse DNS, or the address when UseDNS is off). */
  readonly host?: string;
  /** Client IP address. */
  readonly addr?: string;
  /** Local (server) address the connection arrived on. */
  readonly laddr?: string;
  /** Local port the connection arrived on. */
  readonly lport?: number;
  /** Routing domain, if any. */
  readonly rdomain?: string;
}

const SERVER_CRITERIA = new Set([
  'user',
  'group',
  'host',
  'address',
  'localaddress',
  'localport',
  'rdomain',
  'exec',
]);
const SERVER_NO_ARG = new Set(['all', 'canonical', 'final']);

/** Hooks a server Match needs from the host. */
export interface ServerMatchHooks {
  /** Groups of a user, or undefined for an unknown user. */
  userGroups(user: string): string[] | undefined;
  /** Run a command; true on exit status 0. */
  exec(command: string): boolean;
}

function addressHit(addr: string | undefined, list: string, line: ConfigLine, what: string): boolean {
  if (addr === undefined) return false;
  const r = matchAddressList(addr, list);
  if (r === undefined) throw new ConfigParseError(`Invalid Match ${what} argument`, line);
  return r === 1;
}

/**
 * Check a server Match line's syntax and, given connection info, whether it matches.
 * Without `conn` (the global pass) nothing matches but syntax is still checked.
 */
export function matchServerLine(
  line: ConfigLine,
  conn: ServerConnectionInfo | undefined,
  hooks: ServerMatchHooks,
  syntax?: Compat,
) {
  const criteria = parseCriteria(line, SERVER_CRITERIA, SERVER_NO_ARG, syntax);
  let result = conn !== undefined;
  for (const c of criteria) {
    const arg = c.arg ?? '';
    if (c.name === 'localport' && !/^\d+$/.test(arg))
      throw new ConfigParseError(`Invalid LocalPort '${arg}' on Match line`, line);
    if (conn === undefined) {
      if (c.name === 'address' || c.name === 'localaddress') addressHit('0.0.0.0', arg, line, c.name);
      continue;
    }
    let hit: boolean;
    switch (c.name) {
      case 'all':
      case 'canonical':
      case 'final':
        hit = true;
        break;
      case 'user':
        hit = conn.user !== undefined && matchPatternList(conn.user, arg) === 1;
        break;
      case 'group': {
        const groups = conn.user === undefined ? undefined : hooks.userGroups(conn.user);
        hit = groups?.some((g) => matchPatternList(g, arg) === 1) ?? false;
        break;
      }
      case 'host':
        hit = conn.host !== undefined && matchPatternList(conn.host, arg, true) === 1;
        break;
      case 'address':
        hit = addressHit(conn.addr, arg, line, 'address');
        break;
      case 'localaddress':
        hit = addressHit(conn.laddr, arg, line, 'localaddress');
        break;
      case 'localport':
        hit = conn.lport !== undefined && conn.lport === Number(arg);
        break;
      case 'rdomain':
        hit = conn.rdomain !== undefined && matchPatternList(conn.rdomain, arg) === 1;
        break;
      default:
        hit = result ? hooks.exec(arg) : false;
    }
    if (hit === c.negate) result = false;
  }
  return result;
}
