/**
 * OpenSSH certificate algorithm names (PROTOCOL.certkeys): each v01 type,
 * the plain key type it certifies, and the certificate signature algorithm
 * names a certified key signs with.
 */

const SUFFIX = '-cert-v01@openssh.com';

/** Every OpenSSH v01 certificate type, by the key type it certifies. */
export const OPENSSH_CERT_TYPES: Readonly<Record<string, string>> = {
  'ssh-ed25519-cert-v01@openssh.com': 'ssh-ed25519',
  'ssh-ed448-cert-v01@openssh.com': 'ssh-ed448',
  'ecdsa-sha2-nistp521-cert-v01@openssh.com': 'ecdsa-sha2-nistp521',
  'ecdsa-sha2-nistp384-cert-v01@openssh.com': 'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp256-cert-v01@openssh.com': 'ecdsa-sha2-nistp256',
  'ecdsa-sha2-1.3.132.0.10-cert-v01@openssh.com': 'ecdsa-sha2-1.3.132.0.10',
  'ssh-rsa-cert-v01@openssh.com': 'ssh-rsa',
  'ssh-dss-cert-v01@openssh.com': 'ssh-dss',
  'sk-ssh-ed25519-cert-v01@openssh.com': 'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256-cert-v01@openssh.com': 'sk-ecdsa-sha2-nistp256@openssh.com',
};

/**
 * Certificate signature algorithms (the names used in KEXINIT and userauth
 * with a certificate) and the plain signature algorithm each one means.
 */
export const OPENSSH_CERT_SIG_ALGORITHMS: Readonly<Record<string, string>> = {
  'sk-ssh-ed25519-cert-v01@openssh.com': 'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256-cert-v01@openssh.com': 'sk-ecdsa-sha2-nistp256@openssh.com',
  'ssh-ed25519-cert-v01@openssh.com': 'ssh-ed25519',
  'ssh-ed448-cert-v01@openssh.com': 'ssh-ed448',
  'ecdsa-sha2-nistp521-cert-v01@openssh.com': 'ecdsa-sha2-nistp521',
  'ecdsa-sha2-nistp384-cert-v01@openssh.com': 'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp256-cert-v01@openssh.com': 'ecdsa-sha2-nistp256',
  'ecdsa-sha2-1.3.132.0.10-cert-v01@openssh.com': 'ecdsa-sha2-1.3.132.0.10',
  'rsa-sha2-256-cert-v01@openssh.com': 'rsa-sha2-256',
  'rsa-sha2-512-cert-v01@openssh.com': 'rsa-sha2-512',
  'ssh-rsa-cert-v01@openssh.com': 'ssh-rsa',
  'ssh-dss-cert-v01@openssh.com': 'ssh-dss',
};

/** Certificate algorithms off by default (their signatures are SHA-1). */
export const INSECURE_OPENSSH_CERT_ALGORITHMS: readonly string[] = [
  'ssh-rsa-cert-v01@openssh.com',
  'ssh-dss-cert-v01@openssh.com',
];

/** True when `name` is an OpenSSH v01 certificate type. */
export function isOpenSSHCertType(name: string): boolean {
  return Object.hasOwn(OPENSSH_CERT_TYPES, name);
}

/** The certificate type that certifies keys of `keyType`, or undefined when there is none. */
export function certTypeForKeyType(keyType: string): string | undefined {
  const base = keyType.endsWith('@openssh.com') ? keyType.slice(0, -'@openssh.com'.length) : keyType;
  const name = `${base}${SUFFIX}`;
  return isOpenSSHCertType(name) ? name : undefined;
}

/**
 * The plain signature algorithm behind a certificate signature algorithm
 * ('rsa-sha2-256-cert-v01@openssh.com' → 'rsa-sha2-256'), or undefined.
 */
export function keySigAlgorithmForCertAlgorithm(certAlg: string): string | undefined {
  return Object.hasOwn(OPENSSH_CERT_SIG_ALGORITHMS, certAlg)
    ? OPENSSH_CERT_SIG_ALGORITHMS[certAlg]
    : undefined;
}

/** The certificate signature algorithms a certificate of `certType` can be used with. */
export function certSigAlgorithmsForCertType(certType: string): string[] {
  const keyType = OPENSSH_CERT_TYPES[certType];
  if (keyType === undefined) return [];
  if (keyType === 'ssh-rsa') {
    return ['rsa-sha2-256-cert-v01@openssh.com', 'rsa-sha2-512-cert-v01@openssh.com', certType];
  }
  return [certType];
}

/**
 * Certificate, X.509 and security-key public key algorithms in AsyncSSH
 * 2.21's preference order (they precede the plain key algorithms in
 * KEXINIT and server-sig-algs).
 */
export const SUPPORTED_CERT_PUBLIC_KEY_ALGORITHMS: readonly string[] = [
  'x509v3-ssh-ed25519',
  'x509v3-ssh-ed448',
  'x509v3-ecdsa-sha2-nistp521',
  'x509v3-ecdsa-sha2-nistp384',
  'x509v3-ecdsa-sha2-nistp256',
  'x509v3-ecdsa-sha2-1.3.132.0.10',
  'x509v3-rsa2048-sha256',
  'x509v3-ssh-rsa',
  'x509v3-ssh-dss',
  'sk-ssh-ed25519-cert-v01@openssh.com',
  'sk-ecdsa-sha2-nistp256-cert-v01@openssh.com',
  'ssh-ed25519-cert-v01@openssh.com',
  'ssh-ed448-cert-v01@openssh.com',
  'ecdsa-sha2-nistp521-cert-v01@openssh.com',
  'ecdsa-sha2-nistp384-cert-v01@openssh.com',
  'ecdsa-sha2-nistp256-cert-v01@openssh.com',
  'ecdsa-sha2-1.3.132.0.10-cert-v01@openssh.com',
  'rsa-sha2-256-cert-v01@openssh.com',
  'rsa-sha2-512-cert-v01@openssh.com',
  'ssh-rsa-cert-v01@openssh.com',
  'ssh-dss-cert-v01@openssh.com',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
];

/** Of those, the ones off by default: SHA-1 signatures (as OpenSSH 10 and the design's rule). */
export const INSECURE_CERT_PUBLIC_KEY_ALGORITHMS: readonly string[] = [
  'x509v3-ssh-rsa',
  'x509v3-ssh-dss',
  ...INSECURE_OPENSSH_CERT_ALGORITHMS,
];

/** Of those, the ones on by default. */
export const DEFAULT_CERT_PUBLIC_KEY_ALGORITHMS: readonly string[] =
  SUPPORTED_CERT_PUBLIC_KEY_ALGORITHMS.filter((a) => !INSECURE_CERT_PUBLIC_KEY_ALGORITHMS.includes(a));
