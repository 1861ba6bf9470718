/**
 * MACs offered by default, in preference order: AsyncSSH 2.21's default list.
 * OpenSSH 10 still enables every OpenSSH-named one of these (hmac-sha1 and
 * hmac-sha1-etm included); the ssh.com names are AsyncSSH's.
 */
export const MAC_DEFAULT_ALGORITHMS: readonly string[] = [
  'umac-64-etm@openssh.com',
  'umac-128-etm@openssh.com',
  'hmac-sha2-256-etm@openssh.com',
  'hmac-sha2-512-etm@openssh.com',
  'hmac-sha1-etm@openssh.com',
  'umac-64@openssh.com',
  'umac-128@openssh.com',
  'hmac-sha2-256',
  'hmac-sha2-512',
  'hmac-sha1',
  'hmac-sha256-2@ssh.com',
  'hmac-sha224@ssh.com',
  'hmac-sha256@ssh.com',
  'hmac-sha384@ssh.com',
  'hmac-sha512@ssh.com',
];

/** Every MAC supported: the defaults, then those a user must enable with `+` (AsyncSSH's order). */
export const MAC_SUPPORTED_ALGORITHMS: readonly string[] = [
  ...MAC_DEFAULT_ALGORITHMS,
  'hmac-md5-etm@openssh.com',
  'hmac-sha2-256-96-etm@openssh.com',
  'hmac-sha2-512-96-etm@openssh.com',
  'hmac-sha1-96-etm@openssh.com',
  'hmac-md5-96-etm@openssh.com',
  'hmac-md5',
  'hmac-sha2-256-96',
  'hmac-sha2-512-96',
  'hmac-sha1-96',
  'hmac-md5-96',
];

/** Supported MACs considered insecure: MD5-based and 96-bit SHA-1 tags. */
export const MAC_INSECURE_ALGORITHMS: readonly string[] = [
  'hmac-md5-etm@openssh.com',
  'hmac-md5-96-etm@openssh.com',
  'hmac-md5',
  'hmac-md5-96',
  'hmac-sha1-96-etm@openssh.com',
  'hmac-sha1-96',
];
