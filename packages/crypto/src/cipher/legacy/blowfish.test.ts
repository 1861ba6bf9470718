import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { missingPeer } from '@ssh/testing';
import { describe, expect, it } from 'vitest';
import { createBlowfishCore } from './blowfish.js';
import { cbcCopy } from './cbc.js';

const NO_OPENSSL = existsSync('/usr/bin/openssl')
  ? false
  : missingPeer('openssl', 'apt-get install openssl').skip;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const from = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
const blowfishCbc = (key: Uint8Array, iv: Uint8Array, data: Uint8Array, decrypt: boolean) =>
  cbcCopy(createBlowfishCore(key), iv, data, decrypt);

describe('Blowfish-CBC', () => {
  it("Eric Young's ECB vectors (one block, zero IV)", () => {
    const cases = [
      ['0000000000000000', '0000000000000000', '4ef997456198dd78'],
      ['ffffffffffffffff', 'ffffffffffffffff', '51866fd5b85ecb8a'],
      ['fedcba9876543210', '0123456789abcdef', '0aceab0fc6a0a28d'],
    ];
    for (const [key, plain, cipher] of cases) {
      expect(hex(blowfishCbc(from(key as string), new Uint8Array(8), from(plain as string), false))).toBe(
        cipher,
      );
      expect(hex(blowfishCbc(from(key as string), new Uint8Array(8), from(cipher as string), true))).toBe(
        plain,
      );
    }
  });

  it.skipIf(NO_OPENSSL)('matches openssl enc -bf-cbc over several blocks', () => {
    const key = '00112233445566778899aabbccddeeff';
    const iv = '0102030405060708';
    const data = Buffer.alloc(40, 0x5a);
    const ref = execFileSync(
      '/usr/bin/openssl',
      ['enc', '-bf-cbc', '-K', key, '-iv', iv, '-nopad', '-provider', 'legacy', '-provider', 'default'],
      { input: data },
    );
    expect(hex(blowfishCbc(from(key), from(iv), data, false))).toBe(ref.toString('hex'));
    expect(hex(blowfishCbc(from(key), from(iv), ref, true))).toBe(data.toString('hex'));
  });
});
