import type { SSHKey } from '@ssh/crypto';
import { matchHostAndAddress } from '../patterns/host-and-ip.js';
import { matchPatternList } from '../patterns/wildcard.js';
import { type AuthorizedKeyEntry, parseAuthorizedKeyLine, type SkippedKeyLine } from './entry.js';
import type { AuthorizedKeyOptions } from './options.js';

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether one certificate principal matches a `principals=` list (wildcards, `!` negation, case-sensitive). */
function principalsMatch(principals: readonly string[], patterns: readonly string[]): boolean {
  return principals.some((p) => matchPatternList(p, patterns, false) === 'matched');
}

/**
 * A parsed authorized_keys list (AsyncSSH's SSHAuthorizedKeys): keys with
 * their options. Lines whose key cannot be used are skipped (as sshd and
 * AsyncSSH do) and listed in `skipped`; bad options throw AuthorizedKeysError.
 */
export class SSHAuthorizedKeys {
  private readonly list: AuthorizedKeyEntry[] = [];
  private readonly skippedLines: SkippedKeyLine[] = [];

  /** Parse authorized_keys text (more can be added with `load`). */
  constructor(text = '') {
    this.load(text);
  }

  /** Parse more authorized_keys text (e.g. another file) and add its entries. */
  load(text: string): this {
    text.split(/\r?\n/).forEach((line, i) => {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) return;
      const parsed = parseAuthorizedKeyLine(trimmed, i + 1);
      if ('key' in parsed) this.list.push(parsed);
      else this.skippedLines.push(parsed);
    });
    return this;
  }

  /** Every parsed entry, in file order. */
  get entries(): readonly AuthorizedKeyEntry[] {
    return this.list;
  }

  /** Lines skipped because their key could not be imported, with the reason. */
  get skipped(): readonly SkippedKeyLine[] {
    return this.skippedLines;
  }

  /**
   * The options of the first entry that authorizes `key` for a client
   * (AsyncSSH validate), or null. An entry applies when its key is `key`,
   * its `cert-authority` flag equals `ca`, its `from=` list admits the
   * client host name or address (names only when `clientHost` is given,
   * e.g. after a reverse lookup; every `from=` must admit it), its
   * `expiry-time` has not passed, and, when certificate principals are
   * given, each `principals=` list matches one of them.
   */
  validate(
    key: SSHKey,
    clientHost: string | null,
    clientAddr: string | null,
    certPrincipals: readonly string[] | null = null,
    ca = false,
    now: Date | number = Date.now(),
  ): AuthorizedKeyOptions | null {
    const blob = key.publicData;
    const nowMs = typeof now === 'number' ? now : now.getTime();
    for (const entry of this.list) {
      const o = entry.options;
      if (Boolean(o['cert-authority']) !== ca) continue;
      if (!sameBytes(entry.key.publicData, blob)) continue;
      if (!entry.clauses.from.every((list) => matchHostAndAddress(clientHost, clientAddr, list))) continue;
      const expiry = o['expiry-time'] as Date | undefined;
      if (expiry && expiry.getTime() <= nowMs) continue;
      if (
        certPrincipals &&
        !entry.clauses.principals.every((list) => principalsMatch(certPrincipals, list))
      ) {
        continue;
      }
      return o;
    }
    return null;
  }
}

/** Parse authorized_keys text into an SSHAuthorizedKeys (AsyncSSH import_authorized_keys). */
export function importAuthorizedKeys(data: string | Uint8Array): SSHAuthorizedKeys {
  return new SSHAuthorizedKeys(typeof data === 'string' ? data : new TextDecoder().decode(data));
}
