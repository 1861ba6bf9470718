import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { desCbc } from './des.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('DES / 3DES CBC', () => {
  it('the classic DES known answer (key 133457799BBCDFF1)', () => {
    const key = Buffer.from('133457799bbcdff1', 'hex');
    const out = desCbc(key, new Uint8Array(8), Buffer.from('0123456789abcdef', 'hex'), false);
    expect(hex(out)).toBe('85e813540f0ab405');
  });

  it('matches OpenSSL des-ede3-cbc and des-ede-cbc (and single DES as EDE with one key) both ways', () => {
    for (const len of [24, 16, 8]) {
      const key = randomBytes(len);
      const iv = randomBytes(8);
      const data = randomBytes(80);
      const refKey = len === 8 ? Buffer.concat([key, key, key]) : key;
      const c = createCipheriv(len === 16 ? 'des-ede-cbc' : 'des-ede3-cbc', refKey, iv);
      c.setAutoPadding(false);
      const ref = Buffer.concat([c.update(data), c.final()]);
      expect(hex(desCbc(key, iv, data, false)), `${len}`).toBe(ref.toString('hex'));
      expect(hex(desCbc(key, iv, ref, true)), `${len}`).toBe(data.toString('hex'));
    }
  });

  it('rejects bad key, IV and block sizes', () => {
    expect(() => desCbc(new Uint8Array(7), new Uint8Array(8), new Uint8Array(8), false)).toThrow(TypeError);
    expect(() => desCbc(new Uint8Array(8), new Uint8Array(16), new Uint8Array(8), false)).toThrow(TypeError);
    expect(() => desCbc(new Uint8Array(8), new Uint8Array(8), new Uint8Array(9), false)).toThrow(TypeError);
  });
});
