import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { missingPeer } from '@ssh/testing';
import { describe, expect, it } from 'vitest';
import { createCast128Core } from './cast128.js';
import { cbcCopy } from './cbc.js';

const NO_OPENSSL = existsSync('/usr/bin/openssl')
  ? false
  : missingPeer('openssl', 'apt-get install openssl').skip;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const from = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));

describe('CAST-128', () => {
  it('RFC 2144 B.1 single-plaintext vectors (128-, 80- and 40-bit keys)', () => {
    const cases = [
      ['0123456712345678234567893456789a', '238b4fe5847e44b2'],
      ['01234567123456782345', 'eb6a711a2c02271b'],
      ['0123456712', '7ac816d16e9b302e'],
    ] as const;
    for (const [key, cipher] of cases) {
      const core = createCast128Core(from(key));
      const block = from('0123456789abcdef');
      core.encryptBlock(block, 0);
      expect(hex(block), key).toBe(cipher);
      core.decryptBlock(block, 0);
      expect(hex(block), key).toBe('0123456789abcdef');
    }
  });

  it('refuses keys outside 5..16 bytes', () => {
    expect(() => createCast128Core(new Uint8Array(4))).toThrow(RangeError);
    expect(() => createCast128Core(new Uint8Array(17))).toThrow(RangeError);
  });

  it.skipIf(NO_OPENSSL)('CBC matches openssl enc -cast5-cbc over several blocks', () => {
    const key = '00112233445566778899aabbccddeeff';
    const iv = '0102030405060708';
    const data = Buffer.from(Array.from({ length: 48 }, (_, i) => (i * 37) & 0xff));
    const ref = execFileSync(
      '/usr/bin/openssl',
      ['enc', '-cast5-cbc', '-K', key, '-iv', iv, '-nopad', '-provider', 'legacy', '-provider', 'default'],
      { input: data },
    );
    expect(hex(cbcCopy(createCast128Core(from(key)), from(iv), data, false))).toBe(ref.toString('hex'));
    expect(hex(cbcCopy(createCast128Core(from(key)), from(iv), ref, true))).toBe(data.toString('hex'));
  });
});
