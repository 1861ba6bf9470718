import { CertificateImportError, KeyImportError, SignatureError } from '../errors.js';
import { decodePublicBlob } from '../keys/blob.js';
import { decodeSignatureBlob } from '../keys/signature.js';
import { SSHKey } from '../keys/ssh-key.js';
import type { KeyBackend } from '../keys/types.js';
import { decodeOpenSSHCertBlob } from './openssh-cert-codec.js';
import { SSHOpenSSHCertificate } from './openssh-certificate.js';

/**
 * Decode an OpenSSH certificate blob and check the CA signature over it
 * with the signing key it names. CertificateImportError when the blob is
 * malformed, the signing key is invalid (or itself a certificate), a known
 * critical option is malformed, or the signature does not verify.
 */
export function openSSHCertificateFromBlob(
  blob: Uint8Array,
  backend: KeyBackend,
  comment: Uint8Array | null = null,
): SSHOpenSSHCertificate {
  const parts = decodeOpenSSHCertBlob(blob, backend);
  let signingKey: SSHKey;
  try {
    signingKey = new SSHKey(decodePublicBlob(parts.signatureKey, backend), backend);
  } catch (e) {
    const why = e instanceof KeyImportError ? e.message : String(e);
    throw new CertificateImportError(`invalid certificate signing key: ${why}`, { cause: e });
  }
  let sigAlg: string;
  try {
    sigAlg = decodeSignatureBlob(parts.signature).algorithm;
    signingKey.checkSignature(parts.signedData, parts.signature);
  } catch (e) {
    const why = e instanceof SignatureError ? e.message : String(e);
    throw new CertificateImportError(`invalid certificate signature: ${why}`, { cause: e });
  }
  try {
    return new SSHOpenSSHCertificate(parts, new SSHKey(parts.key, backend), signingKey, sigAlg, comment);
  } catch (e) {
    throw new CertificateImportError(
      `invalid ${parts.certAlgorithm} critical option: ${e instanceof Error ? e.message : String(e)}`,
      { cause: e },
    );
  }
}
