import type { SSHCertificate } from '../certs/ssh-certificate.js';
import { KeyImportError, SignatureError } from '../errors.js';
import { commentBytes, decodeText, type TextErrors } from './comment-text.js';
import type { SSHKey } from './ssh-key.js';

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The plain signature algorithm behind a certificate or X.509 algorithm name
 * ('rsa-sha2-256-cert-v01@openssh.com' → 'rsa-sha2-256',
 * 'x509v3-rsa2048-sha256' → 'rsa-sha2-256', 'x509v3-ssh-ed25519' → 'ssh-ed25519').
 */
export function plainSignatureAlgorithm(alg: string): string {
  const cert = /^(.*)-cert-v01@openssh\.com$/.exec(alg);
  if (cert) return cert[1] === 'ssh-rsa' ? 'ssh-rsa' : (cert[1] as string);
  if (alg.startsWith('x509v3-')) {
    const rest = alg.slice('x509v3-'.length);
    return rest === 'rsa2048-sha256' ? 'rsa-sha2-256' : rest;
  }
  return alg;
}

/**
 * A private key paired with its public key or certificate (AsyncSSH's
 * `SSHKeyPair`, local kind): what authentication and host keys sign with.
 * With a certificate attached, the algorithm and public data are the
 * certificate's.
 */
export class SSHKeyPair {
  private certificate: SSHCertificate | null;
  private comment: Uint8Array | null;

  /** Pair `key` (a private key) with an optional certificate and comment (default: the key's, else the cert's). */
  constructor(
    readonly key: SSHKey,
    cert: SSHCertificate | null = null,
    comment?: string | Uint8Array | null,
  ) {
    if (!key.isPrivate) throw new KeyImportError('an SSHKeyPair needs a private key');
    this.certificate = null;
    this.comment = null;
    this.setCertificate(cert);
    if (comment !== undefined) this.setComment(comment);
    else this.comment = key.getCommentBytes() ?? cert?.getCommentBytes() ?? null;
  }

  /** The attached certificate, or null. */
  get cert(): SSHCertificate | null {
    return this.certificate;
  }

  /** The algorithm name: the certificate's when one is attached, else the key's. */
  get algorithm(): string {
    return this.certificate?.algorithm ?? this.key.algorithm;
  }

  /** The signature algorithms this pair can sign with, the first being its default. */
  get sigAlgorithms(): readonly string[] {
    return this.certificate?.sigAlgorithms ?? this.key.sigAlgorithms;
  }

  /** The public data sent to the peer: the certificate blob, or the public key blob. */
  get publicData(): Uint8Array {
    return this.certificate?.publicData ?? this.key.publicData;
  }

  /** 'local' (keys held by an agent report 'agent'). */
  getKeyType(): 'local' | 'agent' {
    return 'local';
  }

  /** Return the algorithm associated with this key pair. */
  getAlgorithm(): string {
    return this.algorithm;
  }

  /** Attach (or with null, remove) a certificate; KeyImportError when it certifies another key. */
  setCertificate(cert: SSHCertificate | null): void {
    if (cert && !sameBytes(cert.key.publicData, this.key.publicData)) {
      throw new KeyImportError('the certificate is for a different key');
    }
    this.certificate = cert;
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

  /** Replace the comment with text (encoded as getComment decodes) or bytes; null or empty clears it. */
  setComment(comment: string | Uint8Array | null, encoding = 'utf-8', errors: TextErrors = 'strict'): void {
    const bytes = commentBytes(comment, encoding, errors);
    this.comment = bytes && bytes.length > 0 ? bytes : null;
  }

  /**
   * Sign `data` with the private key, returning an SSH signature blob.
   * `sigAlgorithm` (default: the pair's first) may be a certificate or X.509
   * algorithm name; the blob carries the plain algorithm it stands for.
   */
  sign(data: Uint8Array, sigAlgorithm?: string): Uint8Array {
    const alg = sigAlgorithm ?? (this.sigAlgorithms[0] as string);
    if (!this.sigAlgorithms.includes(alg) && !this.key.sigAlgorithms.includes(alg)) {
      throw new SignatureError(`this ${this.algorithm} key pair cannot sign with ${alg}`);
    }
    return this.key.sign(data, plainSignatureAlgorithm(alg));
  }
}
