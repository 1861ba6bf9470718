import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { b64u, cached, fromB64u } from './node-util.node.js';
import type { EdCurve, EdDSAOps, EdMaterial } from './types.js';

const CRV: Readonly<Record<EdCurve, 'Ed25519' | 'Ed448'>> = { ed25519: 'Ed25519', ed448: 'Ed448' };

/** PKCS#8 DER prefixes of a bare Ed25519 / Ed448 seed (RFC 8410 §7). */
const PKCS8_PREFIX: Readonly<Record<EdCurve, readonly number[]>> = {
  ed25519: [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20],
  ed448: [0x30, 0x47, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x71, 0x04, 0x3b, 0x04, 0x39],
};

const privateKey = cached((m: EdMaterial) =>
  createPrivateKey({
    key: { kty: 'OKP', crv: CRV[m.curve], d: b64u(m.seed as Uint8Array), x: b64u(m.publicKey) },
    format: 'jwk',
  }),
);
const publicKey = cached((m: EdMaterial) =>
  createPublicKey({ key: { kty: 'OKP', crv: CRV[m.curve], x: b64u(m.publicKey) }, format: 'jwk' }),
);

/** Ed25519 / Ed448 over node:crypto (OpenSSL). */
export const nodeEdDSA: EdDSAOps = {
  sign(key, data) {
    if (!key.seed) throw new TypeError('EdDSA signing needs a private key');
    const s = sign(null, data, privateKey(key));
    return new Uint8Array(s.buffer, s.byteOffset, s.length);
  },
  verify(key, data, sig) {
    try {
      return verify(null, data, publicKey(key), sig);
    } catch {
      return false;
    }
  },
  publicKey(curve, seed) {
    const der = new Uint8Array(PKCS8_PREFIX[curve].length + seed.length);
    der.set(PKCS8_PREFIX[curve]);
    der.set(seed, PKCS8_PREFIX[curve].length);
    const jwk = createPublicKey(
      createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' }),
    ).export({
      format: 'jwk',
    });
    return fromB64u(jwk.x);
  },
  generate(curve) {
    const pair = curve === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ed448');
    const jwk = pair.privateKey.export({ format: 'jwk' });
    return { curve, seed: fromB64u(jwk.d), publicKey: fromB64u(jwk.x) };
  },
};
