import { bigToBytes, bytesToBig } from '../keys/bigint.js';
import { EC_CURVES } from '../keys/ec-curves.js';
import type { EcCurve } from '../keys/types.js';
import {
  DER,
  derBitString,
  derBitStringBytes,
  derChildren,
  derElement,
  derExpect,
  derExplicit,
  derInteger,
  derOctetString,
  derOid,
  derOidText,
  derParse,
  derSequence,
  derSequenceItems,
  derSmallInt,
} from './der.js';
import { CURVE_OIDS, curveOfOid } from './oids.js';

/** An EC private key as SEC1 (RFC 5915) holds it. */
export interface Sec1Key {
  /** The curve, when the key names it (the [0] parameters). */
  readonly curve: EcCurve | undefined;
  readonly d: bigint;
  /** The public point, when present ([1]). */
  readonly point: Uint8Array | undefined;
}

/** Decode an ECPrivateKey (RFC 5915 §3); RangeError on malformed DER. */
export function decodeSec1(der: Uint8Array): Sec1Key {
  const items = derSequenceItems(derParse(der), 'ECPrivateKey');
  if (derSmallInt(items[0], 'ECPrivateKey version') !== 1)
    throw new RangeError('ECPrivateKey version must be 1');
  const d = bytesToBig(derExpect(items[1], DER.OCTET_STRING, 'the EC private key').value);
  let curve: EcCurve | undefined;
  let point: Uint8Array | undefined;
  for (const extra of items.slice(2)) {
    if (extra.tag === 0xa0) {
      const oid = derOidText(derChildren(extra.value)[0]);
      curve = curveOfOid(oid);
      if (!curve) throw new RangeError(`unknown EC curve ${oid}`);
    } else if (extra.tag === 0xa1) {
      point = derBitStringBytes(derChildren(extra.value)[0], 'EC public key').slice();
    } else throw new RangeError('unexpected field in ECPrivateKey');
  }
  return { curve, d, point };
}

/** Encode an ECPrivateKey with its curve ([0]) unless `withCurve` is false, and its point ([1]). */
export function encodeSec1(curve: EcCurve, d: bigint, point: Uint8Array, withCurve = true): Uint8Array {
  const parts = [derInteger(1n), derOctetString(bigToBytes(d, EC_CURVES[curve].fieldBytes))];
  if (withCurve) parts.push(derExplicit(0, derOid(CURVE_OIDS[curve])));
  parts.push(derElement(0xa1, derBitString(point)));
  return derSequence(...parts);
}
