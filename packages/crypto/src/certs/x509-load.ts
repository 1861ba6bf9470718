import { PacketReader } from '@ssh/wire';
import { CertificateImportError } from '../errors.js';
import { decodePublicBlob } from '../keys/blob.js';
import { SSHKey } from '../keys/ssh-key.js';
import type { KeyBackend } from '../keys/types.js';
import type { SSHCertificate } from './ssh-certificate.js';
import { SSHX509Certificate, SSHX509CertificateChain } from './x509-certificate.js';
import { decodeX509 } from './x509-parse.js';

function wrap(e: unknown, what: string): CertificateImportError {
  if (e instanceof CertificateImportError) return e;
  return new CertificateImportError(`${what}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}

/** Load an X.509 certificate from DER; CertificateImportError when malformed or its key is unsupported. */
export function x509FromDer(
  der: Uint8Array,
  backend: KeyBackend,
  comment: Uint8Array | null,
): SSHX509Certificate {
  try {
    const parts = decodeX509(der);
    return new SSHX509Certificate(
      parts,
      new SSHKey(decodePublicBlob(parts.keyBlob, backend), backend),
      // The comment inside the certificate wins over the one beside it, as in AsyncSSH.
      parts.comment ?? comment,
    );
  } catch (e) {
    throw wrap(e, 'invalid X.509 certificate');
  }
}

/**
 * Load an RFC 6187 x509v3-* blob: one certificate, or a chain (end entity
 * first). CertificateImportError when malformed or when the algorithm name
 * does not fit the end-entity key.
 */
export function x509FromSSHBlob(
  blob: Uint8Array,
  backend: KeyBackend,
  comment: Uint8Array | null,
): SSHCertificate {
  let algorithm: string;
  const ders: Uint8Array[] = [];
  try {
    const r = new PacketReader(blob);
    algorithm = r.readName('algorithm');
    const n = r.readUint32('certificate count');
    if (n < 1 || n > 64) throw new CertificateImportError(`an X.509 chain of ${n} certificates`);
    for (let i = 0; i < n; i++) ders.push(r.readString('certificate'));
    const ocsp = r.readUint32('OCSP response count');
    for (let i = 0; i < ocsp; i++) r.readString('OCSP response');
    r.expectEnd('x509v3 certificate blob');
  } catch (e) {
    throw wrap(e, 'invalid x509v3 certificate blob');
  }
  const certs = ders.map((d) => x509FromDer(d, backend, null));
  const leaf = certs[0] as SSHX509Certificate;
  if (!leaf.sigAlgorithms.includes(algorithm)) {
    throw new CertificateImportError(
      `x509v3 blob says '${algorithm}' but holds a ${leaf.key.algorithm} certificate`,
    );
  }
  if (certs.length === 1) {
    if (leaf.getCommentBytes() === null) leaf.setComment(comment);
    return leaf;
  }
  return new SSHX509CertificateChain(certs, comment);
}
