import { poly1305 } from '@noble/ciphers/_poly1305.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { noblePoly1305 } from './poly1305.js';
import { createWasmPoly1305 } from './poly1305-wasm.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));
const rep = (h: string, n: number) => h.repeat(n);

const wasm = createWasmPoly1305();

// RFC 8439 §2.5.2 and §A.3: #1 (64 bytes: one group of four blocks), #4 (127 bytes: a group,
// three blocks, a partial block), and the edge cases (#5 to #11) that exercise the carries and
// the final reduction.
const A3_KEY_10 = `01${rep('00', 7)}04${rep('00', 7)}${rep('00', 16)}`;
const A3_MSG_11 = `e33594d7505e43b9${rep('00', 8)}3394d7505e4379cd01${rep('00', 7)}${rep('00', 16)}`;
const VECTORS: readonly [string, string, string, string][] = [
  [
    '§2.5.2',
    '85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b',
    Buffer.from('Cryptographic Forum Research Group').toString('hex'),
    'a8061dc1305136c6c22b8baf0c0127a9',
  ],
  ['§A.3 #1', rep('00', 32), rep('00', 64), rep('00', 16)],
  [
    '§A.3 #4',
    '1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0',
    Buffer.from(
      "'Twas brillig, and the slithy toves\nDid gyre and gimble in the wabe:\nAll mimsy were the borogoves,\nAnd the mome raths outgrabe.",
    ).toString('hex'),
    '4541669a7eaaee61e708dc7cbcc5eb62',
  ],
  [
    '§A.3 #7',
    `01${rep('00', 31)}`,
    `${rep('ff', 16)}f0${rep('ff', 15)}11${rep('00', 15)}`,
    `05${rep('00', 15)}`,
  ],
  ['§A.3 #10', A3_KEY_10, `${A3_MSG_11}01${rep('00', 15)}`, `14${rep('00', 7)}55${rep('00', 7)}`],
  ['§A.3 #11', A3_KEY_10, A3_MSG_11, `13${rep('00', 15)}`],
  ['§A.3 #5', `02${rep('00', 31)}`, rep('ff', 16), `03${rep('00', 15)}`],
  ['§A.3 #6', `02${rep('00', 15)}${rep('ff', 16)}`, `02${rep('00', 15)}`, `03${rep('00', 15)}`],
  ['§A.3 #8', `01${rep('00', 31)}`, `${rep('ff', 16)}fb${rep('fe', 15)}${rep('01', 16)}`, rep('00', 16)],
  ['§A.3 #9', `02${rep('00', 31)}`, `fd${rep('ff', 15)}`, `faffffffffffffffffffffffffffffff`],
];

describe.each([
  ['noble', noblePoly1305],
  ['wasm', wasm],
] as const)('%s Poly1305', (_name, poly) => {
  test.each(VECTORS)('RFC 8439 %s', (_v, key, msg, tag) => {
    expect(poly).not.toBeNull();
    const out = new Uint8Array(20);
    poly?.(unhex(key), unhex(msg), out, 4);
    expect(hex(out.subarray(4))).toBe(tag);
  });
});

test('the WebAssembly Poly1305 equals noble on random keys and every length remainder, growing its memory', () => {
  expect(wasm).not.toBeNull();
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 32, maxLength: 32 }),
      fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 70_000 })),
      (key, len) => {
        const data = new Uint8Array(len).map((_, i) => (i * 151 + key[0]!) & 0xff);
        const out = new Uint8Array(16);
        wasm?.(key, data, out, 0);
        expect(hex(out)).toBe(hex(poly1305(data, key)));
      },
    ),
    { numRuns: 150 },
  );
  // All-ones data and key bits maximise every limb and carry.
  const key = new Uint8Array(32).fill(0xff);
  const data = new Uint8Array(4099).fill(0xff);
  const out = new Uint8Array(16);
  wasm?.(key, data, out, 0);
  expect(hex(out)).toBe(hex(poly1305(data, key)));
});

test('the WebAssembly Poly1305 equals noble at every length 0..300 (groups of four blocks, the rest one by one)', () => {
  expect(wasm).not.toBeNull();
  const out = new Uint8Array(16);
  const ones = new Uint8Array(32).fill(0xff);
  for (let len = 0; len <= 300; len++) {
    // Random-looking bytes, then all ones (every limb and carry at its largest).
    const data = new Uint8Array(len).map((_, i) => (i * 89 + len) & 0xff);
    const key = new Uint8Array(32).map((_, i) => (i * 37 + len * 11) & 0xff);
    wasm?.(key, data, out, 0);
    expect(hex(out), `length ${len}`).toBe(hex(poly1305(data, key)));
    const full = new Uint8Array(len).fill(0xff);
    wasm?.(ones, full, out, 0);
    expect(hex(out), `length ${len}, all ones`).toBe(hex(poly1305(full, ones)));
  }
});
