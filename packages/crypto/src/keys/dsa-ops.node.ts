import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import {
  derBitString,
  derChildren,
  derInteger,
  derOctetString,
  derOid,
  derSequence,
  derToBigint,
} from '../formats/der.js';
import { bigToBytes, bytesToBig, modPow } from './bigint.js';
import { cached, u8 } from './node-util.node.js';
import type { DSAOps, DsaMaterial } from './types.js';

const DSA_OID = '1.2.840.10040.4.1';

function algorithmId(m: DsaMaterial): Uint8Array {
  return derSequence(derOid(DSA_OID), derSequence(derInteger(m.p), derInteger(m.q), derInteger(m.g)));
}

const privateKey = cached((m: DsaMaterial) =>
  createPrivateKey({
    key: Buffer.from(derSequence(derInteger(0n), algorithmId(m), derOctetString(derInteger(m.x as bigint)))),
    format: 'der',
    type: 'pkcs8',
  }),
);
const publicKey = cached((m: DsaMaterial) =>
  createPublicKey({
    key: Buffer.from(derSequence(algorithmId(m), derBitString(derInteger(m.y)))),
    format: 'der',
    type: 'spki',
  }),
);

/** ssh-dss over node:crypto (OpenSSL): SHA-1, random nonces. */
export const nodeDSA: DSAOps = {
  sign(key, data) {
    if (key.x === undefined) throw new TypeError('DSA signing needs a private key');
    const sig = sign('sha1', data, { key: privateKey(key), dsaEncoding: 'ieee-p1363' });
    return { r: bytesToBig(sig.subarray(0, 20)), s: bytesToBig(sig.subarray(20)) };
  },
  verify(key, data, r, s) {
    try {
      const sig = new Uint8Array(40);
      sig.set(bigToBytes(r, 20));
      sig.set(bigToBytes(s, 20), 20);
      return verify('sha1', data, { key: publicKey(key), dsaEncoding: 'ieee-p1363' }, sig);
    } catch {
      return false;
    }
  },
  generate() {
    const { privateKey: k } = generateKeyPairSync('dsa', { modulusLength: 1024, divisorLength: 160 });
    const der = u8(k.export({ format: 'der', type: 'pkcs8' }));
    const [info] = derChildren(der);
    const [, alg, priv] = derChildren((info as { value: Uint8Array }).value);
    const [, params] = derChildren((alg as { value: Uint8Array }).value);
    const [p, q, g] = derChildren((params as { value: Uint8Array }).value).map(derToBigint);
    const [xNode] = derChildren((priv as { value: Uint8Array }).value);
    if (p === undefined || q === undefined || g === undefined || !xNode)
      throw new Error('unexpected DSA key DER');
    const x = derToBigint(xNode);
    return { p, q, g, x, y: modPow(g, x, p) };
  },
};
