import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import vectors from '../../test/vectors/kex/rsaes-oaep-rsalabs.json' with { type: 'json' };
import { bigIntToBytes, bytesToBigInt } from './bytes.js';
import { modPow } from './dh-engine.js';
import { nodeRsa } from './rsa.node.js';
import { bigintRsa, oaepDecode, oaepEncode } from './rsa-oaep.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const n = BigInt(`0x${vectors.n}`);
const e = BigInt(`0x${vectors.e}`);
const d = BigInt(`0x${vectors.d}`);
const K = 128;

/** The private operation and OAEP decoding with the published key. */
const decrypt = (c: Uint8Array) => oaepDecode('sha1', bigIntToBytes(modPow(bytesToBigInt(c), d, n), K));

describe('RSAES-OAEP (rsa1024-sha1 key transport) against the RSA Laboratories vectors', () => {
  it.each(vectors.examples)(
    'example $name: our encoding with the published seed gives the published ciphertext',
    (v) => {
      const em = oaepEncode('sha1', unhex(v.message), K, unhex(v.seed));
      expect(hex(bigIntToBytes(modPow(bytesToBigInt(em), e, n), K))).toBe(v.encryption);
      expect(hex(decrypt(unhex(v.encryption)))).toBe(v.message);
    },
  );

  it('both engines encrypt to the published key what the published private key decrypts (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: K - 2 * 20 - 2 }), (message) => {
        for (const engine of [bigintRsa, nodeRsa]) {
          const c = engine.encrypt(n, e, message, 'sha1');
          expect(c.length).toBe(K);
          expect(hex(decrypt(c))).toBe(hex(message));
        }
      }),
      { numRuns: 25 },
    );
  });

  it('a seed of the wrong length is refused', () => {
    expect(() => oaepEncode('sha1', new Uint8Array(4), K, new Uint8Array(19))).toThrow(RangeError);
  });
});
