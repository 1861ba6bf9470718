/**
 * Encryption algorithms offered by default, in preference order: AsyncSSH
 * 2.21's defaults, which are also OpenSSH 10's.
 */
export const CIPHER_DEFAULT_ALGORITHMS: readonly string[] = [
  'chacha20-poly1305@openssh.com',
  'aes256-gcm@openssh.com',
  'aes128-gcm@openssh.com',
  'aes256-ctr',
  'aes192-ctr',
  'aes128-ctr',
];

/**
 * Every encryption algorithm AsyncSSH 2.21 lists: the defaults, then the CBC
 * and older ciphers OpenSSH no longer enables (a user adds them with `+`).
 * A registry keeps only those its path implements: see the README for the
 * ones OpenSSL 3.0 moved to its legacy provider.
 */
export const CIPHER_SUPPORTED_ALGORITHMS: readonly string[] = [
  ...CIPHER_DEFAULT_ALGORITHMS,
  'aes256-cbc',
  'aes192-cbc',
  'aes128-cbc',
  '3des-cbc',
  'blowfish-cbc',
  'cast128-cbc',
  'seed-cbc@ssh.com',
  'arcfour256',
  'arcfour128',
  'arcfour',
];

/** Supported ciphers considered insecure: CBC modes (RFC 4253 §6.3 length oracles), 64-bit blocks, RC4. */
export const CIPHER_INSECURE_ALGORITHMS: readonly string[] = [
  'aes256-cbc',
  'aes192-cbc',
  'aes128-cbc',
  '3des-cbc',
  'blowfish-cbc',
  'cast128-cbc',
  'seed-cbc@ssh.com',
  'arcfour256',
  'arcfour128',
  'arcfour',
];
