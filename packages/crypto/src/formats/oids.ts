import type { EcCurve } from '../keys/types.js';

/** Object identifiers of the key algorithms, curves and encryption schemes the key formats use. */
export const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  dsa: '1.2.840.10040.4.1',
  ecPublicKey: '1.2.840.10045.2.1',
  ed25519: '1.3.101.112',
  ed448: '1.3.101.113',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
} as const;

/** Named curves (RFC 5480) by SSH curve identifier. */
export const CURVE_OIDS: Readonly<Record<EcCurve, string>> = {
  nistp256: '1.2.840.10045.3.1.7',
  nistp384: '1.3.132.0.34',
  nistp521: '1.3.132.0.35',
  '1.3.132.0.10': '1.3.132.0.10',
};

/** The SSH curve of a named-curve OID, or undefined. */
export function curveOfOid(oid: string): EcCurve | undefined {
  return (Object.keys(CURVE_OIDS) as EcCurve[]).find((c) => CURVE_OIDS[c] === oid);
}
