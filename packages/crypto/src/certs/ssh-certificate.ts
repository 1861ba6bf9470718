import { KeyExportError } from '../errors.js';
import { commentBytes, decodeText, type TextErrors } from '../keys/comment-text.js';
import { writeBoundFile } from '../keys/file-binding.js';
import type { SSHKey } from '../keys/ssh-key.js';

/** Export formats a certificate may support: 'openssh', 'rfc4716' (both kinds), 'der', 'pem' (X.509). */
export type CertificateExportFormat = 'openssh' | 'rfc4716' | 'der' | 'pem';

/**
 * A certificate (AsyncSSH's `SSHCertificate`): an OpenSSH v01 certificate
 * (SSHOpenSSHCertificate) or an X.509 certificate (SSHX509Certificate).
 * Both give the certified key, its algorithm names, principals, validity
 * window, comment and export.
 */
export abstract class SSHCertificate {
  private comment: Uint8Array | null;

  protected constructor(comment: Uint8Array | null) {
    this.comment = comment;
  }

  /** The certificate algorithm ('ssh-ed25519-cert-v01@openssh.com', 'x509v3-ssh-ed25519', ...). */
  abstract get algorithm(): string;
  /** The signature algorithms a key with this certificate can sign with, the first being its default. */
  abstract get sigAlgorithms(): readonly string[];
  /** The certified (subject) public key. */
  abstract get key(): SSHKey;
  /** The certificate as sent on the wire: the OpenSSH blob, or the RFC 6187 x509v3 blob. */
  abstract get publicData(): Uint8Array;
  /** The user or host names the certificate is valid for (empty: any). */
  abstract get principals(): readonly string[];
  /** Start of the validity window, epoch seconds. */
  abstract get validAfter(): bigint;
  /** End of the validity window, epoch seconds (2^64-1: forever). */
  abstract get validBefore(): bigint;
  /** Encode in a named format; KeyExportError for a format this kind of certificate lacks. */
  protected abstract encode(format: string): Uint8Array | undefined;

  /** Return the algorithm associated with this certificate. */
  getAlgorithm(): string {
    return this.algorithm;
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

  /** Export the certificate: 'openssh' (default), 'rfc4716', and for X.509 also 'der' and 'pem'. */
  exportCertificate(format: CertificateExportFormat | string = 'openssh'): Uint8Array {
    const out = this.encode(format);
    if (out === undefined) {
      throw new KeyExportError(`a ${this.algorithm} certificate cannot be exported as '${format}'`);
    }
    return out;
  }

  /**
   * Export the certificate (as exportCertificate, default 'openssh') and
   * write it to a file. Needs file access: the node entry point.
   */
  async writeCertificate(
    filename: string,
    format: CertificateExportFormat | string = 'openssh',
  ): Promise<void> {
    await writeBoundFile(this.key, filename, this.exportCertificate(format), { append: false });
  }

  /** Export the certificate (as exportCertificate) and append it to a file. Needs the node entry point. */
  async appendCertificate(
    filename: string,
    format: CertificateExportFormat | string = 'openssh',
  ): Promise<void> {
    await writeBoundFile(this.key, filename, this.exportCertificate(format), { append: true });
  }

  /** The comment as text for export (invalid UTF-8 is replaced, not refused). */
  protected commentText(): string | null {
    return this.comment === null || this.comment.length === 0 ? null : new TextDecoder().decode(this.comment);
  }
}
