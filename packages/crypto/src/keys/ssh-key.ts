import {
  type CertificateOptions,
  generateHostCertificateWith,
  generateUserCertificateWith,
  type UserCertificateOptions,
} from '../certs/generate-openssh.js';
import {
  generateX509CaCertificateWith,
  generateX509HostCertificateWith,
  generateX509UserCertificateWith,
  type X509CertificateOptions,
} from '../certs/generate-x509.js';
import type { SSHOpenSSHCertificate } from '../certs/openssh-certificate.js';
import type { SSHX509Certificate } from '../certs/x509-certificate.js';
import { SignatureError } from '../errors.js';
import { fingerprintOf } from '../fingerprint.js';
import { privateKeyFormat, publicKeyFormat } from '../formats/registry.js';
import type { Passphrase, PrivateKeyExportOptions } from '../formats/types.js';
import { encodePublicBlob } from './blob.js';
import { commentBytes, decodeText, type TextErrors } from './comment-text.js';
import { bindFileIO, writeBoundFile } from './file-binding.js';
import type { KeyImpl } from './key-impl.js';
import { getKeyFactory } from './registry.js';
import { decodeSignatureBlob, encodeSignatureBlob } from './signature.js';
import type { KeyBackend } from './types.js';

/**
 * A public or private SSH key (AsyncSSH's `SSHKey`): its algorithm, comment,
 * fingerprints, export, and signing / verification with SSH signature blobs.
 */
export class SSHKey {
  private comment: Uint8Array | null;
  private blob: Uint8Array | undefined;

  /** Wrap a loaded key; use importPrivateKey / importPublicKey / generatePrivateKey instead. */
  constructor(
    private readonly impl: KeyImpl,
    private readonly backend: KeyBackend,
    comment: Uint8Array | null = null,
  ) {
    this.comment = comment;
    bindFileIO(this, backend.files);
  }

  /** The key's algorithm name ('ssh-ed25519', 'ecdsa-sha2-nistp256', 'ssh-rsa', ...). */
  get algorithm(): string {
    return this.impl.keyType;
  }

  /** True when the private half is present. */
  get isPrivate(): boolean {
    return this.impl.isPrivate;
  }

  /** Key size in bits. */
  get keySize(): number {
    return this.impl.bits;
  }

  /** The signature algorithms this key can make or check, the first being its default. */
  get sigAlgorithms(): readonly string[] {
    return getKeyFactory(this.impl.keyType).sigAlgorithms;
  }

  /** The SSH public key blob (RFC 4253 §6.6). */
  get publicData(): Uint8Array {
    this.blob ??= encodePublicBlob(this.impl);
    return this.blob;
  }

  /** Return the algorithm associated with this key. */
  getAlgorithm(): string {
    return this.impl.keyType;
  }

  /** The comment as raw bytes, or null. */
  getCommentBytes(): Uint8Array | null {
    return this.comment;
  }

  /**
   * The comment decoded as text, or null. `encoding` is 'utf-8' (default),
   * 'ascii' or 'latin-1'; `errors` 'strict' (default: ValueError on bytes
   * the encoding rejects), 'replace' or 'ignore'.
   */
  getComment(encoding = 'utf-8', errors: TextErrors = 'strict'): string | null {
    return this.comment === null ? null : decodeText(this.comment, encoding, errors);
  }

  /**
   * Replace the comment with text (encoded with `encoding` and `errors`, as
   * getComment) or bytes; null or an empty comment clears it.
   */
  setComment(comment: string | Uint8Array | null, encoding = 'utf-8', errors: TextErrors = 'strict'): void {
    const bytes = commentBytes(comment, encoding, errors);
    this.comment = bytes && bytes.length > 0 ? bytes : null;
  }

  /** The fingerprint as `ssh-keygen -l` prints it ('SHA256:...' by default, 'MD5:aa:bb:...'). */
  getFingerprint(hashName = 'sha256'): string {
    return fingerprintOf(this.publicData, hashName);
  }

  /** A public-only copy (the key itself when it is already public). */
  convertToPublic(): SSHKey {
    return this.impl.isPrivate ? new SSHKey(this.impl.toPublic(), this.backend, this.comment) : this;
  }

  /**
   * Encode the public key in a named format: 'openssh' (default, `type base64
   * comment\n`), 'rfc4716', 'pkcs1-der', 'pkcs1-pem' (RSA, DSA), 'pkcs8-der' /
   * 'der', 'pkcs8-pem' / 'pem' (SubjectPublicKeyInfo). KeyExportError otherwise.
   */
  exportPublicKey(format = 'openssh'): Uint8Array {
    const f = publicKeyFormat(format);
    return (f.encode as NonNullable<typeof f.encode>)({ impl: this.impl, comment: this.comment });
  }

  /**
   * Encode the private key in a named format: 'openssh' (default,
   * openssh-key-v1, bcrypt-pbkdf encryption), 'pkcs1-der', 'pkcs1-pem' (legacy
   * PEM encryption), 'pkcs8-der' / 'der', 'pkcs8-pem' / 'pem' (PBES2, PBES1,
   * PKCS#12 PBE), 'ppk' / 'putty' (PuTTY v3, or v2 with `ppkVersion: 2`).
   * Encrypted when a non-empty passphrase is given; `options` picks the cipher,
   * hash, PBE version, rounds or iterations. KeyExportError when impossible.
   */
  exportPrivateKey(
    format = 'openssh',
    passphrase?: Passphrase,
    options: PrivateKeyExportOptions = {},
  ): Uint8Array {
    const f = privateKeyFormat(format);
    return (f.encode as NonNullable<typeof f.encode>)(
      { impl: this.impl, comment: this.comment },
      passphrase,
      options,
      this.backend,
    );
  }

  /**
   * Export the private key (as exportPrivateKey) and write it to a file,
   * created with mode 0600. Needs file access: the node entry point.
   */
  async writePrivateKey(
    filename: string,
    format = 'openssh',
    passphrase?: Passphrase,
    options?: PrivateKeyExportOptions,
  ): Promise<void> {
    const data = this.exportPrivateKey(format, passphrase, options);
    await writeBoundFile(this, filename, data, { append: false, mode: 0o600 });
  }

  /** Export the public key (as exportPublicKey) and write it to a file. Needs the node entry point. */
  async writePublicKey(filename: string, format = 'openssh'): Promise<void> {
    await writeBoundFile(this, filename, this.exportPublicKey(format), { append: false });
  }

  /**
   * Export the private key (as exportPrivateKey) and append it to a file,
   * created with mode 0600 when new. Needs the node entry point.
   */
  async appendPrivateKey(
    filename: string,
    format = 'openssh',
    passphrase?: Passphrase,
    options?: PrivateKeyExportOptions,
  ): Promise<void> {
    const data = this.exportPrivateKey(format, passphrase, options);
    await writeBoundFile(this, filename, data, { append: true, mode: 0o600 });
  }

  /** Export the public key (as exportPublicKey) and append it to a file. Needs the node entry point. */
  async appendPublicKey(filename: string, format = 'openssh'): Promise<void> {
    await writeBoundFile(this, filename, this.exportPublicKey(format), { append: true });
  }

  /**
   * Sign an OpenSSH user certificate for `userKey` with this (CA) private
   * key. Principals, validity, force-command, source-address, the permit-*
   * extensions (default on), touchRequired, sigAlg and comment come from
   * `options`. KeyGenerationError for unsupported parameters.
   */
  generateUserCertificate(
    userKey: SSHKey,
    keyId: string,
    options?: UserCertificateOptions,
  ): SSHOpenSSHCertificate {
    return generateUserCertificateWith(this.backend, this, userKey, keyId, options);
  }

  /** Sign an OpenSSH host certificate for `hostKey` with this (CA) private key. */
  generateHostCertificate(
    hostKey: SSHKey,
    keyId: string,
    options?: CertificateOptions,
  ): SSHOpenSSHCertificate {
    return generateHostCertificateWith(this.backend, this, hostKey, keyId, options);
  }

  /**
   * Sign an X.509 user certificate for `userKey` with this private key:
   * self-signed unless `options.issuer` is given, purposes default
   * 'secureShellClient', a random 64-bit serial, SHA-256.
   */
  generateX509UserCertificate(
    userKey: SSHKey,
    subject: string,
    options?: X509CertificateOptions,
  ): SSHX509Certificate {
    return generateX509UserCertificateWith(this.backend, this, userKey, subject, options);
  }

  /** Sign an X.509 host certificate for `hostKey`; purposes default 'secureShellServer'. */
  generateX509HostCertificate(
    hostKey: SSHKey,
    subject: string,
    options?: X509CertificateOptions,
  ): SSHX509Certificate {
    return generateX509HostCertificateWith(this.backend, this, hostKey, subject, options);
  }

  /** Sign an X.509 CA certificate for `caKey`, with an optional `caPathLen` limit on intermediate CAs. */
  generateX509CaCertificate(
    caKey: SSHKey,
    subject: string,
    options?: X509CertificateOptions,
  ): SSHX509Certificate {
    return generateX509CaCertificateWith(this.backend, this, caKey, subject, options);
  }

  /**
   * Sign `data`; returns an SSH signature blob (string algorithm, string
   * signature). `sigAlgorithm` defaults to the key's first signature algorithm.
   */
  sign(data: Uint8Array, sigAlgorithm?: string): Uint8Array {
    if (!this.impl.isPrivate) throw new SignatureError('a private key is needed to sign');
    const alg = sigAlgorithm ?? (this.sigAlgorithms[0] as string);
    if (!this.sigAlgorithms.includes(alg)) {
      throw new SignatureError(`a ${this.impl.keyType} key cannot sign with ${alg}`);
    }
    return encodeSignatureBlob(alg, this.impl.sign(alg, data));
  }

  /** Verify an SSH signature blob over `data`; false for a bad, malformed or foreign signature. */
  verify(data: Uint8Array, sig: Uint8Array): boolean {
    try {
      this.checkSignature(data, sig);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Verify an SSH signature blob over `data`, throwing a SignatureError that
   * says why when it is malformed, made with another algorithm than
   * `expectedAlgorithm` (when given) or this key's, or does not verify.
   */
  checkSignature(data: Uint8Array, sig: Uint8Array, expectedAlgorithm?: string): void {
    const { algorithm, signature } = decodeSignatureBlob(sig);
    if (expectedAlgorithm !== undefined && algorithm !== expectedAlgorithm) {
      throw new SignatureError(`signature algorithm is ${algorithm}, expected ${expectedAlgorithm}`);
    }
    if (!this.sigAlgorithms.includes(algorithm)) {
      throw new SignatureError(`a ${this.impl.keyType} key cannot verify ${algorithm} signatures`);
    }
    if (!this.impl.verify(algorithm, data, signature)) {
      throw new SignatureError(`${algorithm} signature does not verify`);
    }
  }
}
