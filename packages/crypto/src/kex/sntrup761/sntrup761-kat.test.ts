import { createCipheriv } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundedDecode, roundedEncode, rqDecode, rqEncode, smallDecode, smallEncode } from './encode.js';
import { sntrup761Decapsulate, sntrup761Encapsulate, sntrup761Keygen } from './kem.js';
import { P, Q12, SMALL_BYTES } from './params.js';
import { r3Mult, r3Recip, rqMult3, rqMultSmall, rqRecip3 } from './poly.js';

/** The NIST PQC known-answer-test DRBG (AES-256 CTR_DRBG without derivation function). */
class NistDrbg {
  private key = new Uint8Array(32);
  private v = new Uint8Array(16);

  constructor(seed: Uint8Array) {
    this.update(seed);
  }

  private increment(): void {
    for (let j = 15; j >= 0; j--) {
      if (this.v[j] === 0xff) this.v[j] = 0;
      else {
        this.v[j] = (this.v[j] as number) + 1;
        break;
      }
    }
  }

  private block(): Uint8Array {
    const c = createCipheriv('aes-256-ecb', this.key, null);
    c.setAutoPadding(false);
    return new Uint8Array(c.update(this.v));
  }

  private update(data?: Uint8Array): void {
    const t = new Uint8Array(48);
    for (let i = 0; i < 3; i++) {
      this.increment();
      t.set(this.block(), 16 * i);
    }
    if (data) for (let i = 0; i < 48; i++) t[i] = (t[i] as number) ^ (data[i] as number);
    this.key = t.slice(0, 32);
    this.v = t.slice(32);
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let at = 0; at < n; at += 16) {
      this.increment();
      out.set(this.block().subarray(0, Math.min(16, n - at)), at);
    }
    this.update();
    return out;
  }
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const unhex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const kat = JSON.parse(
  readFileSync(new URL('../../../test/vectors/kex/sntrup761-decap.json', import.meta.url), 'utf8'),
) as { sk: string; ct: string; ss: string };

describe('sntrup761 known-answer test (NIST round 3, count = 0)', () => {
  it('decapsulates the published ciphertext with the published secret key', () => {
    expect(hex(sntrup761Decapsulate(unhex(kat.ct), unhex(kat.sk)))).toBe(kat.ss);
  });

  it('regenerates the published key pair, ciphertext and secret from the DRBG seed', () => {
    const master = new NistDrbg(Uint8Array.from({ length: 48 }, (_, i) => i));
    const seed = master.bytes(48);
    expect(hex(seed)).toBe(
      '061550234D158C5EC95595FE04EF7A25767F2E24CC2BC479D09D86DC9ABCFDE7056A8C266F9EF97ED08541DBD2E1FFA1',
    );
    const drbg = new NistDrbg(seed);
    const random = (n: number) => drbg.bytes(n);
    const { publicKey, secretKey } = sntrup761Keygen(random);
    expect(hex(secretKey)).toBe(kat.sk);
    expect(hex(publicKey)).toBe(kat.sk.slice(4 * SMALL_BYTES, 4 * SMALL_BYTES + 2 * 1158));
    const { ciphertext, sharedSecret } = sntrup761Encapsulate(publicKey, random);
    expect(hex(ciphertext)).toBe(kat.ct);
    expect(hex(sharedSecret)).toBe(kat.ss);
  });

  it('implicit rejection: a tampered ciphertext gives a different secret, not an error', () => {
    const ct = unhex(kat.ct);
    ct[5] = (ct[5] as number) ^ 1;
    const ss1 = sntrup761Decapsulate(ct, unhex(kat.sk));
    expect(hex(ss1)).not.toBe(kat.ss);
    expect(sntrup761Decapsulate(ct, unhex(kat.sk))).toEqual(ss1);
    const ct2 = unhex(kat.ct);
    ct2[1030] = (ct2[1030] as number) ^ 0x80;
    expect(hex(sntrup761Decapsulate(ct2, unhex(kat.sk)))).not.toBe(kat.ss);
  });
});

describe('sntrup761 arithmetic and encodings', () => {
  const small = fc
    .array(fc.integer({ min: -1, max: 1 }), { minLength: P, maxLength: P })
    .map((a) => Int8Array.from(a));
  const rq = fc
    .array(fc.integer({ min: -Q12, max: Q12 }), { minLength: P, maxLength: P })
    .map((a) => Int16Array.from(a));

  it('1/g in R/3 and 1/(3f) in R/q multiply back to 1', () => {
    fc.assert(
      fc.property(small, (g) => {
        const one = new Int8Array(P);
        one[0] = 1;
        const inv = r3Recip(g);
        if (inv) expect(r3Mult(inv, g)).toEqual(one);
        if (g.some((c) => c !== 0)) {
          const finv = rqRecip3(g);
          expect(rqMult3(rqMultSmall(finv, g))).toEqual(Int16Array.from(one));
        }
      }),
      { numRuns: 3 },
    );
  });

  it('encode/decode round trips', () => {
    fc.assert(
      fc.property(small, rq, (s, r) => {
        expect(smallDecode(smallEncode(s))).toEqual(s);
        expect(rqDecode(rqEncode(r))).toEqual(r);
        const rounded = r.map((c) => c - (((c % 3) + 4) % 3) + 1);
        const fixed = Int16Array.from(rounded, (c) => Math.max(-Q12, Math.min(Q12, c - ((c + Q12) % 3))));
        expect(roundedDecode(roundedEncode(fixed))).toEqual(fixed);
      }),
      { numRuns: 5 },
    );
  });

  it('random key pairs round trip', () => {
    for (let i = 0; i < 2; i++) {
      const { publicKey, secretKey } = sntrup761Keygen();
      const { ciphertext, sharedSecret } = sntrup761Encapsulate(publicKey);
      expect(sntrup761Decapsulate(ciphertext, secretKey)).toEqual(sharedSecret);
    }
  });
});
