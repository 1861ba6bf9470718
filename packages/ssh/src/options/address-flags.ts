import dns from 'node:dns';

/** getaddrinfo's AI_PASSIVE: only matters for a wildcard host, which listen handles itself. */
export const AI_PASSIVE = 1;

const LOOKUP_FLAGS = dns.ADDRCONFIG | dns.V4MAPPED | dns.ALL;

/**
 * The `flags` option as node's dns.lookup hints: dns.ADDRCONFIG, dns.V4MAPPED
 * and dns.ALL (getaddrinfo's AI_* flags; AI_PASSIVE is accepted and needs no
 * hint). Throws a TypeError naming the option for any other bit.
 */
export function lookupHints(fn: string, flags: number | undefined): number {
  if (flags === undefined) return 0;
  const hints = flags & ~AI_PASSIVE;
  if ((hints & ~LOOKUP_FLAGS) !== 0) {
    throw new TypeError(
      `${fn}: option "flags" may only combine dns.ADDRCONFIG, dns.V4MAPPED, dns.ALL and AI_PASSIVE (1), not ${flags}`,
    );
  }
  return hints;
}
