import { createCipheriv } from 'node:crypto';
import { poly1305 } from '@noble/ciphers/_poly1305.js';
import { chacha20orig } from '@noble/ciphers/chacha.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { KeyLengthError } from '../errors.js';
import { ChachaLengthKey, xorLength } from './chacha20-poly1305-length.js';
import { cipherRegistry as portable } from './index.js';
import { cipherRegistry as node } from './index.node.js';
import { noblePoly1305 } from './poly1305.js';
import type { CipherRegistry } from './registry.js';
import type { AeadCipherAlgorithm } from './types.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));
const NAME = 'chacha20-poly1305@openssh.com';

function aead(registry: CipherRegistry): AeadCipherAlgorithm {
  const c = registry.get(NAME);
  if (c.kind !== 'aead') throw new Error('not AEAD');
  return c;
}

/** OpenSSL's chacha20 IV for DJB's layout: 32-bit LE counter, 4 zero bytes (counter high), 64-bit nonce = seq BE. */
function opensslIv(counter: number, seq: number): Uint8Array {
  const iv = new Uint8Array(16);
  const v = new DataView(iv.buffer);
  v.setUint32(0, counter, true);
  v.setUint32(12, seq);
  return iv;
}

/**
 * PROTOCOL.chacha20poly1305 computed step by step with separate primitives:
 * node's raw 'chacha20' (a fresh context per counter) and noble's Poly1305.
 */
function reference(key: Uint8Array, seq: number, plain: Uint8Array): Uint8Array {
  const k2 = key.subarray(0, 32);
  const k1 = key.subarray(32, 64);
  const len = createCipheriv('chacha20', k1, opensslIv(0, seq)).update(plain.subarray(0, 4));
  const polyKey = createCipheriv('chacha20', k2, opensslIv(0, seq)).update(new Uint8Array(32));
  const body = createCipheriv('chacha20', k2, opensslIv(1, seq)).update(plain.subarray(4));
  const ct = new Uint8Array(plain.length + 16);
  ct.set(len);
  ct.set(body, 4);
  ct.set(poly1305(ct.subarray(0, plain.length), polyKey), plain.length);
  return ct;
}

describe('the primitives', () => {
  test('ChaCha20 with a zero key and nonce (RFC 8439 §A.1 #1), on noble and through the OpenSSL IV mapping', () => {
    const want =
      '76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586';
    expect(hex(chacha20orig(new Uint8Array(32), new Uint8Array(8), new Uint8Array(64)))).toBe(want);
    expect(
      hex(createCipheriv('chacha20', new Uint8Array(32), opensslIv(0, 0)).update(new Uint8Array(64))),
    ).toBe(want);
    // DJB's 64-bit nonce (the sequence number) lands in the same state words on both.
    const key = new Uint8Array(32).map((_, i) => i);
    const nonce = Uint8Array.of(0, 0, 0, 0, 0xde, 0xad, 0xbe, 0xef);
    expect(hex(createCipheriv('chacha20', key, opensslIv(1, 0xdeadbeef)).update(new Uint8Array(100)))).toBe(
      hex(chacha20orig(key, nonce, new Uint8Array(100), undefined, 1)),
    );
  });

  test('the JavaScript length keystream equals the first 4 bytes of node chacha20 block 0', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        (k1, seq) => {
          const want = createCipheriv('chacha20', k1, opensslIv(0, seq)).update(new Uint8Array(4));
          const got = new Uint8Array(4);
          xorLength(got, 0, new ChachaLengthKey(k1).keystream(seq));
          expect(hex(got)).toBe(hex(want));
        },
      ),
      { numRuns: 100 },
    );
  });

  test('Poly1305 (RFC 8439 §2.5.2)', () => {
    const key = unhex('85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b');
    const msg = new TextEncoder().encode('Cryptographic Forum Research Group');
    const out = new Uint8Array(18);
    noblePoly1305(key, msg, out, 2);
    expect(hex(out.subarray(2))).toBe('a8061dc1305136c6c22b8baf0c0127a9');
  });
});

// A vector derived with `reference` above (node chacha20 + noble Poly1305) and
// checked identical on both paths: key = 00 01 .. 3f, seq = 0x01020304.
const VECTOR_KEY = new Uint8Array(64).map((_, i) => i);
const VECTOR_SEQ = 0x01020304;
const VECTOR_PLAIN = unhex(
  '000000380b5353482d322e302063686163686132302d706f6c7931333035406f70656e7373682e636f6d20766563746f72a0a1a2a3a4a5a6a7a8a9aa',
);
const VECTOR_SEALED =
  'bc7980439d914ffaf6230899f40e4c9dcb283b46310064b85fc05cedbd470cc5513f41ab13b50e224a1dd937a7615ff409487fad2deb1ea36ce5a7c176e7dbda1611d6c878bd7c5c0f25c14e';

describe.each([
  ['portable', portable],
  ['node', node],
])('%s chacha20-poly1305@openssh.com', (_path, registry) => {
  test('parameters', () => {
    const c = aead(registry);
    expect([c.keyLength, c.ivLength, c.blockSize, c.tagLength, c.lengthEncrypted]).toEqual([
      64,
      0,
      8,
      16,
      true,
    ]);
  });

  test('the derived vector: seal, decryptLength without touching the buffer, open', () => {
    const c = aead(registry);
    const len = VECTOR_PLAIN.length - 4;
    const buf = new Uint8Array(VECTOR_PLAIN.length + 16);
    buf.set(VECTOR_PLAIN);
    c.createAead(VECTOR_KEY, new Uint8Array(0), 'encrypt').seal(VECTOR_SEQ, buf, 0, len);
    expect(hex(buf)).toBe(VECTOR_SEALED);
    expect(hex(reference(VECTOR_KEY, VECTOR_SEQ, VECTOR_PLAIN))).toBe(VECTOR_SEALED);
    const dec = c.createAead(VECTOR_KEY, new Uint8Array(0), 'decrypt');
    expect(dec.decryptLength(VECTOR_SEQ, buf, 0)).toBe(len);
    expect(hex(buf)).toBe(VECTOR_SEALED);
    expect(dec.decryptLength(VECTOR_SEQ + 1, buf, 0)).not.toBe(len);
    expect(dec.open(VECTOR_SEQ + 1, buf, 0, len)).toBe(false);
    expect(hex(buf)).toBe(VECTOR_SEALED);
    expect(dec.open(VECTOR_SEQ, buf, 0, len)).toBe(true);
    expect(hex(buf.subarray(0, 4 + len))).toBe(hex(VECTOR_PLAIN));
  });

  test('matches the step-by-step reference for random keys, sequence numbers and sizes', () => {
    const c = aead(registry);
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 1, max: 4400 }),
        (key, seq, blocks) => {
          const len = blocks * 8;
          const plain = new Uint8Array(4 + len).map((_, i) => (i * 7 + seq) & 0xff);
          new DataView(plain.buffer).setUint32(0, len);
          const buf = new Uint8Array(4 + len + 16);
          buf.set(plain);
          c.createAead(key, new Uint8Array(0), 'encrypt').seal(seq, buf, 0, len);
          expect(hex(buf)).toBe(hex(reference(key, seq, plain)));
        },
      ),
      { numRuns: 40 },
    );
  });

  test('open gives the plaintext with or without decryptLength first, and never reuses the length of another packet', () => {
    const c = aead(registry);
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        (key, seq, blocksA, blocksB) => {
          const packet = (blocks: number, fill: number) => {
            const len = blocks * 8;
            const plain = new Uint8Array(4 + len).map((_, i) => (i * 13 + fill) & 0xff);
            new DataView(plain.buffer).setUint32(0, len);
            const buf = new Uint8Array(4 + len + 16);
            buf.set(plain);
            c.createAead(key, new Uint8Array(0), 'encrypt').seal(seq, buf, 0, len);
            return { plain, buf, len };
          };
          const a = packet(blocksA, 1);
          const b = packet(blocksB, 2);
          const dec = c.createAead(key, new Uint8Array(0), 'decrypt');
          // The length of packet a is remembered, then packet b comes with the same sequence number.
          expect(dec.decryptLength(seq, a.buf, 0)).toBe(a.len);
          expect(dec.open(seq, b.buf, 0, b.len)).toBe(true);
          expect(hex(b.buf.subarray(0, 4 + b.len))).toBe(hex(b.plain));
          // No decryptLength at all before open.
          expect(dec.open(seq, a.buf, 0, a.len)).toBe(true);
          expect(hex(a.buf.subarray(0, 4 + a.len))).toBe(hex(a.plain));
        },
      ),
      { numRuns: 30 },
    );
  });

  test('bad key or IV lengths are typed errors', () => {
    const c = aead(registry);
    expect(() => c.createAead(new Uint8Array(32), new Uint8Array(0), 'encrypt')).toThrow(KeyLengthError);
    expect(() => c.createAead(new Uint8Array(64), new Uint8Array(8), 'decrypt')).toThrow(KeyLengthError);
  });
});
