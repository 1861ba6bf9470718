import { importCertificate, type SSHCertificate, type SSHKey } from '@ssh/crypto';
import { KnownHostsError } from '../errors.js';
import { matchPatternList, splitPatternList } from '../patterns/wildcard.js';
import { importKeyText } from '../public-key-text.js';
import { type HashedHost, hashedHostMatches, parseHashedHost } from './hashed.js';

/** The marker that may start a known_hosts line. */
export type KnownHostsMarker = 'cert-authority' | 'revoked';

/** One parsed known_hosts line. */
export interface KnownHostsEntry {
  /** 1-based line number within the text it came from. */
  readonly lineNumber: number;
  /** `@cert-authority`, `@revoked`, or null for a plain host key. */
  readonly marker: KnownHostsMarker | null;
  /** The comma-separated host patterns of a plain entry (null when hashed). */
  readonly patterns: readonly string[] | null;
  /** The salt and HMAC of a hashed entry (null when plain). */
  readonly hashed: HashedHost | null;
  /** The key on the line, or null when the line holds an X.509 certificate. */
  readonly key: SSHKey | null;
  /** The X.509 certificate on the line (OpenSSH `x509v3-*` form), or null for a key. */
  readonly certificate: SSHCertificate | null;
}

/** A line that was skipped because its key could not be used (unknown type, bad base64, invalid key). */
export interface SkippedLine {
  readonly lineNumber: number;
  readonly reason: string;
}

/** Parse one non-blank, non-comment line: an entry, a skipped line, or a KnownHostsError. */
export function parseKnownHostsLine(line: string, lineNumber: number): KnownHostsEntry | SkippedLine {
  let rest = line.trim();
  let marker: KnownHostsMarker | null = null;
  if (rest.startsWith('@')) {
    const m = /^@(\S+)\s+(.*)$/.exec(rest);
    if (!m) throw new KnownHostsError('marker with no host patterns or key', lineNumber);
    const name = (m[1] as string).toLowerCase();
    if (name !== 'cert-authority' && name !== 'revoked') {
      throw new KnownHostsError(`unknown marker '@${m[1]}'`, lineNumber);
    }
    marker = name;
    rest = m[2] as string;
  }
  const m = /^(\S+)\s+(\S.*)$/.exec(rest);
  if (!m) throw new KnownHostsError('entry has host patterns but no key', lineNumber);
  const hostField = m[1] as string;
  const hashed = hostField.startsWith('|') ? parseHashedHost(hostField, lineNumber) : null;
  const patterns = hashed ? null : splitPatternList(hostField);
  if (patterns && patterns.length === 0) throw new KnownHostsError('empty host pattern list', lineNumber);
  const keyText = m[2] as string;
  const imported = importKeyText(keyText);
  if (imported.ok) return { lineNumber, marker, patterns, hashed, key: imported.key, certificate: null };
  if (keyText.startsWith('x509v3-')) {
    try {
      const certificate = importCertificate(keyText);
      return { lineNumber, marker, patterns, hashed, key: null, certificate };
    } catch (e) {
      return {
        lineNumber,
        reason: `cannot import X.509 certificate: ${e instanceof Error ? e.message : String(e)}`,
      };
    }
  }
  return { lineNumber, reason: imported.reason };
}

/**
 * Whether an entry applies to a host name and address (each already in
 * `[name]:port` form for a non-default port; either may be empty).
 * A plain entry matches when one of them matches a pattern and neither
 * matches a negated pattern; a hashed entry when one of them hashes to it.
 */
export function entryMatches(entry: KnownHostsEntry, host: string, addr: string): boolean {
  const names = [host, addr].filter((n) => n !== '');
  if (entry.hashed) {
    const hashed = entry.hashed;
    return names.some((n) => hashedHostMatches(hashed, n) || hashedHostMatches(hashed, n.toLowerCase()));
  }
  const patterns = entry.patterns ?? [];
  let matched = false;
  for (const n of names) {
    const r = matchPatternList(n, patterns);
    if (r === 'negated') return false;
    if (r === 'matched') matched = true;
  }
  return matched;
}
