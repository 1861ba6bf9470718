import { ed448 } from '@noble/curves/ed448.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import type { EdCurve, EdDSAOps } from './types.js';

const CURVES = { ed25519, ed448 } as const;

/** Ed25519 / Ed448 over @noble/curves (portable). */
export const portableEdDSA: EdDSAOps = {
  sign(key, data) {
    if (!key.seed) throw new TypeError('EdDSA signing needs a private key');
    return CURVES[key.curve].sign(data, key.seed);
  },
  verify(key, data, sig) {
    try {
      return CURVES[key.curve].verify(sig, data, key.publicKey, { zip215: false });
    } catch {
      return false;
    }
  },
  publicKey(curve: EdCurve, seed: Uint8Array) {
    return CURVES[curve].getPublicKey(seed);
  },
  generate(curve: EdCurve) {
    const { secretKey, publicKey } = CURVES[curve].keygen();
    return { curve, seed: secretKey, publicKey };
  },
};
