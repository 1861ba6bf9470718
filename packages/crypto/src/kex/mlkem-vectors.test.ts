import { ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import { describe, expect, it } from 'vitest';
import vectors from '../../test/vectors/kex/mlkem-wycheproof.json' with { type: 'json' };
import { kexRegistry as portable } from './index.js';
import { kexRegistry as node } from './index.node.js';
import { mlkem768, mlkem1024 } from './mlkem.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));

/**
 * ML-KEM (FIPS 203) is @noble/post-quantum's on both paths (node:crypto has
 * no ML-KEM in Node 20): the published keys and decapsulation, then our
 * wrapper encapsulating to the published key.
 */
describe.each([
  ['mlkem768', ml_kem768, mlkem768, vectors.mlkem768],
  ['mlkem1024', ml_kem1024, mlkem1024, vectors.mlkem1024],
] as const)('%s against Wycheproof (CCTV strcmp vector)', (_name, kem, ours, v) => {
  it('key generation from the seed gives the published encapsulation key; decapsulation gives K', () => {
    const { publicKey, secretKey } = kem.keygen(unhex(v.seed));
    expect(hex(publicKey)).toBe(v.ek);
    expect(hex(kem.decapsulate(unhex(v.c), secretKey))).toBe(v.K);
  });

  it('our primitive encapsulates to the published key a secret the published key pair decapsulates', () => {
    const { secretKey } = kem.keygen(unhex(v.seed));
    const { ciphertext, sharedSecret } = ours.encapsulate(unhex(v.ek));
    expect(ciphertext.length).toBe(ours.ciphertextLength);
    expect(hex(kem.decapsulate(ciphertext, secretKey))).toBe(hex(sharedSecret));
  });
});

it('the ML-KEM hybrids are registered on both paths', () => {
  for (const name of ['mlkem768x25519-sha256', 'mlkem768nistp256-sha256', 'mlkem1024nistp384-sha384']) {
    expect(node.has(name), name).toBe(true);
    expect(portable.has(name), name).toBe(true);
  }
});
