import { CertificateImportError } from '../errors.js';
import type { KeyBackend } from '../keys/types.js';
import type { SSHCertificate } from './ssh-certificate.js';

/** Load an X.509 certificate from DER. */
export function x509FromDer(
  _der: Uint8Array,
  _backend: KeyBackend,
  _comment: Uint8Array | null,
): SSHCertificate {
  throw new CertificateImportError('X.509 certificates are not supported yet');
}

/** Load an X.509 certificate chain from an RFC 6187 x509v3-* blob. */
export function x509FromSSHBlob(
  _blob: Uint8Array,
  _backend: KeyBackend,
  _comment: Uint8Array | null,
): SSHCertificate {
  throw new CertificateImportError('X.509 certificates are not supported yet');
}
