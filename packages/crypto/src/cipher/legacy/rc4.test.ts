import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { missingPeer } from '@ssh/testing';
import { describe, expect, it } from 'vitest';
import { Rc4, rc4Copy } from './rc4.js';

const NO_OPENSSL = existsSync('/usr/bin/openssl')
  ? false
  : missingPeer('openssl', 'apt-get install openssl').skip;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const counting = (n: number) => Uint8Array.from({ length: n }, (_, i) => i + 1);

/** RFC 6229 §2, keys 0x0102...: keystream at offsets 0, 16, 1536 and 1552 (1536 is where arcfour128/256 start). */
const RFC6229: readonly [number, Record<number, string>][] = [
  [
    5,
    {
      0: 'b2396305f03dc027ccc3524a0a1118a8',
      16: '6982944f18fc82d589c403a47a0d0919',
      1536: 'd8729db41882259bee4f825325f5a130',
      1552: 'fc44ee7070acb398bd11a3e32b550b88',
    },
  ],
  [
    16,
    {
      0: '9ac7cc9a609d1ef7b2932899cde41b97',
      16: '5248c4959014126a6e8a84f11d1a9e1c',
      1536: 'ffa0b514647ec04f6306b892ae661181',
      1552: '0ee284558a70e8fb861fd23f9ce01a66',
    },
  ],
  [
    32,
    {
      0: 'eaa6bd25880bf93d3f5d1e4ca2611d91',
      16: 'cfa45c9f7e714b54bdfa80027cb14380',
      1536: '3e34135c79db010200767651cf263073',
      1552: '5f81980cb7138e377c0bc405858042c3',
    },
  ],
];

describe('RC4', () => {
  it('RFC 6229 keystream for 40-, 128- and 256-bit keys, read in one piece and after skip()', () => {
    for (const [length, offsets] of RFC6229) {
      const stream = rc4Copy(counting(length), new Uint8Array(1568));
      for (const [offset, expected] of Object.entries(offsets)) {
        expect(hex(stream.subarray(Number(offset), Number(offset) + 16)), `${length} @ ${offset}`).toBe(
          expected,
        );
      }
      const rc4 = new Rc4(counting(length));
      rc4.skip(1536);
      const block = new Uint8Array(32);
      rc4.process(block, 0, 7); // the state runs on across calls of any length
      rc4.process(block, 7, 32);
      expect(hex(block)).toBe((offsets[1536] as string) + (offsets[1552] as string));
    }
  });

  it('refuses an empty or over-long key', () => {
    expect(() => new Rc4(new Uint8Array(0))).toThrow(RangeError);
    expect(() => new Rc4(new Uint8Array(257))).toThrow(RangeError);
  });

  it.skipIf(NO_OPENSSL)('matches openssl enc -rc4', () => {
    const key = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
    const data = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 31) & 0xff));
    const ref = execFileSync(
      '/usr/bin/openssl',
      ['enc', '-rc4', '-K', key, '-provider', 'legacy', '-provider', 'default'],
      {
        input: data,
      },
    );
    expect(hex(rc4Copy(Buffer.from(key, 'hex'), data))).toBe(ref.toString('hex'));
  });
});
