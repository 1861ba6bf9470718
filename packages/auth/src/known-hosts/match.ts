import { importCertificate, importPublicKey, SSHCertificate, SSHKey } from '@ssh/crypto';
import { KnownHostsError } from '../errors.js';
import { importKnownHosts, type KnownHostsMatch, SSHKnownHosts } from './known-hosts.js';

/** A key given directly: an SSHKey, or OpenSSH public key data (`type base64 comment`). */
export type KnownHostsKey = SSHKey | Uint8Array;

/** The three legacy lists: trusted host keys, trusted CA keys, revoked keys. */
export type KnownHostsLists3 = readonly [
  readonly KnownHostsKey[],
  readonly KnownHostsKey[],
  readonly KnownHostsKey[],
];

/** A certificate given directly: an SSHCertificate, or certificate data (PEM, DER, OpenSSH line). */
export type KnownHostsCert = SSHCertificate | Uint8Array;

/** The seven lists: the three key lists, then X.509 trusted / revoked certs and subject names. */
export type KnownHostsLists7 = readonly [
  readonly KnownHostsKey[],
  readonly KnownHostsKey[],
  readonly KnownHostsKey[],
  readonly KnownHostsCert[],
  readonly KnownHostsCert[],
  readonly string[],
  readonly string[],
];

/** Explicit lists, used as they are without matching. */
export type KnownHostsLists = KnownHostsLists3 | KnownHostsLists7;

/** An application matcher: given (host, addr, port) it returns the lists for that host. */
export type KnownHostsCallback = (
  host: string,
  addr: string,
  port: number | null,
) => KnownHostsLists | KnownHostsMatch;

/**
 * The `knownHosts` forms the neutral entry accepts: known_hosts data as
 * bytes, a parsed SSHKnownHosts, a callback, or explicit lists. File names
 * (a string or a list of strings) are read by the `@ssh/auth/node` entry.
 */
export type KnownHostsArg = Uint8Array | SSHKnownHosts | KnownHostsCallback | KnownHostsLists;

function toKey(k: KnownHostsKey, where: string): SSHKey {
  if (k instanceof SSHKey) return k;
  if (k instanceof Uint8Array) {
    try {
      return importPublicKey(k);
    } catch (e) {
      throw new KnownHostsError(`${where}: ${e instanceof Error ? e.message : String(e)}`, 0, { cause: e });
    }
  }
  throw new KnownHostsError(`${where}: expected an SSHKey or public key data`);
}

function toCert(c: KnownHostsCert, where: string): SSHCertificate {
  if (c instanceof SSHCertificate) return c;
  try {
    return importCertificate(c);
  } catch (e) {
    throw new KnownHostsError(`${where}: ${e instanceof Error ? e.message : String(e)}`, 0, { cause: e });
  }
}

function isMatchObject(v: unknown): v is KnownHostsMatch {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'hostKeys' in v;
}

/** Turn three or seven explicit lists (or a match object) into a KnownHostsMatch. */
export function listsToMatch(lists: KnownHostsLists | KnownHostsMatch): KnownHostsMatch {
  if (isMatchObject(lists)) return lists;
  if (!Array.isArray(lists) || (lists.length !== 3 && lists.length !== 7)) {
    throw new KnownHostsError('known hosts lists must be 3 or 7 lists');
  }
  const [hosts, cas, revoked] = lists;
  const seven = lists.length === 7 ? (lists as KnownHostsLists7) : undefined;
  return {
    hostKeys: hosts.map((k) => toKey(k, 'trusted host key')),
    caKeys: cas.map((k) => toKey(k, 'trusted CA key')),
    revokedKeys: revoked.map((k) => toKey(k, 'revoked key')),
    x509TrustedCerts: (seven?.[3] ?? []).map((c) => toCert(c, 'trusted X.509 certificate')),
    x509RevokedCerts: (seven?.[4] ?? []).map((c) => toCert(c, 'revoked X.509 certificate')),
    x509TrustedSubjects: seven?.[5] ?? [],
    x509RevokedSubjects: seven?.[6] ?? [],
  };
}

/**
 * Match a host, IP address and port against any accepted known_hosts form
 * (AsyncSSH match_known_hosts) and return the trusted host keys, CA keys and
 * revoked keys (plus the X.509 lists, empty unless given). Explicit lists are
 * returned as they are; a callback decides by itself; parsed data retries
 * without the port when nothing matched a non-default one.
 */
export function matchKnownHosts(
  knownHosts: KnownHostsArg,
  host: string,
  addr: string,
  port?: number | null,
): KnownHostsMatch {
  if (knownHosts instanceof SSHKnownHosts) return knownHosts.match(host, addr, port);
  if (knownHosts instanceof Uint8Array) return importKnownHosts(knownHosts).match(host, addr, port);
  if (typeof knownHosts === 'function') return listsToMatch(knownHosts(host, addr, port ?? null));
  if (typeof knownHosts === 'string' || (Array.isArray(knownHosts) && typeof knownHosts[0] === 'string')) {
    throw new KnownHostsError('known_hosts file names are read by matchKnownHosts from @ssh/auth/node');
  }
  return listsToMatch(knownHosts);
}
