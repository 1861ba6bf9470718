import { type BlockCipherCore, readWord, writeWord } from './block-core.js';
import { CAST128_SBOXES } from './cast128-sboxes.js';

let boxes: Int32Array[] | undefined;

/** S1..S8 as int32 arrays (so every step stays in 32-bit integer arithmetic), parsed once on first use. */
function sboxes(): Int32Array[] {
  if (!boxes) {
    boxes = CAST128_SBOXES.map((hex) => {
      const box = new Int32Array(256);
      for (let i = 0; i < 256; i++) box[i] = Number.parseInt(hex.slice(i * 8, i * 8 + 8), 16) | 0;
      return box;
    });
  }
  return boxes;
}

/*
 * The key schedule of RFC 2144 §2.4 as data. The 32 bytes x0..xF, z0..zF
 * live in one array (x at 0..15, z at 16..31). A word step sets 4 bytes to a
 * word of the other half XORed with S5[a] ^ S6[b] ^ S7[c] ^ S8[d] ^ Se[f]; a
 * key step makes the next subkey from S5[a] ^ S6[b] ^ S7[c] ^ S8[d] ^ Se[f].
 * Byte indexes: x0..xF = 0..15, z0..zF = 16..31. `e` is 5..8 (the S-box).
 */
type WordStep = readonly [
  dst: number,
  src: number,
  a: number,
  b: number,
  c: number,
  d: number,
  e: number,
  f: number,
];
type KeyStep = readonly [a: number, b: number, c: number, d: number, e: number, f: number];
const Z = 16;

const Z_FROM_X: readonly WordStep[] = [
  [Z + 0x0, 0x0, 0xd, 0xf, 0xc, 0xe, 7, 0x8],
  [Z + 0x4, 0x8, Z + 0x0, Z + 0x2, Z + 0x1, Z + 0x3, 8, 0xa],
  [Z + 0x8, 0xc, Z + 0x7, Z + 0x6, Z + 0x5, Z + 0x4, 5, 0x9],
  [Z + 0xc, 0x4, Z + 0xa, Z + 0x9, Z + 0xb, Z + 0x8, 6, 0xb],
];
const X_FROM_Z: readonly WordStep[] = [
  [0x0, Z + 0x8, Z + 0x5, Z + 0x7, Z + 0x4, Z + 0x6, 7, Z + 0x0],
  [0x4, Z + 0x0, 0x0, 0x2, 0x1, 0x3, 8, Z + 0x2],
  [0x8, Z + 0x4, 0x7, 0x6, 0x5, 0x4, 5, Z + 0x1],
  [0xc, Z + 0xc, 0xa, 0x9, 0xb, 0x8, 6, Z + 0x3],
];
/** The four key groups of §2.4, each after the word steps named before it. */
const GROUPS: readonly [readonly WordStep[], readonly KeyStep[]][] = [
  [
    Z_FROM_X,
    [
      [Z + 0x8, Z + 0x9, Z + 0x7, Z + 0x6, 5, Z + 0x2],
      [Z + 0xa, Z + 0xb, Z + 0x5, Z + 0x4, 6, Z + 0x6],
      [Z + 0xc, Z + 0xd, Z + 0x3, Z + 0x2, 7, Z + 0x9],
      [Z + 0xe, Z + 0xf, Z + 0x1, Z + 0x0, 8, Z + 0xc],
    ],
  ],
  [
    X_FROM_Z,
    [
      [0x3, 0x2, 0xc, 0xd, 5, 0x8],
      [0x1, 0x0, 0xe, 0xf, 6, 0xd],
      [0x7, 0x6, 0x8, 0x9, 7, 0x3],
      [0x5, 0x4, 0xa, 0xb, 8, 0x7],
    ],
  ],
  [
    Z_FROM_X,
    [
      [Z + 0x3, Z + 0x2, Z + 0xc, Z + 0xd, 5, Z + 0x9],
      [Z + 0x1, Z + 0x0, Z + 0xe, Z + 0xf, 6, Z + 0xc],
      [Z + 0x7, Z + 0x6, Z + 0x8, Z + 0x9, 7, Z + 0x2],
      [Z + 0x5, Z + 0x4, Z + 0xa, Z + 0xb, 8, Z + 0x6],
    ],
  ],
  [
    X_FROM_Z,
    [
      [0x8, 0x9, 0x7, 0x6, 5, 0x3],
      [0xa, 0xb, 0x5, 0x4, 6, 0x7],
      [0xc, 0xd, 0x3, 0x2, 7, 0x8],
      [0xe, 0xf, 0x1, 0x0, 8, 0xd],
    ],
  ],
];

/** 32 subkeys from the 16 key bytes (§2.4): K1..K16 for masking, K17..K32 for rotation. */
function keySchedule(key16: Uint8Array): Int32Array {
  const s = sboxes();
  const box = (e: number) => s[e - 1] as Int32Array;
  const v = new Uint8Array(32);
  v.set(key16);
  const mix = (a: number, b: number, c: number, d: number, e: number, f: number): number =>
    (box(5)[v[a] as number] as number) ^
    (box(6)[v[b] as number] as number) ^
    (box(7)[v[c] as number] as number) ^
    (box(8)[v[d] as number] as number) ^
    (box(e)[v[f] as number] as number);
  const out = new Int32Array(32);
  let n = 0;
  for (let half = 0; half < 2; half++) {
    for (const [words, keys] of GROUPS) {
      for (const [dst, src, a, b, c, d, e, f] of words)
        writeWord(v, dst, readWord(v, src) ^ mix(a, b, c, d, e, f));
      for (const [a, b, c, d, e, f] of keys) out[n++] = mix(a, b, c, d, e, f);
    }
  }
  return out;
}

/**
 * CAST-128 (RFC 2144) as a block core: keys of 5 to 16 bytes, zero-padded to
 * 16; 12 rounds for keys up to 80 bits, 16 above (§2.5).
 */
export function createCast128Core(key: Uint8Array): BlockCipherCore {
  if (key.length < 5 || key.length > 16) throw new RangeError('CAST-128 key must be 5 to 16 bytes');
  const padded = new Uint8Array(16);
  padded.set(key);
  const k = keySchedule(padded);
  const rounds = key.length <= 10 ? 12 : 16;
  const km = k.subarray(0, 16);
  const kr = new Int32Array(16);
  for (let i = 0; i < 16; i++) kr[i] = (k[16 + i] as number) & 31;
  const box = sboxes();
  const s1 = box[0] as Int32Array;
  const s2 = box[1] as Int32Array;
  const s3 = box[2] as Int32Array;
  const s4 = box[3] as Int32Array;

  /** Round function f1 / f2 / f3 of §2.2 for round `i` (0-based: type i % 3). */
  const f = (i: number, d: number): number => {
    const m = km[i] as number;
    const r = kr[i] as number;
    const type = i % 3;
    let x = type === 0 ? (m + d) | 0 : type === 1 ? m ^ d : (m - d) | 0;
    x = (x << r) | (x >>> ((32 - r) & 31));
    const a = s1[x >>> 24] as number;
    const b = s2[(x >>> 16) & 0xff] as number;
    const c = s3[(x >>> 8) & 0xff] as number;
    const e = s4[x & 0xff] as number;
    if (type === 0) return ((((a ^ b) - c) | 0) + e) | 0;
    if (type === 1) return ((((a - b) | 0) + c) | 0) ^ e;
    return ((((a + b) | 0) ^ c) - e) | 0;
  };

  return {
    blockSize: 8,
    encryptBlock(buf, at) {
      let l = readWord(buf, at);
      let r = readWord(buf, at + 4);
      for (let i = 0; i < rounds; i++) {
        const t = l ^ f(i, r);
        l = r;
        r = t;
      }
      writeWord(buf, at, r);
      writeWord(buf, at + 4, l);
    },
    decryptBlock(buf, at) {
      let l = readWord(buf, at);
      let r = readWord(buf, at + 4);
      for (let i = rounds - 1; i >= 0; i--) {
        const t = l ^ f(i, r);
        l = r;
        r = t;
      }
      writeWord(buf, at, r);
      writeWord(buf, at + 4, l);
    },
  };
}
