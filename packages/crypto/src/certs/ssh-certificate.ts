import { KeyExportError } from '../errors.js';
import type { SSHKey } from '../keys/ssh-key.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

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

  /** The comment decoded as UTF-8 (throws TypeError on invalid UTF-8), or null. */
  getComment(): string | null {
    return this.comment === null ? null : utf8.decode(this.comment);
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

  /** Export the certificate: 'openssh' (default), 'rfc4716', and for X.509 also 'der' and 'pem'. */
  exportCertificate(format: CertificateExportFormat | string = 'openssh'): Uint8Array {
    const out = this.encode(format);
    if (out === undefined) {
      throw new KeyExportError(`a ${this.algorithm} certificate cannot be exported as '${format}'`);
    }
    return out;
  }

  /** The comment as text for export (invalid UTF-8 is replaced, not refused). */
  protected commentText(): string | null {
    return this.comment === null || this.comment.length === 0 ? null : new TextDecoder().decode(this.comment);
  }
}
