import { describe, expect, it } from 'vitest';
import vectors from '../../test/vectors/keys/bcrypt-pbkdf.json' with { type: 'json' };
import { bcryptPbkdf } from './bcrypt-pbkdf.js';

const hex = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
const toHex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

describe('bcrypt_pbkdf matches the OpenBSD regress vectors', () => {
  for (const v of vectors.vectors) {
    it(`password ${v.password.slice(0, 16)}… rounds ${v.rounds} → ${v.key.length / 2} bytes`, () => {
      const out = bcryptPbkdf(hex(v.password), hex(v.salt), v.rounds, v.key.length / 2);
      expect(toHex(out)).toBe(v.key);
    });
  }

  it('rejects zero rounds, an empty salt and an empty output', () => {
    expect(() => bcryptPbkdf(hex('00'), hex(''), 4, 32)).toThrow(RangeError);
    expect(() => bcryptPbkdf(hex('00'), hex('01'), 0, 32)).toThrow(RangeError);
    expect(() => bcryptPbkdf(hex('00'), hex('01'), 4, 0)).toThrow(RangeError);
  });
});
