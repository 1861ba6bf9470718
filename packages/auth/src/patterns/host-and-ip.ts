import { cidrContains, parseCidr, parseIP } from './ip.js';
import { matchPatternList, type PatternListResult, wildcardMatch } from './wildcard.js';

/**
 * Match an address against a `from=`-style list (OpenSSH addr_match_list):
 * entries are wildcard patterns or `addr/bits` networks, `!` negates.
 */
export function matchAddressList(addr: string, patterns: readonly string[]): PatternListResult {
  const parsed = parseIP(addr);
  let matched = false;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const body = negated ? raw.slice(1) : raw;
    let hit: boolean;
    if (body.includes('/')) {
      const cidr = parseCidr(body);
      hit = cidr !== undefined && parsed !== undefined && cidrContains(cidr, parsed);
    } else {
      hit = wildcardMatch(addr.toLowerCase(), body.toLowerCase());
    }
    if (!hit) continue;
    if (negated) return 'negated';
    matched = true;
  }
  return matched ? 'matched' : 'none';
}

/** Whether every `addr/bits` entry of a pattern list is a valid network; returns the first bad one. */
export function findBadCidr(patterns: readonly string[]): string | undefined {
  for (const raw of patterns) {
    const body = raw.startsWith('!') ? raw.slice(1) : raw;
    if (body.includes('/') && !parseCidr(body)) return raw;
  }
  return undefined;
}

/**
 * OpenSSH's match_host_and_ip, as used for `from=`: the client is allowed
 * when its host name or address matches a pattern and neither matches a
 * negated one. `host` may be empty or null when no reverse lookup was made.
 */
export function matchHostAndAddress(
  host: string | null | undefined,
  addr: string | null | undefined,
  patterns: readonly string[],
): boolean {
  const ipResult = addr ? matchAddressList(addr, patterns) : 'none';
  if (ipResult === 'negated') return false;
  const hostResult = host ? matchPatternList(host, patterns) : 'none';
  if (hostResult === 'negated') return false;
  return ipResult === 'matched' || hostResult === 'matched';
}
