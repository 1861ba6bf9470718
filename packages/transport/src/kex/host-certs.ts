import type { SSHCertificate, SSHKey } from '@ssh/crypto';

/** OpenSSH certificate algorithm names end with this (PROTOCOL.certkeys). */
const CERT_SUFFIX = '-cert-v01@openssh.com';

/** The signature algorithm behind a host certificate algorithm (e.g. rsa-sha2-256 for rsa-sha2-256-cert-v01@openssh.com). */
export function certSignatureAlgorithm(certAlgorithm: string): string {
  return certAlgorithm.endsWith(CERT_SUFFIX) ? certAlgorithm.slice(0, -CERT_SUFFIX.length) : certAlgorithm;
}

/** The certificate algorithms a host certificate can be offered under, given the allowed signature algorithms. */
export function certAlgorithms(
  cert: SSHCertificate,
  signature: readonly string[],
  known: readonly string[],
): string[] {
  return cert.key.sigAlgorithms
    .filter((alg) => signature.includes(alg))
    .map((alg) => `${alg}${CERT_SUFFIX}`)
    .filter((alg) => known.includes(alg));
}

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** What signs the exchange hash: the private key, the blob sent as K_S, and the signature algorithm. */
export interface HostKeyChoice {
  readonly key: SSHKey;
  readonly blob: Uint8Array;
  readonly signAlgorithm: string;
}

/**
 * Pick what proves the server's identity for the negotiated host key
 * algorithm: a certificate (sent as K_S, signed by its private key) for a
 * certificate algorithm, else a plain host key.
 */
export function chooseHostKey(
  algorithm: string,
  keys: readonly SSHKey[],
  certs: readonly SSHCertificate[],
): HostKeyChoice | undefined {
  if (algorithm.endsWith(CERT_SUFFIX)) {
    const signAlgorithm = certSignatureAlgorithm(algorithm);
    for (const cert of certs) {
      if (!cert.key.sigAlgorithms.includes(signAlgorithm)) continue;
      const key = keys.find((k) => same(k.publicData, cert.key.publicData));
      if (key) return { key, blob: cert.publicData, signAlgorithm };
    }
    return undefined;
  }
  const key = keys.find((k) => k.sigAlgorithms.includes(algorithm));
  return key ? { key, blob: key.publicData, signAlgorithm: algorithm } : undefined;
}
