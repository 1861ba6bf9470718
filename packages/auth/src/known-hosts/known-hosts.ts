import type { SSHCertificate, SSHKey } from '@ssh/crypto';
import { entryMatches, type KnownHostsEntry, parseKnownHostsLine, type SkippedLine } from './entry.js';

/** The SSH default port: lookups on it use the bare host name, as OpenSSH does. */
export const DEFAULT_SSH_PORT = 22;

/**
 * What matched a host (AsyncSSH's seven lists). X.509 certificates come from
 * `x509v3-*` lines; X.509 subject-name lines are not read yet, so those two
 * lists come back empty from SSHKnownHosts (a callback or explicit lists may
 * still fill them).
 */
export interface KnownHostsMatch {
  /** Trusted host keys. */
  readonly hostKeys: readonly SSHKey[];
  /** Trusted certificate authority keys (`@cert-authority`). */
  readonly caKeys: readonly SSHKey[];
  /** Keys explicitly distrusted (`@revoked`). */
  readonly revokedKeys: readonly SSHKey[];
  /** Trusted X.509 certificates. */
  readonly x509TrustedCerts: readonly SSHCertificate[];
  /** Revoked X.509 certificates (`@revoked`). */
  readonly x509RevokedCerts: readonly SSHCertificate[];
  /** Trusted X.509 subject name patterns; always empty from a parsed file. */
  readonly x509TrustedSubjects: readonly string[];
  /** Revoked X.509 subject name patterns; always empty from a parsed file. */
  readonly x509RevokedSubjects: readonly string[];
}

/** Whether nothing at all matched. */
export function isEmptyMatch(m: KnownHostsMatch): boolean {
  return (
    m.hostKeys.length +
      m.caKeys.length +
      m.revokedKeys.length +
      m.x509TrustedCerts.length +
      m.x509RevokedCerts.length +
      m.x509TrustedSubjects.length +
      m.x509RevokedSubjects.length ===
    0
  );
}

/** The name OpenSSH looks up: the bare name on the default port, `[name]:port` otherwise. */
export function hostPortName(name: string, port: number | null | undefined): string {
  if (name === '' || port == null || port === 0 || port === DEFAULT_SSH_PORT) return name;
  return `[${name}]:${port}`;
}

/**
 * A parsed known_hosts list (AsyncSSH's SSHKnownHosts): plain, negated and
 * wildcard host patterns, `[host]:port`, hashed `|1|salt|hash` hosts, and
 * the `@cert-authority` and `@revoked` markers. Lines whose key cannot be
 * used are skipped (as OpenSSH and AsyncSSH do) and listed in `skipped`;
 * malformed lines throw KnownHostsError.
 */
export class SSHKnownHosts {
  private readonly list: KnownHostsEntry[] = [];
  private readonly skippedLines: SkippedLine[] = [];

  /** Parse known_hosts text (more can be added with `load`). */
  constructor(text = '') {
    this.load(text);
  }

  /** Parse more known_hosts text (e.g. another file) and add its entries after the current ones. */
  load(text: string): this {
    const lines = text.split(/\r?\n/);
    lines.forEach((line, i) => {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) return;
      const parsed = parseKnownHostsLine(trimmed, i + 1);
      if ('marker' in parsed) this.list.push(parsed);
      else this.skippedLines.push(parsed);
    });
    return this;
  }

  /** Every parsed entry, in file order. */
  get entries(): readonly KnownHostsEntry[] {
    return this.list;
  }

  /** Lines skipped because their key could not be imported, with the reason. */
  get skipped(): readonly SkippedLine[] {
    return this.skippedLines;
  }

  /**
   * The entries matching a host and address on a port, without the
   * port-less retry of `match` (what `ssh-keygen -F` lists).
   */
  matchEntries(host: string, addr: string, port?: number | null): KnownHostsEntry[] {
    const h = hostPortName(host, port);
    const a = hostPortName(addr, port);
    return this.list.filter((e) => entryMatches(e, h, a));
  }

  /**
   * Match a host, IP address and port: the trusted host keys, CA keys and
   * revoked keys (plus the empty X.509 lists). When the port is not the
   * default and nothing matched it, the lookup is tried again without it.
   */
  match(host: string, addr: string, port?: number | null): KnownHostsMatch {
    const first = collect(this.matchEntries(host, addr, port));
    if (hostPortName('x', port) !== 'x' && isEmptyMatch(first)) {
      return collect(this.matchEntries(host, addr, null));
    }
    return first;
  }
}

function collect(entries: readonly KnownHostsEntry[]): KnownHostsMatch {
  const hostKeys: SSHKey[] = [];
  const caKeys: SSHKey[] = [];
  const revokedKeys: SSHKey[] = [];
  const x509TrustedCerts: SSHCertificate[] = [];
  const x509RevokedCerts: SSHCertificate[] = [];
  for (const e of entries) {
    if (e.certificate) (e.marker === 'revoked' ? x509RevokedCerts : x509TrustedCerts).push(e.certificate);
    else if (!e.key) continue;
    else if (e.marker === 'revoked') revokedKeys.push(e.key);
    else if (e.marker === 'cert-authority') caKeys.push(e.key);
    else hostKeys.push(e.key);
  }
  return {
    hostKeys,
    caKeys,
    revokedKeys,
    x509TrustedCerts,
    x509RevokedCerts,
    x509TrustedSubjects: [],
    x509RevokedSubjects: [],
  };
}

/** Parse known_hosts text into an SSHKnownHosts (AsyncSSH import_known_hosts). */
export function importKnownHosts(data: string | Uint8Array): SSHKnownHosts {
  return new SSHKnownHosts(typeof data === 'string' ? data : new TextDecoder().decode(data));
}
