import { createCipheriv } from 'node:crypto';
import { gcm } from '@noble/ciphers/aes.js';
import { describe, expect, test } from 'vitest';
import { KeyLengthError } from '../errors.js';
import { cipherRegistry as portable } from './index.js';
import { cipherRegistry as node } from './index.node.js';
import type { CipherRegistry } from './registry.js';
import type { AeadCipherAlgorithm } from './types.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));

function aead(registry: CipherRegistry, name: string): AeadCipherAlgorithm {
  const c = registry.get(name);
  if (c.kind !== 'aead') throw new Error(`${name} is not an AEAD cipher`);
  return c;
}

// McGrew & Viega, "The Galois/Counter Mode of Operation", test cases 3 (AES-128) and 15 (AES-256).
const GCM_IV = unhex('cafebabefacedbaddecaf888');
const GCM_PLAIN = unhex(
  'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255',
);
const GCM_CASES = [
  [
    'test case 3',
    'feffe9928665731c6d6a8f9467308308',
    '42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985',
    '4d5c2af327cd64a62cf35abd2ba6fab4',
  ],
  [
    'test case 15',
    'feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308',
    '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad',
    'b094dac5d93471bdec1a502270e3cc6c',
  ],
] as const;

describe('the GCM primitives under both paths match the published vectors', () => {
  test.each(GCM_CASES)('%s', (_name, key, ct, tag) => {
    const k = unhex(key);
    expect(hex(gcm(k, GCM_IV).encrypt(GCM_PLAIN))).toBe(ct + tag);
    const c = createCipheriv(k.length === 16 ? 'aes-128-gcm' : 'aes-256-gcm', k, GCM_IV);
    const out = c.update(GCM_PLAIN);
    c.final();
    expect(hex(out) + hex(c.getAuthTag())).toBe(ct + tag);
  });
});

/** A packet of `len` bytes after the length field, with the length field set. */
function packet(len: number, fill: number): Uint8Array {
  const buf = new Uint8Array(4 + len + 16);
  new DataView(buf.buffer).setUint32(0, len);
  for (let i = 4; i < 4 + len; i++) buf[i] = (i * fill) & 0xff;
  return buf;
}

describe.each([
  ['portable', portable],
  ['node', node],
])('%s aes*-gcm@openssh.com (RFC 5647 with OpenSSH conventions)', (_path, registry) => {
  test.each([
    ['aes128-gcm@openssh.com', 16],
    ['aes256-gcm@openssh.com', 32],
  ])(
    '%s: length in clear as AAD, tag appended, invocation counter incremented per packet',
    (name, keyLength) => {
      const c = aead(registry, name);
      expect([c.keyLength, c.ivLength, c.blockSize, c.tagLength, c.lengthEncrypted]).toEqual([
        keyLength,
        12,
        16,
        16,
        false,
      ]);
      const key = new Uint8Array(keyLength).map((_, i) => i + 1);
      // A fixed field then a counter whose low byte wraps after the first packet (RFC 5647 §7.1).
      const iv = unhex('00010203 04050607080909ff');
      const enc = c.createAead(key, iv, 'encrypt');
      const dec = c.createAead(key, iv, 'decrypt');
      const ivs = [iv, unhex('00010203 040506070809 0a00'), unhex('00010203 040506070809 0a01')];
      for (let n = 0; n < 3; n++) {
        const buf = packet(32 + 16 * n, n + 3);
        const plain = buf.slice();
        enc.seal(n, buf, 0, 32 + 16 * n);
        const len = 32 + 16 * n;
        expect(hex(buf.subarray(0, 4))).toBe(hex(plain.subarray(0, 4)));
        const want = gcm(key, ivs[n] as Uint8Array, plain.subarray(0, 4)).encrypt(plain.subarray(4, 4 + len));
        expect(hex(buf.subarray(4))).toBe(hex(want));
        expect(dec.decryptLength(n, buf, 0)).toBe(len);
        expect(dec.open(n, buf, 0, len)).toBe(true);
        expect(hex(buf.subarray(0, 4 + len))).toBe(hex(plain.subarray(0, 4 + len)));
      }
    },
  );

  test('a bad tag leaves the buffer untouched; bad key or IV lengths are typed errors', () => {
    const c = aead(registry, 'aes128-gcm@openssh.com');
    const key = new Uint8Array(16);
    const iv = new Uint8Array(12);
    const buf = packet(48, 5);
    c.createAead(key, iv, 'encrypt').seal(0, buf, 0, 48);
    buf[buf.length - 1] = (buf[buf.length - 1] as number) ^ 1;
    const sealed = buf.slice();
    expect(c.createAead(key, iv, 'decrypt').open(0, buf, 0, 48)).toBe(false);
    expect(hex(buf)).toBe(hex(sealed));
    expect(() => c.createAead(new Uint8Array(32), iv, 'encrypt')).toThrow(KeyLengthError);
    expect(() => c.createAead(key, new Uint8Array(16), 'decrypt')).toThrow(KeyLengthError);
  });
});
