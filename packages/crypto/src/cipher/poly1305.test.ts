import { poly1305 } from '@noble/ciphers/_poly1305.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { noblePoly1305 } from './poly1305.js';
import { createWasmPoly1305 } from './poly1305-wasm.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));
const rep = (h: string, n: number) => h.repeat(n);

const wasm = createWasmPoly1305();

// RFC 8439 §2.5.2, and the edge cases of §A.3 (#5, #6, #8, #9) that exercise the final reduction.
const VECTORS: readonly [string, string, string, string][] = [
  [
    '§2.5.2',
    '85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b',
    Buffer.from('Cryptographic Forum Research Group').toString('hex'),
    'a8061dc1305136c6c22b8baf0c0127a9',
  ],
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
