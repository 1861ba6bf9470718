import type { ECDSA } from '@noble/curves/abstract/weierstrass.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import type { EcCurve, SigHashName } from './types.js';

/** What the ECDSA code needs to know about one curve. */
export interface EcCurveInfo {
  /** SSH curve identifier (RFC 5656 §6.1). */
  readonly id: EcCurve;
  /** The key type / signature algorithm name. */
  readonly keyType: string;
  /** The hash RFC 5656 §6.2.1 ties to the curve size. */
  readonly hash: SigHashName;
  /** Field element size in bytes. */
  readonly fieldBytes: number;
  /** Order size in bits. */
  readonly bits: number;
  /** JWK curve name. */
  readonly jwkCrv: string;
  /** OpenSSL curve name (key generation). */
  readonly opensslCurve: string;
  /** The noble implementation (portable path, point checks). */
  readonly noble: ECDSA;
  /** The group order n. */
  readonly order: bigint;
}

function info(
  id: EcCurve,
  hash: SigHashName,
  fieldBytes: number,
  bits: number,
  jwkCrv: string,
  opensslCurve: string,
  noble: ECDSA,
): EcCurveInfo {
  const order = noble.Point.CURVE().n;
  return { id, keyType: `ecdsa-sha2-${id}`, hash, fieldBytes, bits, jwkCrv, opensslCurve, noble, order };
}

/** The ECDSA curves SSH names, by curve identifier. */
export const EC_CURVES: Readonly<Record<EcCurve, EcCurveInfo>> = {
  nistp256: info('nistp256', 'sha256', 32, 256, 'P-256', 'prime256v1', p256),
  nistp384: info('nistp384', 'sha384', 48, 384, 'P-384', 'secp384r1', p384),
  nistp521: info('nistp521', 'sha512', 66, 521, 'P-521', 'secp521r1', p521),
  '1.3.132.0.10': info('1.3.132.0.10', 'sha256', 32, 256, 'secp256k1', 'secp256k1', secp256k1),
};
