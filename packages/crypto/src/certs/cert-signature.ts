import { PacketWriter } from '@ssh/wire';
import { SignatureError } from '../errors.js';
import { decodeSignatureBlob, encodeSignatureBlob } from '../keys/signature.js';
import type { SSHKey } from '../keys/ssh-key.js';
import { keySigAlgorithmForCertAlgorithm } from './cert-algorithms.js';
import type { SSHCertificate } from './ssh-certificate.js';
import { keySigAlgorithmForX509Algorithm } from './x509-certificate.js';

/** RFC 6187 §3.1 names the RSA SHA-256 signature of x509v3-rsa2048-sha256 'rsa2048-sha256'. */
const RSA2048_SHA256 = 'rsa2048-sha256';

/**
 * The plain signature algorithm a certificate algorithm name stands for
 * ('rsa-sha2-512-cert-v01@openssh.com' → 'rsa-sha2-512',
 * 'x509v3-rsa2048-sha256' → 'rsa-sha2-256'), or undefined.
 */
export function keySigAlgorithmFor(certSigAlgorithm: string): string | undefined {
  return (
    keySigAlgorithmForCertAlgorithm(certSigAlgorithm) ?? keySigAlgorithmForX509Algorithm(certSigAlgorithm)
  );
}

/**
 * Verify a signature made by the key of `cert` for the certificate
 * algorithm `certSigAlgorithm` (as negotiated in KEXINIT or named in a
 * userauth request): the algorithm must be one the certificate allows and
 * the blob must carry the matching plain signature algorithm. Throws
 * SignatureError saying why it fails. (The certificate itself is checked
 * with `validate` / `validateX509Chain`.)
 */
export function checkCertificateSignature(
  cert: SSHCertificate,
  certSigAlgorithm: string,
  data: Uint8Array,
  sigBlob: Uint8Array,
): void {
  if (!cert.sigAlgorithms.includes(certSigAlgorithm)) {
    throw new SignatureError(`a ${cert.algorithm} certificate cannot be used with ${certSigAlgorithm}`);
  }
  const expected = keySigAlgorithmFor(certSigAlgorithm) as string;
  let blob = sigBlob;
  const { algorithm, signature } = decodeSignatureBlob(sigBlob);
  if (certSigAlgorithm === 'x509v3-rsa2048-sha256' && algorithm === RSA2048_SHA256) {
    blob = encodeSignatureBlob('rsa-sha2-256', signature);
  }
  const isWebauthn = algorithm === 'webauthn-sk-ecdsa-sha2-nistp256@openssh.com';
  const allowed = isWebauthn && expected === 'sk-ecdsa-sha2-nistp256@openssh.com' ? algorithm : expected;
  cert.key.checkSignature(data, blob, allowed);
}

/**
 * Sign `data` with `key` (the private half of `cert`'s key) for the
 * certificate algorithm `certSigAlgorithm`; returns the SSH signature blob
 * (for x509v3-rsa2048-sha256 named 'rsa2048-sha256', RFC 6187 §3.1).
 */
export function signWithCertificate(
  key: SSHKey,
  cert: SSHCertificate,
  certSigAlgorithm: string,
  data: Uint8Array,
): Uint8Array {
  if (!cert.sigAlgorithms.includes(certSigAlgorithm)) {
    throw new SignatureError(`a ${cert.algorithm} certificate cannot be used with ${certSigAlgorithm}`);
  }
  const pub = key.publicData;
  const certKey = cert.key.publicData;
  if (pub.length !== certKey.length || pub.some((b, i) => b !== certKey[i])) {
    throw new SignatureError('the key does not match the certificate');
  }
  const blob = key.sign(data, keySigAlgorithmFor(certSigAlgorithm));
  if (certSigAlgorithm !== 'x509v3-rsa2048-sha256') return blob;
  const { signature } = decodeSignatureBlob(blob);
  return new PacketWriter(signature.length + 32)
    .writeString(RSA2048_SHA256)
    .writeString(signature)
    .toBytes()
    .slice();
}
