/**
 * Key exchange methods offered by default, in preference order: AsyncSSH
 * 2.21's default list (without the gss-* methods) minus the SHA-1 exchange
 * OpenSSH 10 no longer enables (diffie-hellman-group14-sha1).
 */
export const KEX_DEFAULT_ALGORITHMS: readonly string[] = [
  'mlkem768x25519-sha256',
  'mlkem768nistp256-sha256',
  'mlkem1024nistp384-sha384',
  'sntrup761x25519-sha512',
  'sntrup761x25519-sha512@openssh.com',
  'curve25519-sha256',
  'curve25519-sha256@libssh.org',
  'curve448-sha512',
  'ecdh-sha2-nistp521',
  'ecdh-sha2-nistp384',
  'ecdh-sha2-nistp256',
  'ecdh-sha2-1.3.132.0.10',
  'diffie-hellman-group-exchange-sha256',
  'diffie-hellman-group14-sha256',
  'diffie-hellman-group15-sha512',
  'diffie-hellman-group16-sha512',
  'diffie-hellman-group17-sha512',
  'diffie-hellman-group18-sha512',
  'diffie-hellman-group14-sha256@ssh.com',
  'rsa2048-sha256',
];

/** Every key exchange method supported: the defaults, then those a user must enable with `+`. */
export const KEX_SUPPORTED_ALGORITHMS: readonly string[] = [
  ...KEX_DEFAULT_ALGORITHMS,
  'diffie-hellman-group14-sha1',
  'diffie-hellman-group-exchange-sha224@ssh.com',
  'diffie-hellman-group-exchange-sha384@ssh.com',
  'diffie-hellman-group-exchange-sha512@ssh.com',
  'diffie-hellman-group-exchange-sha1',
  'diffie-hellman-group14-sha224@ssh.com',
  'diffie-hellman-group15-sha256@ssh.com',
  'diffie-hellman-group15-sha384@ssh.com',
  'diffie-hellman-group16-sha384@ssh.com',
  'diffie-hellman-group16-sha512@ssh.com',
  'diffie-hellman-group18-sha512@ssh.com',
  'diffie-hellman-group1-sha1',
  'rsa1024-sha1',
];

/** Supported methods considered insecure (SHA-1 exchange hash, 1024-bit groups or keys). */
export const KEX_INSECURE_ALGORITHMS: readonly string[] = [
  'diffie-hellman-group14-sha1',
  'diffie-hellman-group-exchange-sha1',
  'diffie-hellman-group1-sha1',
  'rsa1024-sha1',
];
