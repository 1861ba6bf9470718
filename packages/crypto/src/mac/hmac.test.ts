import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { KeyLengthError } from '../errors.js';
import type { HashName } from '../hash/types.js';
import { nobleHmacAlgorithm } from './hmac.js';
import { nodeHmacAlgorithm } from './hmac.node.js';
import { HMAC_SPECS } from './hmac-specs.js';
import { macRegistry as portable } from './index.js';
import { macRegistry as node } from './index.node.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const ascii = (s: string) => new TextEncoder().encode(s);

/**
 * An SSH MAC is HMAC(key, uint32 seq || data): a published vector whose
 * message is at least 4 bytes long is checked by taking its first 4 bytes
 * as the sequence number.
 */
function viaSeq(message: Uint8Array): { seq: number; data: Uint8Array } {
  const seq = new DataView(message.buffer, message.byteOffset).getUint32(0);
  return { seq, data: message.subarray(4) };
}

// RFC 2202 §2-3 test case 1 and RFC 4231 §4.2 test case 1: key = 20 x 0x0b, data = "Hi There".
const CASE1_KEY = new Uint8Array(20).fill(0x0b);
const CASE1: Record<HashName, string> = {
  md5: '5ccec34ea9656392457fa1ac27f08fbc',
  sha1: 'b617318655057264e28bc0b6fb378c8ef146be00',
  sha224: '896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22',
  sha256: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
  sha384: 'afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6',
  sha512:
    '87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854',
};
// RFC 2202 / RFC 4231 test case 2: key = "Jefe", data = "what do ya want for nothing?".
const CASE2: Record<HashName, string> = {
  md5: '750c783e6ab0b503eaa86e310a5db738',
  sha1: 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79',
  sha224: 'a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44',
  sha256: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  sha384: 'af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649',
  sha512:
    '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
};

describe.each([
  ['portable', nobleHmacAlgorithm],
  ['node', nodeHmacAlgorithm],
])('%s HMAC', (_path, make) => {
  test.each(Object.keys(CASE1) as HashName[])('%s: RFC 2202 / RFC 4231 test cases 1 and 2', (hash) => {
    const full = (hash === 'md5' ? 16 : hash === 'sha1' ? 20 : Number(hash.slice(3)) / 8) as number;
    for (const [key, msg, want] of [
      [CASE1_KEY, ascii('Hi There'), CASE1[hash]],
      [ascii('Jefe'), ascii('what do ya want for nothing?'), CASE2[hash]],
    ] as const) {
      const mac = make('test', { hash, keyLength: key.length, tagLength: full, etm: false }).create(key);
      const { seq, data } = viaSeq(msg);
      const out = new Uint8Array(full + 3);
      mac.sign(seq, data, out, 3);
      expect(hex(out.subarray(3))).toBe(want);
      expect(mac.verify(seq, data, out.subarray(3))).toBe(true);
      // A 96-bit variant keeps the leftmost 12 bytes (RFC 2104 §5).
      const short = make('test-96', { hash, keyLength: key.length, tagLength: 12, etm: false }).create(key);
      const tag = new Uint8Array(12);
      short.sign(seq, data, tag, 0);
      expect(hex(tag)).toBe(want.slice(0, 24));
      expect(short.verify(seq, data, tag)).toBe(true);
      tag[11] = (tag[11] as number) ^ 1;
      expect(short.verify(seq, data, tag)).toBe(false);
      expect(short.verify(seq, data, tag.subarray(0, 11))).toBe(false);
    }
  });
});

test('every HMAC name: node and portable agree; key lengths are enforced', () => {
  for (const name of Object.keys(HMAC_SPECS)) {
    const spec = HMAC_SPECS[name];
    const pa = portable.get(name);
    const na = node.get(name);
    expect([pa.keyLength, pa.tagLength, pa.etm]).toEqual([spec?.keyLength, spec?.tagLength, spec?.etm]);
    expect([na.keyLength, na.tagLength, na.etm]).toEqual([pa.keyLength, pa.tagLength, pa.etm]);
    expect(() => pa.create(new Uint8Array(pa.keyLength + 1))).toThrow(KeyLengthError);
    expect(() => na.create(new Uint8Array(0))).toThrow(KeyLengthError);
  }
  fc.assert(
    fc.property(
      fc.constantFrom(...Object.keys(HMAC_SPECS)),
      fc.integer({ min: 0, max: 0xffffffff }),
      fc.uint8Array({ maxLength: 2000 }),
      fc.uint8Array({ minLength: 64, maxLength: 64 }),
      (name, seq, data, keyBytes) => {
        const pa = portable.get(name);
        const key = keyBytes.subarray(0, pa.keyLength);
        const a = new Uint8Array(pa.tagLength);
        const b = new Uint8Array(pa.tagLength);
        pa.create(key).sign(seq, data, a, 0);
        node.get(name).create(key).sign(seq, data, b, 0);
        expect(hex(a)).toBe(hex(b));
        expect(node.get(name).create(key).verify(seq, data, a)).toBe(true);
        expect(
          node
            .get(name)
            .create(key)
            .verify((seq + 1) >>> 0, data, a),
        ).toBe(false);
      },
    ),
    { numRuns: 200 },
  );
});
