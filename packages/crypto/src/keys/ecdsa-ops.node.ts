import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { bigToBytes, bytesToBig } from './bigint.js';
import { EC_CURVES } from './ec-curves.js';
import { b64u, cached, fromB64u, u8 } from './node-util.node.js';
import type { ECDSAOps, EcMaterial } from './types.js';

function jwkOf(m: EcMaterial) {
  const c = EC_CURVES[m.curve];
  const n = c.fieldBytes;
  return {
    kty: 'EC',
    crv: c.jwkCrv,
    x: b64u(m.point.subarray(1, 1 + n)),
    y: b64u(m.point.subarray(1 + n)),
  };
}

const privateKey = cached((m: EcMaterial) =>
  createPrivateKey({
    key: { ...jwkOf(m), d: b64u(bigToBytes(m.d as bigint, EC_CURVES[m.curve].fieldBytes)) },
    format: 'jwk',
  }),
);
const publicKey = cached((m: EcMaterial) => createPublicKey({ key: jwkOf(m), format: 'jwk' }));

/** ECDSA over node:crypto (OpenSSL); signatures use random nonces. */
export const nodeECDSA: ECDSAOps = {
  sign(key, data) {
    if (key.d === undefined) throw new TypeError('ECDSA signing needs a private key');
    const c = EC_CURVES[key.curve];
    return u8(sign(c.hash, data, { key: privateKey(key), dsaEncoding: 'ieee-p1363' }));
  },
  verify(key, data, rs) {
    const c = EC_CURVES[key.curve];
    try {
      return verify(c.hash, data, { key: publicKey(key), dsaEncoding: 'ieee-p1363' }, rs);
    } catch {
      return false;
    }
  },
  generate(curve) {
    const c = EC_CURVES[curve];
    const { privateKey: k } = generateKeyPairSync('ec', { namedCurve: c.opensslCurve });
    const jwk = k.export({ format: 'jwk' });
    const x = fromB64u(jwk.x);
    const y = fromB64u(jwk.y);
    const point = new Uint8Array(1 + 2 * c.fieldBytes);
    point[0] = 4;
    point.set(x, 1 + c.fieldBytes - x.length);
    point.set(y, 1 + 2 * c.fieldBytes - y.length);
    return { curve, point, d: bytesToBig(fromB64u(jwk.d)) };
  },
};
