import { describe, expect, test } from 'vitest';
import { KeyLengthError } from '../errors.js';
import { cipherRegistry as portable } from './index.js';
import { cipherRegistry as node } from './index.node.js';
import type { CipherRegistry } from './registry.js';
import type { BlockCipherAlgorithm } from './types.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));

// NIST SP 800-38A, Appendix F: the four-block plaintext and the keys of F.2 / F.5.
const PLAIN = unhex(
  '6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51 30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710',
);
const KEYS: Record<number, string> = {
  16: '2b7e151628aed2a6abf7158809cf4f3c',
  24: '8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b',
  32: '603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4',
};
const CTR_IV = unhex('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff');
const CBC_IV = unhex('000102030405060708090a0b0c0d0e0f');
const VECTORS: readonly [string, number, Uint8Array, string][] = [
  // F.5.1, F.5.3, F.5.5 (CTR-AES128/192/256.Encrypt)
  [
    'aes128-ctr',
    16,
    CTR_IV,
    '874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee',
  ],
  [
    'aes192-ctr',
    24,
    CTR_IV,
    '1abc932417521ca24f2b0459fe7e6e0b090339ec0aa6faefd5ccc2c6f4ce8e941e36b26bd1ebc670d1bd1d665620abf74f78a7f6d29809585a97daec58c6b050',
  ],
  [
    'aes256-ctr',
    32,
    CTR_IV,
    '601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c52b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6',
  ],
  // F.2.1, F.2.3, F.2.5 (CBC-AES128/192/256.Encrypt)
  [
    'aes128-cbc',
    16,
    CBC_IV,
    '7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b273bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7',
  ],
  [
    'aes192-cbc',
    24,
    CBC_IV,
    '4f021db243bc633d7178183a9fa071e8b4d9ada9ad7dedf4e5e738763f69145a571b242012fb7ae07fa9baac3df102e008b0e27988598881d920a9e64f5615cd',
  ],
  [
    'aes256-cbc',
    32,
    CBC_IV,
    'f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b',
  ],
];

function block(registry: CipherRegistry, name: string): BlockCipherAlgorithm {
  const c = registry.get(name);
  if (c.kind !== 'block') throw new Error(`${name} is not a block cipher`);
  return c;
}

describe.each([
  ['portable', portable],
  ['node', node],
])('%s AES CTR and CBC (NIST SP 800-38A)', (_path, registry) => {
  test.each(VECTORS)('%s', (name, keyLength, iv, want) => {
    const c = block(registry, name);
    expect([c.keyLength, c.ivLength, c.blockSize]).toEqual([keyLength, 16, 16]);
    const key = unhex(KEYS[keyLength] as string);
    // In one call.
    const buf = PLAIN.slice();
    c.createStream(key, iv, 'encrypt').process(buf, 0, buf.length);
    expect(hex(buf)).toBe(want);
    // In pieces, as packets (and the first block of an encrypt-and-MAC packet) arrive: state carries over.
    const enc = c.createStream(key, iv, 'encrypt');
    const pieces = PLAIN.slice();
    enc.process(pieces, 0, 16);
    enc.process(pieces, 16, 48);
    enc.process(pieces, 48, 64);
    expect(hex(pieces)).toBe(want);
    const dec = c.createStream(key, iv, 'decrypt');
    dec.process(pieces, 0, 32);
    dec.process(pieces, 32, 64);
    expect(hex(pieces)).toBe(hex(PLAIN));
  });

  test('bad key and IV lengths are typed errors', () => {
    for (const [name, keyLength] of VECTORS) {
      const c = block(registry, name);
      expect(() => c.createStream(new Uint8Array(keyLength - 1), CTR_IV, 'encrypt')).toThrow(KeyLengthError);
      expect(() => c.createStream(new Uint8Array(keyLength), new Uint8Array(12), 'decrypt')).toThrow(
        KeyLengthError,
      );
    }
  });
});
