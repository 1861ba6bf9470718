import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeEcdh } from './ecdh.node.js';
import { nobleEcdh } from './ecdh-noble.js';
import type { EcdhCurveName, EcdhProvider } from './ecdh-primitive.js';

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const providers: [string, EcdhProvider][] = [
  ['node', nodeEcdh],
  ['portable', nobleEcdh],
];

// RFC 7748 §6.1 and §6.2: Alice and Bob's keys and their shared secret.
const RFC7748 = {
  x25519: {
    a: '77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a',
    A: '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a',
    b: '5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb',
    B: 'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f',
    K: '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742',
  },
  x448: {
    a: '9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b',
    A: '9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0',
    b: '1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d',
    B: '3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609',
    K: '07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56fd2464c335543936521c24403085d59a449a5037514a879d',
  },
} as const;

describe('RFC 7748 X25519 / X448 vectors', () => {
  for (const [path, p] of providers) {
    for (const curve of ['x25519', 'x448'] as const) {
      it(`${curve} (${path})`, () => {
        const v = RFC7748[curve];
        const alice = p[curve].generate(hex(v.a));
        const bob = p[curve].generate(hex(v.b));
        expect(Buffer.from(alice.publicKey).toString('hex')).toBe(v.A);
        expect(Buffer.from(bob.publicKey).toString('hex')).toBe(v.B);
        expect(Buffer.from(alice.agree(hex(v.B))).toString('hex')).toBe(v.K);
        expect(Buffer.from(bob.agree(hex(v.A))).toString('hex')).toBe(v.K);
      });
    }
  }
});

// Secret scalars valid on every curve (below each group order): 1 .. 2^200.
const scalar = fc.bigInt({ min: 1n, max: 1n << 200n });
const scalarBytes = (v: bigint, len: number) => hex(v.toString(16).padStart(len * 2, '0'));
const SK_LEN: Record<EcdhCurveName, number> = {
  x25519: 32,
  x448: 56,
  p256: 32,
  p384: 48,
  p521: 66,
  secp256k1: 32,
};

describe('node:crypto and @noble/curves agree (same scalars, same public keys and secrets)', () => {
  for (const curve of Object.keys(SK_LEN) as EcdhCurveName[]) {
    it(curve, () => {
      fc.assert(
        fc.property(scalar, scalar, (a, b) => {
          const len = SK_LEN[curve];
          const na = nodeEcdh[curve].generate(scalarBytes(a, len));
          const pa = nobleEcdh[curve].generate(scalarBytes(a, len));
          const pb = nobleEcdh[curve].generate(scalarBytes(b, len));
          expect(na.publicKey).toEqual(pa.publicKey);
          expect(na.agree(pb.publicKey)).toEqual(pb.agree(pa.publicKey));
        }),
        { numRuns: 8 },
      );
    });
  }
});
