import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { KeyLengthError } from '../../errors.js';
import { macRegistry as portable } from '../index.js';
import { macRegistry as node } from '../index.node.js';
import { AesBlock } from './aes-block.js';
import { umacKdf } from './kdf.js';
import { createWasmL1Hasher } from './nh-wasm.js';
import { Umac, type UmacTagLength } from './umac.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const ascii = (s: string) => new TextEncoder().encode(s);
const repeat = (s: string, n: number) => ascii(s.repeat(Math.ceil(n / s.length)).slice(0, n));

/**
 * RFC 4418 Appendix (test vectors): key "abcdefghijklmnop", nonce "bcdefghi".
 * UMAC-96 is the first 12 bytes of UMAC-128. The RFC prints 96 of the 128
 * bits of UMAC-128; the full 128-bit tags and the 'a' * 2^25 row are those of
 * the RFC 4418 errata (http://fastcrypto.org/umac/rfc4418.errata.txt).
 */
const RFC4418: readonly (readonly [string, Uint8Array, string, string, string])[] = [
  ['<empty>', ascii(''), '113145fb', '6e155fad26900be1', '32fedb100c79ad58f07ff7643cc60465'],
  ["'a' * 3", repeat('a', 3), '3b91d102', '44b5cb542f220104', '185e4fe905cba7bd85e4c2dc3d117d8d'],
  ["'a' * 2^10", repeat('a', 1 << 10), '599b350b', '26bf2f5d60118bd9', '7a54abe04af82d60fb298c3cbd195bcb'],
  ["'a' * 2^15", repeat('a', 1 << 15), '58dcf532', '27f8ef643b0d118d', '7b136bd911e4b734286ef2be501f2c3c'],
  ["'a' * 2^20", repeat('a', 1 << 20), 'db6364d1', 'a4477e87e9f55853', 'f8acfa3ac31cfeea047f7b115b03bef5'],
  ["'a' * 2^25", repeat('a', 1 << 25), '85ee5cae', 'faca46f856e9b45f', 'a621c2457c0012e64f3fdae9e7e1870c'],
  ["'abc' * 1", repeat('abc', 3), 'abf3a3a0', 'd4d7b9f6bd4fbfcf', '883c3d4b97a61976ffcf232308cba5a5'],
  ["'abc' * 500", repeat('abc', 1500), 'abeb3c8b', 'd4cf26ddefd5c01a', '8824a260c53c66a36c9260a62cb83aa1'],
];

describe.each([
  // The 16 and 32 MiB messages go through the WebAssembly NH only: the JavaScript NH
  // shares every other line with it and would take seconds on them.
  ['WebAssembly NH', true, 1 << 25],
  ['JavaScript NH', false, 1 << 20],
])('UMAC (RFC 4418), %s', (_nh, wasm, maxLength) => {
  const key = ascii('abcdefghijklmnop');
  const nonce = ascii('bcdefghi');
  const umacs = ([4, 8, 12, 16] as UmacTagLength[]).map((n) => new Umac(key, n, wasm));

  test.each(RFC4418.filter((r) => r[1].length <= maxLength).map((r) => [r[0], r] as const))(
    'message %s',
    (_name, [, msg, t32, t64, t128]) => {
      const [u32, u64, u96, u128] = umacs as [Umac, Umac, Umac, Umac];
      expect(hex(u32.tag(msg, nonce))).toBe(t32);
      expect(hex(u64.tag(msg, nonce))).toBe(t64);
      expect(hex(u96.tag(msg, nonce))).toBe(t128.slice(0, 24));
      expect(hex(u128.tag(msg, nonce))).toBe(t128);
    },
  );

  test('nonces of other lengths, the POLY64/POLY128 switch at 2^24 bytes, and the pad cache', () => {
    // Vectors of GNU Nettle's testsuite/umac-test.c (same key; other nonce lengths and sizes).
    const [u32, u64, , u128] = umacs as [Umac, Umac, Umac, Umac];
    const defs = (n: number) => repeat('defdefdefdefdef', n);
    for (const [nonce, n, t32, t64, t128] of [
      ['bcdefghijk', 1024, '3cada45a', '64c6a0fd14615a76', 'abc223116cedd2db5af365e641a97539'],
      ['b', 2049, '097e5abd', 'ad1ee4ab606061c5', 'ad1ee4ab606061c55e0d2ecfee59940a'],
      ['bcdefgh', 16777216, '42d8562a', '42d8562a224a9e9a', '42d8562a224a9e9a75c2f85d39462d07'],
      ['bcdefghij', 16778239, '850cb2c5', '876ca89ed045777b', '876ca89ed045777bf7efa7934e1758c2'],
    ] as const) {
      if (n > maxLength) continue;
      const msg = defs(n);
      expect([
        hex(u32.tag(msg, ascii(nonce))),
        hex(u64.tag(msg, ascii(nonce))),
        hex(u128.tag(msg, ascii(nonce))),
      ]).toEqual([t32, t64, t128]);
    }
    const msg = defs(100);
    // Nonces differing only in the low bit share one AES block (cached) and take its other half.
    const a = u64.tag(msg, Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 6));
    const b = u64.tag(msg, Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 7));
    const c = u64.tag(msg, Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 6));
    expect(hex(a)).not.toBe(hex(b));
    expect(hex(c)).toBe(hex(a));
    expect(() => u64.tag(msg, new Uint8Array(17))).toThrow(RangeError);
  });

  test('a key that is not 16 bytes is a typed error', () => {
    expect(() => new Umac(new Uint8Array(15), 8)).toThrow(KeyLengthError);
    expect(() => portable.get('umac-64@openssh.com').create(new Uint8Array(32))).toThrow(KeyLengthError);
  });
});

describe("OpenSSH's UMAC (umac-64@openssh.com, umac-128@openssh.com and -etm)", () => {
  test('the nonce is the sequence number as a big-endian uint64; the MAC covers the packet only', () => {
    const key = ascii('abcdefghijklmnop');
    for (const [name, len] of [
      ['umac-64@openssh.com', 8],
      ['umac-128-etm@openssh.com', 16],
    ] as const) {
      const mac = node.get(name).create(key);
      const data = repeat('packet', 1000);
      const seq = 0x01020304;
      const out = new Uint8Array(len);
      mac.sign(seq, data, out, 0);
      const want = new Umac(key, len).tag(data, Uint8Array.of(0, 0, 0, 0, 1, 2, 3, 4));
      expect(hex(out)).toBe(hex(want));
      expect(mac.verify(seq, data, out)).toBe(true);
      expect(mac.verify(seq + 1, data, out)).toBe(false);
      out[0] = (out[0] as number) ^ 0x80;
      expect(mac.verify(seq, data, out)).toBe(false);
    }
  });

  test('one instance computes many packets like fresh instances (state is reset per message)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.uint8Array({ maxLength: 5000 })), {
          minLength: 1,
          maxLength: 5,
        }),
        (key, packets) => {
          const reused = portable.get('umac-128@openssh.com').create(key);
          for (const [seq, data] of packets) {
            const a = new Uint8Array(16);
            const b = new Uint8Array(16);
            reused.sign(seq, data, a, 0);
            node.get('umac-128@openssh.com').create(key).sign(seq, data, b, 0);
            expect(hex(a)).toBe(hex(b));
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});

test('the WebAssembly NH and POLY64 are there and agree with the JavaScript code on random messages', () => {
  expect(createWasmL1Hasher(new Uint8Array(1072), 4, [1n, 2n, 3n, 4n])?.hashPoly64).toBeTypeOf('function');
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 16, maxLength: 16 }),
      fc.oneof(fc.integer({ min: 0, max: 2100 }), fc.integer({ min: 0, max: 300_000 })),
      fc.constantFrom<UmacTagLength>(4, 8, 12, 16),
      (key, len, tagLength) => {
        const msg = new Uint8Array(len).map((_, i) => (i * 7 + key[0]!) & 0xff);
        const nonce = key.subarray(0, 8);
        expect(hex(new Umac(key, tagLength, true).tag(msg, nonce))).toBe(
          hex(new Umac(key, tagLength, false).tag(msg, nonce)),
        );
      },
    ),
    { numRuns: 40 },
  );
});

test("POLY's marker path: an NH output at or above 2^64 - 2^32 gives the same tag in WebAssembly and JavaScript", () => {
  const key = ascii('abcdefghijklmnop');
  const l1 = umacKdf(new AesBlock(key), 1, 1024);
  const k = (i: number) => new DataView(l1.buffer, l1.byteOffset).getUint32(i * 4, false);
  // Chunk 0 for stream 0: (m_i + k_i) is 0 for every word but 0, 4 (2^32 - 1 each) and 1, 5 (2^16 each), so
  // NH = (2^32 - 1)^2 + 2^32 + 8 * 1024 = 2^64 - 2^32 + 8193: above POLY64's maxwordrange.
  const msg = new Uint8Array(2048).fill(0x61);
  const view = new DataView(msg.buffer);
  const target = (i: number) => (i === 0 || i === 4 ? 0xffffffff : i === 1 || i === 5 ? 0x10000 : 0);
  for (let i = 0; i < 256; i++) view.setUint32(i * 4, (target(i) - k(i)) >>> 0, true);
  const nonce = ascii('bcdefghi');
  const wasmTag = new Umac(key, 16, true).tag(msg, nonce);
  const jsTag = new Umac(key, 16, false).tag(msg, nonce);
  expect(hex(wasmTag)).toBe(hex(jsTag));
  // The marker changes the result: the same message with word 0 one lower (NH just below the range) differs.
  view.setUint32(0, (0xfffffffe - k(0)) >>> 0, true);
  expect(hex(new Umac(key, 16, true).tag(msg, nonce).subarray(0, 4))).not.toBe(hex(wasmTag.subarray(0, 4)));
  expect(hex(new Umac(key, 16, true).tag(msg, nonce))).toBe(hex(new Umac(key, 16, false).tag(msg, nonce)));
});
