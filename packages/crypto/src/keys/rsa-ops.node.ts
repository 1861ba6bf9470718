import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { bigToBytes, byteLength, bytesToBig } from './bigint.js';
import { b64u, cached, fromB64u } from './node-util.node.js';
import type { RSAOps, RsaPrivateMaterial, RsaPublicMaterial } from './types.js';

const big = (v: bigint) => b64u(bigToBytes(v, byteLength(v) || 1));

const privateKey = cached((m: RsaPrivateMaterial) =>
  createPrivateKey({
    key: {
      kty: 'RSA',
      n: big(m.n),
      e: big(m.e),
      d: big(m.d),
      p: big(m.p),
      q: big(m.q),
      dp: big(m.d % (m.p - 1n)),
      dq: big(m.d % (m.q - 1n)),
      qi: big(m.iqmp),
    },
    format: 'jwk',
  }),
);
const modulusBytes = new WeakMap<RsaPublicMaterial, number>();
function lengthOf(m: RsaPublicMaterial): number {
  let k = modulusBytes.get(m);
  if (k === undefined) {
    k = byteLength(m.n);
    modulusBytes.set(m, k);
  }
  return k;
}

const publicKey = cached((m: RsaPublicMaterial) =>
  createPublicKey({ key: { kty: 'RSA', n: big(m.n), e: big(m.e) }, format: 'jwk' }),
);

/** RSA PKCS#1 v1.5 over node:crypto (OpenSSL). */
export const nodeRSA: RSAOps = {
  sign(key, hash, data) {
    const s = sign(hash, data, privateKey(key));
    return new Uint8Array(s.buffer, s.byteOffset, s.length);
  },
  verify(key, hash, data, sig) {
    const k = lengthOf(key);
    if (sig.length > k) return false;
    let full = sig;
    if (sig.length < k) {
      full = new Uint8Array(k);
      full.set(sig, k - sig.length);
    }
    try {
      return verify(hash, data, publicKey(key), full);
    } catch {
      return false;
    }
  },
  generate(bits, e) {
    const { privateKey: k } = generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: Number(e) });
    const j = k.export({ format: 'jwk' });
    const n = (s: string | undefined) => bytesToBig(fromB64u(s));
    const p = n(j.p);
    const q = n(j.q);
    return { n: n(j.n), e: n(j.e), d: n(j.d), p, q, iqmp: n(j.qi) };
  },
};
