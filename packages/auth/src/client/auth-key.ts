/**
 * A key the client can authenticate with: an `SSHKey` from `@ssh/crypto`, an
 * agent key pair, or anything that signs with the named algorithms.
 */
export interface ClientAuthKey {
  /** The public key blob. */
  readonly publicData: Uint8Array;
  /** Signature algorithms the key can use, preferred first. */
  readonly sigAlgorithms: readonly string[];
  /** Sign `data`, returning an SSH signature blob. */
  sign(data: Uint8Array, algorithm: string): Uint8Array | Promise<Uint8Array>;
}

/**
 * The signature algorithm to use with a key: the first the key offers that
 * the client allows and the server accepts (`server-sig-algs`, RFC 8308
 * §3.1). Without server-sig-algs an RSA key falls back to `ssh-rsa`, as
 * OpenSSH does with servers that predate RFC 8332.
 */
export function chooseSignatureAlgorithm(
  key: ClientAuthKey,
  allowed: readonly string[],
  serverSigAlgs: readonly string[] | undefined,
): string | undefined {
  // A certificate algorithm is judged by the plain algorithm it signs with (server-sig-algs lists only those).
  const plain = (a: string) => a.replace(CERT_SUFFIX, '');
  const usable = key.sigAlgorithms.filter((a) => allowed.includes(plain(a)));
  if (serverSigAlgs) return usable.find((a) => serverSigAlgs.includes(plain(a)));
  const sha1 = key.sigAlgorithms.find((a) => plain(a) === 'ssh-rsa');
  if (sha1) return sha1;
  return usable[0];
}

/** The suffix of OpenSSH certificate algorithm names (PROTOCOL.certkeys). */
const CERT_SUFFIX = '-cert-v01@openssh.com';
