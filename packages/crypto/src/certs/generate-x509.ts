import { sha1 } from '@noble/hashes/legacy.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { KeyGenerationError } from '../errors.js';
import { derBitString, derElement, derInteger, derOctetString, derOid, derSequence } from '../formats/der.js';
import { commentBytes } from '../keys/comment-text.js';
import type { SSHKey } from '../keys/ssh-key.js';
import type { KeyBackend } from '../keys/types.js';
import { bitStringBytes, children, ctx, encodeTime, parseDer, TAG } from './asn1.js';
import { parseIpAddress } from './cidr.js';
import { FOREVER, parseTimeValue, type TimeValue } from './time-value.js';
import { purposeOid, type SSHX509Certificate } from './x509-certificate.js';
import { sshBlobToSpki } from './x509-keys.js';
import { x509FromDer } from './x509-load.js';
import { encodeName, parseName } from './x509-name.js';
import { NS_COMMENT } from './x509-parse.js';
import { x509Signer } from './x509-signature.js';

/** Options of the X.509 certificate generators (AsyncSSH generate_x509_*_certificate). */
export interface X509CertificateOptions {
  /** Issuer name ('CN=My CA, O=Example'); default the subject (self-signed). */
  readonly issuer?: string;
  /** Serial number; default a random 64-bit value. */
  readonly serial?: number | bigint;
  /**
   * Names the certificate is valid for, in subjectAltName: e-mail names
   * (rfc822Name) in user certificates, DNS names or IP addresses in others;
   * a list or one comma-separated string.
   */
  readonly principals?: string | readonly string[];
  /** Start of validity (default 0). */
  readonly validAfter?: TimeValue;
  /** End of validity (default forever: 9999-12-31T23:59:59Z). */
  readonly validBefore?: TimeValue;
  /** extendedKeyUsage purposes (names or OIDs); null for none. */
  readonly purposes?: string | readonly string[] | null;
  /** Hash for RSA signatures: 'sha256' (default), 'sha512', 'sha384', 'sha224', 'sha1'. EC and EdDSA use their own. */
  readonly hashAlg?: string;
  /** Comment of the new certificate (default the subject key's). */
  readonly comment?: string | Uint8Array | null;
  /** Make a CA certificate (basicConstraints cA, keyCertSign). */
  readonly ca?: boolean;
  /** With `ca`: the most intermediate CAs allowed below it (null or absent: no limit). */
  readonly caPathLen?: number | null;
}

/** How principals go into subjectAltName: user names as rfc822Name, host names as dNSName or iPAddress (as AsyncSSH). */
type PrincipalKind = 'user' | 'host';

function generalName(principal: string, kind: PrincipalKind): Uint8Array {
  if (kind === 'user') return derElement(ctx(1, false), new TextEncoder().encode(principal));
  const ip = parseIpAddress(principal);
  return ip ? derElement(ctx(7, false), ip) : derElement(ctx(2, false), new TextEncoder().encode(principal));
}

function keyId(spki: Uint8Array): Uint8Array {
  return sha1(bitStringBytes(children(parseDer(spki), TAG.SEQUENCE)[1] ?? parseDer(spki)));
}

const ext = (oid: string, critical: boolean, value: Uint8Array) =>
  critical
    ? derSequence(derOid(oid), derElement(TAG.BOOLEAN, Uint8Array.of(0xff)), derOctetString(value))
    : derSequence(derOid(oid), derOctetString(value));

/**
 * Create an X.509 v3 certificate for `subjectKey` signed by `signingKey`
 * (self-signed when they are the same key and no issuer is named).
 * KeyGenerationError for unsupported keys or options; RangeError for bad
 * names or times.
 */
export function generateX509CertificateWith(
  backend: KeyBackend,
  signingKey: SSHKey,
  subjectKey: SSHKey,
  subject: string,
  options: X509CertificateOptions = {},
  principalKind: PrincipalKind = 'host',
): SSHX509Certificate {
  if (!signingKey.isPrivate) throw new KeyGenerationError('a private key is needed to sign a certificate');
  const subjectName = parseName(subject);
  const issuerName = options.issuer === undefined ? subjectName : parseName(options.issuer);
  const serial =
    options.serial === undefined ? BigInt(`0x${toHex(randomBytes(8))}`) >> 1n || 1n : BigInt(options.serial);
  if (serial < 0n) throw new KeyGenerationError('the serial number must not be negative');
  const notBefore = parseTimeValue(options.validAfter ?? 0);
  const notAfter = parseTimeValue(options.validBefore ?? FOREVER);
  if (notAfter < notBefore) throw new RangeError('valid-before is earlier than valid-after');
  let spki: Uint8Array;
  let issuerSpki: Uint8Array;
  try {
    spki = sshBlobToSpki(subjectKey.publicData);
    issuerSpki = sshBlobToSpki(signingKey.publicData);
  } catch (e) {
    throw new KeyGenerationError(e instanceof Error ? e.message : String(e), { cause: e });
  }
  const signer = x509Signer(signingKey, options.hashAlg ?? 'sha256');
  const exts: Uint8Array[] = [];
  if (options.ca) {
    const pl = options.caPathLen;
    exts.push(
      ext(
        '2.5.29.19',
        true,
        derSequence(
          derElement(TAG.BOOLEAN, Uint8Array.of(0xff)),
          ...(pl == null ? [] : [derInteger(BigInt(pl))]),
        ),
      ),
    );
    exts.push(ext('2.5.29.15', true, derElement(TAG.BIT_STRING, Uint8Array.of(1, 0x06))));
  } else {
    exts.push(ext('2.5.29.19', true, derSequence()));
    exts.push(ext('2.5.29.15', true, derElement(TAG.BIT_STRING, Uint8Array.of(7, 0x80))));
  }
  const purposes = options.purposes;
  if (purposes != null) {
    const list = typeof purposes === 'string' ? [purposes] : [...purposes];
    if (!list.includes('any'))
      exts.push(ext('2.5.29.37', false, derSequence(...list.map((p) => derOid(purposeOid(p))))));
  }
  const principals =
    options.principals === undefined
      ? []
      : typeof options.principals === 'string'
        ? options.principals
            .split(',')
            .map((p) => p.trim())
            .filter((p) => p !== '')
        : [...options.principals];
  if (principals.length > 0) {
    exts.push(ext('2.5.29.17', false, derSequence(...principals.map((p) => generalName(p, principalKind)))));
  }
  const comment = commentBytes(
    options.comment === undefined ? subjectKey.getCommentBytes() : options.comment,
  );
  // The comment travels inside the certificate as a Netscape comment, where AsyncSSH reads it.
  if (comment && comment.length > 0) exts.push(ext(NS_COMMENT, false, derElement(TAG.IA5, comment)));
  exts.push(ext('2.5.29.14', false, derOctetString(keyId(spki))));
  exts.push(ext('2.5.29.35', false, derSequence(derElement(ctx(0, false), keyId(issuerSpki)))));
  const tbs = derSequence(
    derElement(ctx(0, true), derInteger(2n)),
    derInteger(serial),
    signer.algorithmIdentifier,
    encodeName(issuerName),
    derSequence(encodeTime(notBefore), encodeTime(notAfter)),
    encodeName(subjectName),
    spki,
    derElement(ctx(3, true), derSequence(...exts)),
  );
  const der = derSequence(tbs, signer.algorithmIdentifier, derBitString(signer.sign(tbs)));
  const cert = x509FromDer(der, backend, null);
  cert.setComment(comment);
  return cert;
}

function toHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** An X.509 user certificate: purposes default 'secureShellClient' (AsyncSSH generate_x509_user_certificate). */
export function generateX509UserCertificateWith(
  backend: KeyBackend,
  signingKey: SSHKey,
  userKey: SSHKey,
  subject: string,
  options: X509CertificateOptions = {},
): SSHX509Certificate {
  return generateX509CertificateWith(
    backend,
    signingKey,
    userKey,
    subject,
    { purposes: 'secureShellClient', ...options },
    'user',
  );
}

/** An X.509 host certificate: purposes default 'secureShellServer' (AsyncSSH generate_x509_host_certificate). */
export function generateX509HostCertificateWith(
  backend: KeyBackend,
  signingKey: SSHKey,
  hostKey: SSHKey,
  subject: string,
  options: X509CertificateOptions = {},
): SSHX509Certificate {
  return generateX509CertificateWith(backend, signingKey, hostKey, subject, {
    purposes: 'secureShellServer',
    ...options,
  });
}

/** An X.509 CA certificate, with no purposes by default (AsyncSSH generate_x509_ca_certificate). */
export function generateX509CaCertificateWith(
  backend: KeyBackend,
  signingKey: SSHKey,
  caKey: SSHKey,
  subject: string,
  options: X509CertificateOptions = {},
): SSHX509Certificate {
  return generateX509CertificateWith(backend, signingKey, caKey, subject, {
    purposes: null,
    ...options,
    ca: true,
  });
}
