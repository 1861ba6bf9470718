import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { missingPeer } from '@ssh/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyLengthError } from '../../errors.js';
import { cipherRegistry as portable } from '../index.js';
import { cipherRegistry as node } from '../index.node.js';
import type { CipherRegistry } from '../registry.js';
import type { BlockCipherAlgorithm } from '../types.js';
import { createDesCore } from './des.js';

const NO_OPENSSL = existsSync('/usr/bin/openssl')
  ? false
  : missingPeer('openssl', 'apt-get install openssl').skip;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const from = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));

/**
 * NIST SP 800-20 known answers for DES (key, plaintext, ciphertext): Table 1
 * (variable plaintext), Table 3 (variable key), Table 4 (permutation) and
 * Table 5 (substitution) samples, and FIPS 46's worked example. TDEA with
 * K1 = K2 = K3 is single DES, so 3des-cbc with the key three times and a
 * zero IV must give the same block.
 */
const SP800_20: readonly [string, string, string][] = [
  ['0101010101010101', '8000000000000000', '95f8a5e5dd31d900'],
  ['0101010101010101', '4000000000000000', 'dd7f121ca5015619'],
  ['0101010101010101', '2000000000000000', '2e8653104f3834ea'],
  ['8001010101010101', '0000000000000000', '95a8d72813daa94d'],
  ['4001010101010101', '0000000000000000', '0eec1487dd8c26d5'],
  ['1046913489980131', '0000000000000000', '88d55e54f54c97b4'],
  ['7ca110454a1a6e57', '01a1d6d039776742', '690f5b0d9a26939b'],
  ['0131d9619dc1376e', '5cd54ca83def57da', '7a389d10354bd271'],
  ['133457799bbcdff1', '0123456789abcdef', '85e813540f0ab405'],
];

/** NIST SP 800-67 rev. 2, the TDEA example: three keys, "The qufck brown fox jump" in ECB mode. */
const SP800_67 = {
  key: '0123456789abcdef23456789abcdef01456789abcdef0123',
  plain: hex(new TextEncoder().encode('The qufck brown fox jump')),
  cipher: 'a826fd8ce53b855fcce21c8112256fe668d5c05dd9b6b900',
};

const PATHS = [
  ['portable (our TDEA)', portable],
  ['node (OpenSSL des-ede3-cbc)', node],
] as const;

function tdes(registry: CipherRegistry): BlockCipherAlgorithm {
  const c = registry.get('3des-cbc');
  if (c.kind !== 'block') throw new Error('3des-cbc is not a block cipher');
  return c;
}

/** Run `data` through a 3des-cbc stream in pieces of 1, 2, 3, ... blocks (the state carries over). */
function run(
  c: BlockCipherAlgorithm,
  key: Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
  dir: 'encrypt' | 'decrypt',
) {
  const s = c.createStream(key, iv, dir);
  const buf = Uint8Array.from(data);
  for (let at = 0, n = 1; at < buf.length; n++) {
    const end = Math.min(buf.length, at + 8 * n);
    s.process(buf, at, end);
    at = end;
  }
  return buf;
}

describe.each(PATHS)('3des-cbc, %s', (_path, registry) => {
  it('sizes are RFC 4253 §6.3: 24-byte key, 8-byte IV and block', () => {
    const c = tdes(registry);
    expect([c.keyLength, c.ivLength, c.blockSize]).toEqual([24, 8, 8]);
    expect(registry.supported).toContain('3des-cbc');
    expect(registry.insecure).toContain('3des-cbc');
    expect(registry.defaults).not.toContain('3des-cbc');
  });

  it.each(SP800_20)('SP 800-20 key %s plaintext %s (K1 = K2 = K3, zero IV)', (k, p, want) => {
    const key = from(k + k + k);
    expect(hex(run(tdes(registry), key, new Uint8Array(8), from(p), 'encrypt'))).toBe(want);
    expect(hex(run(tdes(registry), key, new Uint8Array(8), from(want), 'decrypt'))).toBe(p);
  });

  it('SP 800-67 three-key example, chained: CBC of P_i xor C_(i-1) is the ECB ciphertext', () => {
    const c = from(SP800_67.cipher);
    const p = from(SP800_67.plain);
    const chained = p.map((b, i) => (i < 8 ? b : b ^ (c[i - 8] as number)));
    const key = from(SP800_67.key);
    expect(hex(run(tdes(registry), key, new Uint8Array(8), chained, 'encrypt'))).toBe(SP800_67.cipher);
    expect(hex(run(tdes(registry), key, new Uint8Array(8), c, 'decrypt'))).toBe(hex(chained));
  });

  it('bad key and IV lengths are KeyLengthErrors', () => {
    const c = tdes(registry);
    expect(() => c.createStream(new Uint8Array(16), new Uint8Array(8), 'encrypt')).toThrow(KeyLengthError);
    expect(() => c.createStream(new Uint8Array(24), new Uint8Array(16), 'decrypt')).toThrow(KeyLengthError);
  });
});

describe('the DES core', () => {
  it.each(SP800_20)('single DES key %s plaintext %s', (k, p, want) => {
    const core = createDesCore(from(k));
    const buf = from(p);
    core.encryptBlock(buf, 0);
    expect(hex(buf)).toBe(want);
    core.decryptBlock(buf, 0);
    expect(hex(buf)).toBe(p);
  });

  it('two-key TDEA is three-key TDEA with K3 = K1; other key lengths are RangeErrors', () => {
    const k = from('0123456789abcdeffedcba9876543210');
    const two = createDesCore(k);
    const three = createDesCore(from(`${hex(k)}${hex(k.subarray(0, 8))}`));
    const a = from('4e6f772069732074');
    const b = a.slice();
    two.encryptBlock(a, 0);
    three.encryptBlock(b, 0);
    expect(hex(a)).toBe(hex(b));
    expect(() => createDesCore(new Uint8Array(12))).toThrow(RangeError);
  });
});

it('node and portable 3des-cbc give the same bytes and decrypt each other (fast-check)', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 24, maxLength: 24 }),
      fc.uint8Array({ minLength: 8, maxLength: 8 }),
      fc.integer({ min: 0, max: 300 }).chain((n) => fc.uint8Array({ minLength: 8 * n, maxLength: 8 * n })),
      (key, iv, data) => {
        const a = run(tdes(portable), key, iv, data, 'encrypt');
        const b = run(tdes(node), key, iv, data, 'encrypt');
        expect(hex(a)).toBe(hex(b));
        expect(hex(run(tdes(portable), key, iv, b, 'decrypt'))).toBe(hex(data));
        expect(hex(run(tdes(node), key, iv, a, 'decrypt'))).toBe(hex(data));
      },
    ),
    { numRuns: 60 },
  );
});

it.skipIf(NO_OPENSSL)('openssl enc -des-ede3-cbc gives the bytes of both paths', () => {
  const key = crypto.getRandomValues(new Uint8Array(24));
  const iv = crypto.getRandomValues(new Uint8Array(8));
  const data = crypto.getRandomValues(new Uint8Array(4096));
  const out = execFileSync('openssl', ['enc', '-des-ede3-cbc', '-K', hex(key), '-iv', hex(iv), '-nopad'], {
    input: data,
  });
  for (const [path, registry] of PATHS) {
    expect(hex(run(tdes(registry), key, iv, data, 'encrypt')), path).toBe(out.toString('hex'));
  }
});
