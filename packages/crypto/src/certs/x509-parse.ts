import {
  type Asn1,
  at,
  bitStringBytes,
  children,
  ctx,
  integer,
  oidText,
  parseDer,
  TAG,
  text,
  time,
} from './asn1.js';
import { formatIpAddress } from './cidr.js';
import { spkiToSSHBlob } from './x509-keys.js';
import { decodeName, type X509Name } from './x509-name.js';

/** The fields of an X.509 certificate (RFC 5280) that SSH use needs. */
export interface X509Parts {
  /** The whole certificate, DER. */
  readonly der: Uint8Array;
  /** The TBSCertificate encoding: what the issuer signed. */
  readonly tbs: Uint8Array;
  /** 1, 2 or 3. */
  readonly version: number;
  readonly serial: bigint;
  /** The signature algorithm OID. */
  readonly sigAlgOid: string;
  readonly signature: Uint8Array;
  readonly issuer: X509Name;
  readonly subject: X509Name;
  /** The issuer and subject Names as encoded (for OpenSSL's name hash). */
  readonly issuerDer: Uint8Array;
  readonly subjectDer: Uint8Array;
  /** notBefore / notAfter, epoch seconds. */
  readonly validAfter: bigint;
  readonly validBefore: bigint;
  /** The subject's public key as an SSH public key blob. */
  readonly keyBlob: Uint8Array;
  /** basicConstraints cA. */
  readonly isCA: boolean;
  /** basicConstraints pathLenConstraint. */
  readonly pathLen: number | undefined;
  /** keyUsage bits (bit 0 = digitalSignature ... bit 5 = keyCertSign), or undefined when absent. */
  readonly keyUsage: number | undefined;
  /** extendedKeyUsage OIDs, or undefined when absent. */
  readonly purposes: readonly string[] | undefined;
  /** subjectAltName DNS names and email addresses. */
  readonly principals: readonly string[];
  /** subjectAltName rfc822Name values: AsyncSSH's user principals. */
  readonly emails: readonly string[];
  /** subjectAltName dNSName and iPAddress values (addresses as text): AsyncSSH's host principals. */
  readonly hostNames: readonly string[];
  /** True when the certificate has a subjectAltName extension. */
  readonly hasSubjectAltName: boolean;
  /** The Netscape comment extension (IA5String), where AsyncSSH keeps a certificate's comment; null when absent. */
  readonly comment: Uint8Array | null;
  /** Critical extensions not understood here (validation refuses them). */
  readonly unknownCritical: readonly string[];
}

/** Netscape certificate comment (nsComment). */
export const NS_COMMENT = '2.16.840.1.113730.1.13';

const KNOWN = ['2.5.29.19', '2.5.29.15', '2.5.29.37', '2.5.29.17', '2.5.29.14', '2.5.29.35'];

function algorithmOid(e: Asn1): string {
  return oidText(at(children(e, TAG.SEQUENCE), 0, 'algorithm OID', TAG.OID));
}

function keyUsageBits(e: Asn1): number {
  const v = parseDer(e.value);
  const b = bitStringBytes(v);
  let bits = 0;
  b.forEach((byte, i) => {
    for (let j = 0; j < 8; j++) if (byte & (0x80 >> j)) bits |= 1 << (i * 8 + j);
  });
  return bits;
}

/** Decode a DER certificate; RangeError when malformed or unsupported. */
export function decodeX509(der: Uint8Array): X509Parts {
  const top = children(parseDer(der), TAG.SEQUENCE);
  const tbsE = at(top, 0, 'tbsCertificate', TAG.SEQUENCE);
  const sigAlgOid = algorithmOid(at(top, 1, 'signatureAlgorithm', TAG.SEQUENCE));
  const signature = bitStringBytes(at(top, 2, 'signature', TAG.BIT_STRING));
  if (top.length !== 3) throw new RangeError('certificate has extra fields');
  const f = children(tbsE);
  let i = 0;
  let version = 1;
  if (f[0]?.tag === ctx(0, true)) {
    version = Number(integer(at(children(f[0]), 0, 'version', TAG.INTEGER))) + 1;
    if (version < 1 || version > 3) throw new RangeError(`unsupported certificate version ${version}`);
    i = 1;
  }
  const serial = integer(at(f, i, 'serial number', TAG.INTEGER));
  if (algorithmOid(at(f, i + 1, 'signature algorithm', TAG.SEQUENCE)) !== sigAlgOid) {
    throw new RangeError('inner and outer signature algorithms differ');
  }
  const issuerE = at(f, i + 2, 'issuer', TAG.SEQUENCE);
  const issuer = decodeName(issuerE);
  const validity = children(at(f, i + 3, 'validity', TAG.SEQUENCE));
  const validAfter = time(at(validity, 0, 'notBefore'));
  const validBefore = time(at(validity, 1, 'notAfter'));
  const subjectE = at(f, i + 4, 'subject', TAG.SEQUENCE);
  const subject = decodeName(subjectE);
  const keyBlob = spkiToSSHBlob(at(f, i + 5, 'subjectPublicKeyInfo', TAG.SEQUENCE));
  let isCA = false;
  let pathLen: number | undefined;
  let keyUsage: number | undefined;
  let purposes: string[] | undefined;
  const emails: string[] = [];
  const hostNames: string[] = [];
  let hasSubjectAltName = false;
  let comment: Uint8Array | null = null;
  const unknownCritical: string[] = [];
  const extsE = f.slice(i + 6).find((e) => e.tag === ctx(3, true));
  const seen = new Set<string>();
  for (const ext of extsE ? children(at(children(extsE), 0, 'extensions', TAG.SEQUENCE)) : []) {
    const parts = children(ext, TAG.SEQUENCE);
    const oid = oidText(at(parts, 0, 'extension id', TAG.OID));
    if (seen.has(oid)) throw new RangeError(`duplicate extension ${oid}`);
    seen.add(oid);
    const critical = parts[1]?.tag === TAG.BOOLEAN && parts[1].value[0] !== 0;
    const value = at(parts, parts.length - 1, 'extension value', TAG.OCTET_STRING);
    if (oid === '2.5.29.19') {
      const bc = children(parseDer(value.value), TAG.SEQUENCE);
      isCA = bc[0]?.tag === TAG.BOOLEAN && bc[0].value[0] !== 0;
      const pl = bc.find((e) => e.tag === TAG.INTEGER);
      if (pl) pathLen = Number(integer(pl));
    } else if (oid === '2.5.29.15') keyUsage = keyUsageBits(value);
    else if (oid === '2.5.29.37') purposes = children(parseDer(value.value), TAG.SEQUENCE).map(oidText);
    else if (oid === '2.5.29.17') {
      hasSubjectAltName = true;
      for (const g of children(parseDer(value.value), TAG.SEQUENCE)) {
        if (g.tag === ctx(1, false)) emails.push(text(g));
        else if (g.tag === ctx(2, false)) hostNames.push(text(g));
        else if (g.tag === ctx(7, false)) hostNames.push(formatIpAddress(g.value));
      }
    } else if (oid === NS_COMMENT) {
      const v = parseDer(value.value);
      if (v.tag === TAG.IA5 && v.value.length > 0) comment = v.value.slice();
    } else if (critical && !KNOWN.includes(oid)) unknownCritical.push(oid);
  }
  return {
    der: der.slice(),
    tbs: tbsE.raw.slice(),
    version,
    serial,
    sigAlgOid,
    signature: signature.slice(),
    issuer,
    subject,
    issuerDer: issuerE.raw.slice(),
    subjectDer: subjectE.raw.slice(),
    validAfter,
    validBefore,
    keyBlob,
    isCA,
    pathLen,
    keyUsage,
    purposes,
    principals: [...emails, ...hostNames],
    emails,
    hostNames,
    hasSubjectAltName,
    comment,
    unknownCritical,
  };
}
