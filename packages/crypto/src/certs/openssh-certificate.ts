import { CertificateValidationError } from '../errors.js';
import { toBase64 } from '../formats/base64.js';
import type { SSHKey } from '../keys/ssh-key.js';
import { encodeRfc4716 } from './armor.js';
import { certSigAlgorithmsForCertType } from './cert-algorithms.js';
import {
  type CertOption,
  KNOWN_CRITICAL_OPTIONS,
  NO_TOUCH_REQUIRED,
  readStringOption,
} from './cert-options.js';
import { addressInCidrList, type CidrNetwork, parseCidrList } from './cidr.js';
import { CERT_TYPE_HOST, CERT_TYPE_USER, type OpenSSHCertParts } from './openssh-cert-codec.js';
import { SSHCertificate } from './ssh-certificate.js';
import { FOREVER, parseTimeValue, type TimeValue } from './time-value.js';

/** What `SSHOpenSSHCertificate.validate` checks a certificate against. */
export interface OpenSSHCertValidateOptions {
  /** The role the certificate must have. */
  readonly type: 'user' | 'host';
  /** The user or host name it is presented for; must be one of its principals (any when it lists none). */
  readonly principal?: string;
  /** Refuse a certificate that lists no principals (OpenSSH's TrustedUserCAKeys rule); default false, as AsyncSSH. */
  readonly requirePrincipals?: boolean;
  /** The time to check the validity window against (default: now). */
  readonly now?: TimeValue;
  /** CA keys to trust: the signing key must be one of them (by public key blob). */
  readonly trustedCAs?: readonly SSHKey[];
  /** Signature algorithms the CA may have used (OpenSSH CASignatureAlgorithms); default any. */
  readonly caSignatureAlgorithms?: readonly string[];
  /** The client address, checked against a source-address critical option (refused when absent). */
  readonly sourceAddress?: string;
}

/** The critical options a certificate carries, decoded. */
export interface OpenSSHCertOptions {
  /** force-command: the command run instead of any the client asks for. */
  readonly forceCommand?: string;
  /** source-address: the networks the certificate may be used from. */
  readonly sourceAddress?: readonly string[];
  /** verify-required: the security key must have verified the user (PIN or biometrics). */
  readonly verifyRequired?: boolean;
}

const sameKey = (a: SSHKey, b: SSHKey) =>
  a.publicData.length === b.publicData.length && a.publicData.every((x, i) => x === b.publicData[i]);

/**
 * An OpenSSH v01 certificate (PROTOCOL.certkeys), its signature already
 * checked against its signing key. `validate` checks the rest: role, CA,
 * validity window, principal, critical options.
 */
export class SSHOpenSSHCertificate extends SSHCertificate {
  /** The decoded critical options (unknown ones stay in criticalOptions and make validate refuse). */
  readonly options: OpenSSHCertOptions;
  private readonly sourceNets: readonly CidrNetwork[] | undefined;

  /** Use importCertificate / generateUserCertificate / generateHostCertificate instead. */
  constructor(
    private readonly parts: OpenSSHCertParts,
    /** The certified key. */
    readonly subjectKey: SSHKey,
    /** The CA key that signed the certificate. */
    readonly signingKey: SSHKey,
    /** The signature algorithm the CA used ('ssh-ed25519', 'rsa-sha2-512', ...). */
    readonly signatureAlgorithm: string,
    comment: Uint8Array | null,
  ) {
    super(comment);
    const opts: { forceCommand?: string; sourceAddress?: string[]; verifyRequired?: boolean } = {};
    for (const o of parts.criticalOptions) {
      if (o.name === 'force-command') opts.forceCommand = readStringOption(o);
      else if (o.name === 'source-address') {
        const text = readStringOption(o);
        this.sourceNets = parseCidrList(text);
        opts.sourceAddress = text.split(',');
      } else if (o.name === 'verify-required') opts.verifyRequired = true;
    }
    this.options = opts;
  }

  get algorithm(): string {
    return this.parts.certAlgorithm;
  }
  get sigAlgorithms(): readonly string[] {
    return certSigAlgorithmsForCertType(this.parts.certAlgorithm);
  }
  get key(): SSHKey {
    return this.subjectKey;
  }
  get publicData(): Uint8Array {
    return this.parts.blob;
  }
  get principals(): readonly string[] {
    return this.parts.principals;
  }
  get validAfter(): bigint {
    return this.parts.validAfter;
  }
  get validBefore(): bigint {
    return this.parts.validBefore;
  }
  /** 'user' or 'host'. */
  get certType(): 'user' | 'host' {
    return this.parts.type === CERT_TYPE_USER ? 'user' : 'host';
  }
  /** The key identifier the CA gave. */
  get keyId(): string {
    return this.parts.keyId;
  }
  /** The serial number. */
  get serial(): bigint {
    return this.parts.serial;
  }
  /** The CA's random nonce. */
  get nonce(): Uint8Array {
    return this.parts.nonce;
  }
  /** Every critical option, raw, in certificate order. */
  get criticalOptions(): readonly CertOption[] {
    return this.parts.criticalOptions;
  }
  /** Every extension, raw, in certificate order. */
  get extensions(): readonly CertOption[] {
    return this.parts.extensions;
  }
  /** The reserved field (empty in every certificate OpenSSH makes). */
  get reserved(): Uint8Array {
    return this.parts.reserved;
  }

  /** True when the certificate carries extension `name` ('permit-pty', ...). */
  hasExtension(name: string): boolean {
    return this.parts.extensions.some((e) => e.name === name);
  }
  /** False when the no-touch-required extension waives the security-key touch. */
  get touchRequired(): boolean {
    return !this.hasExtension(NO_TOUCH_REQUIRED);
  }

  /**
   * Check the certificate for use: its role, that a trusted CA signed it
   * (with an allowed algorithm), the validity window, the principal, and
   * the critical options (an unknown one is refused, as OpenSSH does; a
   * host certificate may carry none). Throws CertificateValidationError
   * saying which check failed.
   */
  validate(options: OpenSSHCertValidateOptions): void {
    const fail = (reason: CertificateValidationError['reason'], m: string) => {
      throw new CertificateValidationError(reason, `${this.certType} certificate '${this.keyId}': ${m}`);
    };
    if (options.type !== this.certType) fail('type', `not a ${options.type} certificate`);
    if (options.trustedCAs && !options.trustedCAs.some((ca) => sameKey(ca, this.signingKey))) {
      fail('ca', 'not signed by a trusted certificate authority');
    }
    const algs = options.caSignatureAlgorithms;
    if (algs && !algs.includes(this.signatureAlgorithm)) {
      fail('signature', `CA signature algorithm ${this.signatureAlgorithm} is not allowed`);
    }
    const now = parseTimeValue(options.now ?? Date.now() / 1000);
    if (now < this.validAfter) fail('not-yet-valid', 'not yet valid');
    if (this.validBefore !== FOREVER && now >= this.validBefore) fail('expired', 'expired');
    if (this.principals.length === 0) {
      if (options.requirePrincipals) fail('principal', 'lists no principals');
    } else if (options.principal === undefined || !this.principals.includes(options.principal)) {
      fail('principal', `not valid for principal '${options.principal ?? ''}'`);
    }
    for (const o of this.parts.criticalOptions) {
      if (this.certType === 'host')
        fail('critical-option', `host certificate has critical option '${o.name}'`);
      if (!KNOWN_CRITICAL_OPTIONS.includes(o.name))
        fail('critical-option', `unknown critical option '${o.name}'`);
    }
    if (this.sourceNets) {
      const from = options.sourceAddress;
      if (from === undefined || !addressInCidrList(this.sourceNets, from)) {
        fail('source-address', `not valid from address '${from ?? '(unknown)'}'`);
      }
    }
  }

  protected encode(format: string): Uint8Array | undefined {
    const comment = this.commentText();
    if (format === 'openssh') {
      const line = `${this.algorithm} ${toBase64(this.parts.blob)}${comment ? ` ${comment}` : ''}\n`;
      return new TextEncoder().encode(line);
    }
    if (format === 'rfc4716') return new TextEncoder().encode(encodeRfc4716(this.parts.blob, comment));
    return undefined;
  }
}

/** The role code of a certificate type name. */
export const certTypeCode = (type: 'user' | 'host'): number =>
  type === 'user' ? CERT_TYPE_USER : CERT_TYPE_HOST;
