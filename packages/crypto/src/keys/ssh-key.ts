import { SignatureError } from '../errors.js';
import { fingerprintOf } from '../fingerprint.js';
import { privateKeyFormat, publicKeyFormat } from '../formats/registry.js';
import type { Passphrase, PrivateKeyExportOptions } from '../formats/types.js';
import { encodePublicBlob } from './blob.js';
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

  /** The comment decoded as UTF-8 (throws on invalid UTF-8), or null. */
  getComment(): string | null {
    return this.comment === null ? null : new TextDecoder('utf-8', { fatal: true }).decode(this.comment);
  }

  /** Replace or clear the comment. */
  setComment(comment: string | Uint8Array | null): void {
    this.comment =
      comment === null
        ? null
        : typeof comment === 'string'
          ? new TextEncoder().encode(comment)
          : comment.slice();
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
