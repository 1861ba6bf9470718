import type { SSHCertificate } from './ssh-certificate.js';
import { SSHX509Certificate, SSHX509CertificateChain } from './x509-certificate.js';
import { namesEqual } from './x509-name.js';

/** Longest chain assembled from a pool (a loop or a long pool stops there). */
const MAX_CHAIN = 10;

/**
 * The chain to present for `leaf`: the leaf followed by its issuers found in
 * `pool` (subject of each = issuer of the one before), up to a self-issued
 * certificate or the first issuer not in the pool. The leaf alone when the
 * pool holds none of its issuers.
 */
export function assembleX509Chain(
  leaf: SSHX509Certificate,
  pool: readonly SSHCertificate[],
): SSHX509Certificate | SSHX509CertificateChain {
  const chain = [leaf];
  let current = leaf;
  while (!current.isSelfIssued && chain.length < MAX_CHAIN) {
    const issuer = pool.find(
      (c): c is SSHX509Certificate =>
        c instanceof SSHX509Certificate &&
        !chain.includes(c) &&
        namesEqual(c.subjectName, current.issuerName),
    );
    if (!issuer) break;
    chain.push(issuer);
    current = issuer;
  }
  return chain.length === 1 ? leaf : new SSHX509CertificateChain(chain, leaf.getCommentBytes());
}
