import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { missingPeer } from '@ssh/testing';
import { describe, expect, it } from 'vitest';
import { cbcCopy } from './cbc.js';
import { createSeedCore } from './seed.js';

const NO_OPENSSL = existsSync('/usr/bin/openssl')
  ? false
  : missingPeer('openssl', 'apt-get install openssl').skip;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const from = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));

describe('SEED', () => {
  it('RFC 4269 Appendix B vectors B.1 to B.4', () => {
    const cases = [
      [
        '00000000000000000000000000000000',
        '000102030405060708090a0b0c0d0e0f',
        '5ebac6e0054e166819aff1cc6d346cdb',
      ],
      [
        '000102030405060708090a0b0c0d0e0f',
        '00000000000000000000000000000000',
        'c11f22f20140505084483597e4370f43',
      ],
      [
        '4706480851e61be85d74bfb3fd956185',
        '83a2f8a288641fb9a4e9a5cc2f131c7d',
        'ee54d13ebcae706d226bc3142cd40d4a',
      ],
      [
        '28dbc3bc49ffd87dcfa509b11d422be7',
        'b41e6be2eba84a148e2eed84593c5ec7',
        '9b9b7bfcd1813cb95d0b3618f40f5122',
      ],
    ] as const;
    for (const [key, plain, cipher] of cases) {
      const core = createSeedCore(from(key));
      const block = from(plain);
      core.encryptBlock(block, 0);
      expect(hex(block), key).toBe(cipher);
      core.decryptBlock(block, 0);
      expect(hex(block), key).toBe(plain);
    }
  });

  it('refuses a key that is not 16 bytes', () => {
    expect(() => createSeedCore(new Uint8Array(15))).toThrow(RangeError);
    expect(() => createSeedCore(new Uint8Array(32))).toThrow(RangeError);
  });

  it.skipIf(NO_OPENSSL)('CBC matches openssl enc -seed-cbc over several blocks', () => {
    const key = '00112233445566778899aabbccddeeff';
    const iv = '0f0e0d0c0b0a09080706050403020100';
    const data = Buffer.from(Array.from({ length: 80 }, (_, i) => (i * 53 + 7) & 0xff));
    const ref = execFileSync(
      '/usr/bin/openssl',
      ['enc', '-seed-cbc', '-K', key, '-iv', iv, '-nopad', '-provider', 'legacy', '-provider', 'default'],
      { input: data },
    );
    expect(hex(cbcCopy(createSeedCore(from(key)), from(iv), data, false))).toBe(ref.toString('hex'));
    expect(hex(cbcCopy(createSeedCore(from(key)), from(iv), ref, true))).toBe(data.toString('hex'));
  });
});
