import { PacketWriter } from '@ssh/wire';
import { toBase64 } from '../formats/base64.js';
import type { SSHKey } from '../keys/ssh-key.js';
import { encodePem, encodeRfc4716 } from './armor.js';
import { SSHCertificate } from './ssh-certificate.js';
import { formatName, type X509Name } from './x509-name.js';
import { x509NameHash } from './x509-name-hash.js';
import type { X509Parts } from './x509-parse.js';

/** The x509v3-* algorithm (RFC 6187, plus AsyncSSH's EdDSA names) for a key type. */
export function x509AlgorithmForKeyType(keyType: string): string {
  return `x509v3-${keyType}`;
}

/** The signature algorithms an X.509 certificate over `keyType` can be used with. */
export function x509SigAlgorithmsForKeyType(keyType: string): string[] {
  return keyType === 'ssh-rsa'
    ? ['x509v3-rsa2048-sha256', 'x509v3-ssh-rsa']
    : [x509AlgorithmForKeyType(keyType)];
}

/** The plain signature algorithm behind an x509v3-* signature algorithm, or undefined. */
export function keySigAlgorithmForX509Algorithm(alg: string): string | undefined {
  if (alg === 'x509v3-rsa2048-sha256') return 'rsa-sha2-256';
  return alg.startsWith('x509v3-') ? alg.slice('x509v3-'.length) : undefined;
}

/** Encode an RFC 6187 certificate-chain blob: string alg, uint32 n, n x string cert, uint32 0 OCSP responses. */
export function encodeX509SSHBlob(algorithm: string, ders: readonly Uint8Array[]): Uint8Array {
  const w = new PacketWriter(4096).writeString(algorithm).writeUint32(ders.length);
  for (const d of ders) w.writeString(d);
  return w.writeUint32(0).toBytes().slice();
}

/** Named X.509 purposes (extendedKeyUsage OIDs) AsyncSSH accepts. */
export const X509_PURPOSES: Readonly<Record<string, string>> = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  secureShellClient: '1.3.6.1.5.5.7.3.20',
  secureShellServer: '1.3.6.1.5.5.7.3.21',
};

/** The OID of a purpose name or dotted OID; RangeError for anything else. */
export function purposeOid(p: string): string {
  const oid = Object.hasOwn(X509_PURPOSES, p) ? X509_PURPOSES[p] : p;
  if (oid === undefined || !/^[0-2](\.(0|[1-9]\d{0,15}))+$/.test(oid)) {
    throw new RangeError(
      `unknown X.509 purpose '${p}': use ${Object.keys(X509_PURPOSES).join(', ')}, any or a dotted OID`,
    );
  }
  return oid;
}

/**
 * An X.509 certificate used as an SSH certificate (RFC 6187): the subject's
 * key, names, validity, purposes and CA constraints. Its signature is
 * checked against an issuer by validateX509Chain.
 */
export class SSHX509Certificate extends SSHCertificate {
  /** Use importCertificate / generateX509*Certificate instead. */
  constructor(
    /** The decoded certificate. */
    readonly parts: X509Parts,
    /** The subject's public key. */
    readonly subjectKey: SSHKey,
    comment: Uint8Array | null,
  ) {
    super(comment);
  }

  get algorithm(): string {
    return x509AlgorithmForKeyType(this.subjectKey.algorithm);
  }
  get sigAlgorithms(): readonly string[] {
    return x509SigAlgorithmsForKeyType(this.subjectKey.algorithm);
  }
  get key(): SSHKey {
    return this.subjectKey;
  }
  /** The RFC 6187 blob holding this certificate alone. */
  get publicData(): Uint8Array {
    return encodeX509SSHBlob(this.algorithm, [this.parts.der]);
  }
  get principals(): readonly string[] {
    return this.parts.principals;
  }
  /**
   * The user names the certificate is for, as AsyncSSH reads them: its
   * subjectAltName e-mail addresses, or without that extension its CN values.
   */
  get userPrincipals(): readonly string[] {
    return this.parts.hasSubjectAltName ? this.parts.emails : this.commonNames();
  }
  /**
   * The host names the certificate is for, as AsyncSSH reads them: its
   * subjectAltName DNS names and IP addresses, or without that extension its CN values.
   */
  get hostPrincipals(): readonly string[] {
    return this.parts.hasSubjectAltName ? this.parts.hostNames : this.commonNames();
  }
  private commonNames(): string[] {
    return this.parts.subject.flatMap((rdn) => rdn.filter((a) => a.type === 'CN').map((a) => a.value));
  }
  get validAfter(): bigint {
    return this.parts.validAfter;
  }
  get validBefore(): bigint {
    return this.parts.validBefore;
  }
  /** The DER encoding. */
  get der(): Uint8Array {
    return this.parts.der;
  }
  /** The subject name as 'CN=..., O=...'. */
  get subject(): string {
    return formatName(this.parts.subject);
  }
  /** The issuer name as 'CN=..., O=...'. */
  get issuer(): string {
    return formatName(this.parts.issuer);
  }
  /** The subject name, decoded. */
  get subjectName(): X509Name {
    return this.parts.subject;
  }
  /** The issuer name, decoded. */
  get issuerName(): X509Name {
    return this.parts.issuer;
  }
  /** OpenSSL's hash of the subject name (`openssl x509 -subject_hash`): the file name of this certificate in a hashed directory. */
  get subjectHash(): string {
    return x509NameHash(this.parts.subjectDer);
  }
  /** OpenSSL's hash of the issuer name (`openssl x509 -issuer_hash`): where the issuer is found in a hashed directory. */
  get issuerHash(): string {
    return x509NameHash(this.parts.issuerDer);
  }
  /** The serial number. */
  get serial(): bigint {
    return this.parts.serial;
  }
  /** The extendedKeyUsage OIDs, or undefined when the certificate does not restrict purposes. */
  get purposes(): readonly string[] | undefined {
    return this.parts.purposes;
  }
  /** True for a CA certificate (basicConstraints cA). */
  get isCA(): boolean {
    return this.parts.isCA;
  }
  /** True when subject and issuer are the same name. */
  get isSelfIssued(): boolean {
    return this.subject.toLowerCase() === this.issuer.toLowerCase();
  }

  /**
   * True when the certificate allows one of `purposes` (names or OIDs):
   * always when 'any' is given, when it has no extendedKeyUsage, or when
   * that includes anyExtendedKeyUsage (2.5.29.37.0).
   */
  allowsPurpose(purposes: string | readonly string[] | null | undefined): boolean {
    if (purposes == null) return true;
    const list = typeof purposes === 'string' ? [purposes] : purposes;
    if (list.includes('any')) return true;
    const eku = this.parts.purposes;
    if (eku === undefined || eku.includes('2.5.29.37.0')) return true;
    return list.some((p) => eku.includes(purposeOid(p)));
  }

  protected encode(format: string): Uint8Array | undefined {
    const comment = this.commentText();
    const enc = new TextEncoder();
    if (format === 'der') return this.parts.der.slice();
    if (format === 'pem') return enc.encode(encodePem('CERTIFICATE', this.parts.der));
    // The text forms carry the DER itself, as AsyncSSH writes and reads them; a chain carries its RFC 6187 blob.
    if (format === 'openssh') {
      return enc.encode(`${this.algorithm} ${toBase64(this.parts.der)}${comment ? ` ${comment}` : ''}\n`);
    }
    if (format === 'rfc4716') return enc.encode(encodeRfc4716(this.parts.der, comment));
    return undefined;
  }
}

/**
 * An X.509 certificate chain as SSH sends it (RFC 6187): the end-entity
 * certificate first, then the certificates up toward a root.
 */
export class SSHX509CertificateChain extends SSHCertificate {
  /** Build from certificates, end entity first. */
  constructor(
    /** The certificates, end entity first. */
    readonly certs: readonly SSHX509Certificate[],
    comment: Uint8Array | null = null,
  ) {
    super(comment);
    if (certs.length === 0) throw new RangeError('an X.509 certificate chain needs at least one certificate');
  }

  /** The end-entity certificate. */
  get leaf(): SSHX509Certificate {
    return this.certs[0] as SSHX509Certificate;
  }
  get algorithm(): string {
    return this.leaf.algorithm;
  }
  get sigAlgorithms(): readonly string[] {
    return this.leaf.sigAlgorithms;
  }
  get key(): SSHKey {
    return this.leaf.key;
  }
  get publicData(): Uint8Array {
    return encodeX509SSHBlob(
      this.algorithm,
      this.certs.map((c) => c.der),
    );
  }
  get principals(): readonly string[] {
    return this.leaf.principals;
  }
  /** The end-entity certificate's user principals. */
  get userPrincipals(): readonly string[] {
    return this.leaf.userPrincipals;
  }
  /** The end-entity certificate's host principals. */
  get hostPrincipals(): readonly string[] {
    return this.leaf.hostPrincipals;
  }
  get validAfter(): bigint {
    return this.leaf.validAfter;
  }
  get validBefore(): bigint {
    return this.leaf.validBefore;
  }

  protected encode(format: string): Uint8Array | undefined {
    const comment = this.commentText();
    const enc = new TextEncoder();
    if (format === 'pem') return enc.encode(this.certs.map((c) => encodePem('CERTIFICATE', c.der)).join(''));
    if (format === 'openssh') {
      return enc.encode(`${this.algorithm} ${toBase64(this.publicData)}${comment ? ` ${comment}` : ''}\n`);
    }
    if (format === 'rfc4716') return enc.encode(encodeRfc4716(this.publicData, comment));
    return undefined;
  }
}
