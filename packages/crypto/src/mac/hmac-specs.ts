import type { HashName } from '../hash/types.js';

/** Parameters of one HMAC-based SSH MAC. */
export interface HmacSpec {
  /** The hash under HMAC (RFC 2104). */
  readonly hash: HashName;
  /** Key length in bytes. */
  readonly keyLength: number;
  /** Tag length in bytes (a truncated HMAC keeps the leftmost bytes, RFC 2104 §5). */
  readonly tagLength: number;
  /** Encrypt-then-MAC (OpenSSH PROTOCOL §1.5). */
  readonly etm: boolean;
}

const spec = (hash: HashName, keyLength: number, tagLength: number, etm = false): HmacSpec => ({
  hash,
  keyLength,
  tagLength,
  etm,
});

/**
 * Every HMAC MAC AsyncSSH 2.21 lists. Key and tag lengths: RFC 4253 §6.4
 * (hmac-sha1, -96, md5), RFC 6668 §2 (hmac-sha2-*), OpenSSH PROTOCOL §1.5
 * (-etm@openssh.com), and the ssh.com variants with the key lengths AsyncSSH uses.
 */
export const HMAC_SPECS: Readonly<Record<string, HmacSpec>> = {
  'hmac-sha2-256-etm@openssh.com': spec('sha256', 32, 32, true),
  'hmac-sha2-512-etm@openssh.com': spec('sha512', 64, 64, true),
  'hmac-sha1-etm@openssh.com': spec('sha1', 20, 20, true),
  'hmac-md5-etm@openssh.com': spec('md5', 16, 16, true),
  'hmac-sha2-256-96-etm@openssh.com': spec('sha256', 32, 12, true),
  'hmac-sha2-512-96-etm@openssh.com': spec('sha512', 64, 12, true),
  'hmac-sha1-96-etm@openssh.com': spec('sha1', 20, 12, true),
  'hmac-md5-96-etm@openssh.com': spec('md5', 16, 12, true),
  'hmac-sha2-256': spec('sha256', 32, 32),
  'hmac-sha2-512': spec('sha512', 64, 64),
  'hmac-sha1': spec('sha1', 20, 20),
  'hmac-sha256-2@ssh.com': spec('sha256', 32, 32),
  'hmac-sha224@ssh.com': spec('sha224', 28, 28),
  'hmac-sha256@ssh.com': spec('sha256', 16, 32),
  'hmac-sha384@ssh.com': spec('sha384', 48, 48),
  'hmac-sha512@ssh.com': spec('sha512', 64, 64),
  'hmac-md5': spec('md5', 16, 16),
  'hmac-sha2-256-96': spec('sha256', 32, 12),
  'hmac-sha2-512-96': spec('sha512', 64, 12),
  'hmac-sha1-96': spec('sha1', 20, 12),
  'hmac-md5-96': spec('md5', 16, 12),
};
