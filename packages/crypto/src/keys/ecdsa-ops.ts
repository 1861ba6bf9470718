import { bigToBytes } from './bigint.js';
import { EC_CURVES } from './ec-curves.js';
import { sigDigest } from './sig-hash.js';
import type { ECDSAOps, EcCurve } from './types.js';

/** ECDSA over @noble/curves (portable); RFC 6979 deterministic nonces. */
export const portableECDSA: ECDSAOps = {
  sign(key, data) {
    if (key.d === undefined) throw new TypeError('ECDSA signing needs a private key');
    const c = EC_CURVES[key.curve];
    const digest = sigDigest(c.hash, data);
    const sig = c.noble.sign(digest, bigToBytes(key.d, c.fieldBytes), { prehash: false, lowS: false });
    const parsed = c.noble.Signature.fromBytes(sig, 'compact');
    return { r: parsed.r, s: parsed.s };
  },
  verify(key, data, r, s) {
    const c = EC_CURVES[key.curve];
    try {
      const sig = new c.noble.Signature(r, s).toBytes('compact');
      return c.noble.verify(sig, sigDigest(c.hash, data), key.point, { prehash: false, lowS: false });
    } catch {
      return false;
    }
  },
  generate(curve: EcCurve) {
    const c = EC_CURVES[curve];
    const { secretKey } = c.noble.keygen();
    let d = 0n;
    for (const b of secretKey) d = (d << 8n) | BigInt(b);
    return { curve, d, point: c.noble.getPublicKey(secretKey, false) };
  },
};
