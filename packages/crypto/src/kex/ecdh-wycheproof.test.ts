import { describe, expect, it } from 'vitest';
import vectors from '../../test/vectors/kex/ecdh-wycheproof.json' with { type: 'json' };
import { nodeEcdh } from './ecdh.node.js';
import { nobleEcdh } from './ecdh-noble.js';
import type { EcdhProvider } from './ecdh-primitive.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));

/** Secret scalar lengths in bytes (Wycheproof writes them as DER integers, sometimes with a leading zero). */
const CURVES = { p256: 32, p384: 48, p521: 66, secp256k1: 32 } as const;

/** The private scalar left-padded or stripped to the curve's length. */
const scalar = (s: string, len: number) =>
  unhex(
    BigInt(`0x${s}`)
      .toString(16)
      .padStart(2 * len, '0'),
  );
/** The uncompressed point: Wycheproof's secp256k1 file gives a SubjectPublicKeyInfo ending with it. */
const point = (s: string, len: number) => {
  const b = unhex(s);
  const size = 1 + 2 * len;
  return b.subarray(b.length - size);
};

const PATHS: [string, EcdhProvider][] = [
  ['node', nodeEcdh],
  ['portable', nobleEcdh],
];

describe.each(PATHS)('ECDH on NIST curves and secp256k1 against Wycheproof (%s path)', (_path, provider) => {
  for (const [curve, len] of Object.entries(CURVES) as [keyof typeof CURVES, number][]) {
    for (const v of vectors[curve]) {
      it(`${curve} tcId ${v.tcId}`, () => {
        const ours = provider[curve].generate(scalar(v.private, len));
        expect(hex(ours.agree(point(v.public, len)))).toBe(v.shared);
      });
    }
  }
});
