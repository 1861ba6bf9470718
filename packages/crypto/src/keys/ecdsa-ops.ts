import { bigToBytes, bytesToBig } from './bigint.js';
import { EC_CURVES } from './ec-curves.js';
import { sigDigest } from './sig-hash.js';
import type { ECDSAOps, EcCurve } from './types.js';

/** ECDSA over @noble/curves (portable); RFC 6979 deterministic nonces; r || s signatures. */
export const portableECDSA: ECDSAOps = {
  sign(key, data) {
    if (key.d === undefined) throw new TypeError('ECDSA signing needs a private key');
    const c = EC_CURVES[key.curve];
    const digest = sigDigest(c.hash, data);
    return c.noble.sign(digest, bigToBytes(key.d, c.fieldBytes), { prehash: false, lowS: false });
  },
  verify(key, data, rs) {
    const c = EC_CURVES[key.curve];
    try {
      return c.noble.verify(rs, sigDigest(c.hash, data), key.point, { prehash: false, lowS: false });
    } catch {
      return false;
    }
  },
  generate(curve: EcCurve) {
    const c = EC_CURVES[curve];
    const { secretKey } = c.noble.keygen();
    return { curve, d: bytesToBig(secretKey), point: c.noble.getPublicKey(secretKey, false) };
  },
};
