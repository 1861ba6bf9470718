import { matchPatternList } from './patterns.js';

/** The hostname canonicalization settings (ssh_config's Canonicalize* keywords, AsyncSSH's option names). */
export interface CanonicalizeSettings {
  /** false: never (default); true: only for direct connections; 'always': also through ProxyCommand/ProxyJump. */
  readonly canonicalizeHostname?: boolean | 'always';
  /** Domain suffixes to try in order; 'none' ends the list. */
  readonly canonicalDomains?: readonly string[];
  /** Keep the unqualified name when no suffix resolves (default true); false makes that an error. */
  readonly canonicalizeFallbackLocal?: boolean;
  /** Names with more dots than this are left alone (default 1). */
  readonly canonicalizeMaxDots?: number;
  /** [source patterns, target patterns] rules: a CNAME target replaces the name when both match. */
  readonly canonicalizePermittedCnames?: ReadonlyArray<readonly [readonly string[], readonly string[]]>;
}

/** What a name lookup found: the canonical name the resolver reports (getaddrinfo's AI_CANONNAME). */
export interface HostLookupResult {
  /** The canonical name, when the resolver reports one. */
  readonly canonicalName?: string | undefined;
}

/** Look a host name up the way the system resolver does; null when it does not resolve. */
export type HostLookup = (name: string) => Promise<HostLookupResult | null>;

/** Hostname canonicalization found no suffix that resolves and CanonicalizeFallbackLocal is off. */
export class CanonicalizeError extends Error {
  /** The host name that could not be canonicalized. */
  readonly host: string;

  constructor(host: string) {
    super(`Could not resolve host "${host}"`);
    this.name = 'CanonicalizeError';
    this.host = host;
  }
}

const isAddress = (host: string) => host.includes(':') || /^[0-9]+(\.[0-9]+){0,3}$/.test(host);

/** Replace `name` by `cname` when a CanonicalizePermittedCNAMEs rule allows it. */
function followCname(name: string, cname: string | undefined, s: CanonicalizeSettings): string {
  if (!cname || cname === name) return name;
  for (const [from, to] of s.canonicalizePermittedCnames ?? []) {
    if (
      matchPatternList(name, from.join(','), true) === 1 &&
      matchPatternList(cname, to.join(','), true) === 1
    ) {
      return cname;
    }
  }
  return name;
}

/**
 * Canonicalize a host name as OpenSSH's ssh does before connecting: addresses are
 * left alone; a name ending in `.` is looked up as is; a name with at most
 * `canonicalizeMaxDots` dots gets each `canonicalDomains` suffix in turn, and the
 * first that resolves is used; a permitted CNAME then replaces it. `direct` says
 * whether the connection is dialled without ProxyCommand/ProxyJump (only 'always'
 * canonicalizes otherwise). Resolves to the name to use (the same one when
 * nothing applies); rejects with CanonicalizeError when nothing resolves and
 * `canonicalizeFallbackLocal` is false.
 */
export async function canonicalizeHost(
  host: string,
  settings: CanonicalizeSettings,
  direct: boolean,
  lookup: HostLookup,
): Promise<string> {
  const mode = settings.canonicalizeHostname ?? false;
  if (mode === false || host === '' || isAddress(host)) return host;
  if (!direct && mode !== 'always') return host;
  const tryName = async (full: string): Promise<string | undefined> => {
    const found = await lookup(full);
    if (found === null) return undefined;
    const name = full.replace(/\.$/, '');
    return followCname(name, found.canonicalName?.replace(/\.$/, ''), settings);
  };
  let resolved: string | undefined;
  let tried = false;
  if (host.endsWith('.')) {
    tried = true;
    resolved = await tryName(host);
  } else if ((host.match(/\./g)?.length ?? 0) <= (settings.canonicalizeMaxDots ?? 1)) {
    tried = true;
    for (const domain of settings.canonicalDomains ?? []) {
      if (domain.toLowerCase() === 'none') break;
      resolved = await tryName(`${host}.${domain}.`);
      if (resolved !== undefined) break;
    }
  }
  if (resolved !== undefined) return resolved;
  if (tried && settings.canonicalizeFallbackLocal === false) throw new CanonicalizeError(host);
  // Not canonicalized: the name as the resolver's search rules find it may still be a permitted CNAME.
  if (settings.canonicalizePermittedCnames?.length) {
    const found = await lookup(host);
    if (found !== null) return followCname(host, found.canonicalName?.replace(/\.$/, ''), settings);
  }
  return host;
}
