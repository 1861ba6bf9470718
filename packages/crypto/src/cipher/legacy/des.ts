import type { BlockCipherCore } from './block-core.js';
import { cbcCopy } from './cbc.js';

/*
 * DES (FIPS 46-3) and TDEA (NIST SP 800-67) on 32-bit words. The bit
 * permutations and S-boxes are the standard's tables; the lookup tables the
 * rounds use (initial / final permutation per input byte, S-box followed by
 * P per 6-bit input) are computed from them once, on first use. Bits are
 * numbered as in the standard: bit 1 is the most significant bit of byte 0.
 */

/** FIPS 46-3: initial permutation IP (the final permutation is its inverse). */
const IP = [
  58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4, 62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40,
  32, 24, 16, 8, 57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3, 61, 53, 45, 37, 29, 21, 13, 5,
  63, 55, 47, 39, 31, 23, 15, 7,
];
/** FIPS 46-3: the permutation P applied to the S-box outputs. */
const P = [
  16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10, 2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22,
  11, 4, 25,
];
/** FIPS 46-3: permuted choice 1 (C0 then D0, 28 bits each). */
const PC1 = [
  57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18, 10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36,
  63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22, 14, 6, 61, 53, 45, 37, 29, 21, 13, 5, 28, 20, 12, 4,
];
/** FIPS 46-3: permuted choice 2 (48 bits of CD per round key). */
const PC2 = [
  14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10, 23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2, 41, 52, 31, 37, 47,
  55, 30, 40, 51, 45, 33, 48, 44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32,
];
/** FIPS 46-3: left rotations of C and D before each round. */
const SHIFTS = [1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1];
/** FIPS 46-3: the eight S-boxes, each 4 rows of 16, as hex digits. */
const S = [
  'e4d12fb83a6c59070f74e2d1a6cb953841e8d62bfc973a50fc8249175b3ea06d',
  'f18e6b34972dc05a3d47f28ec01a69b50e7ba4d158c6932fd8a13f42b67c05e9',
  'a09e63f51dc7b428d709346a285ecbf1d6498f30b12c5ae71ad069874fe3b52c',
  '7de3069a1285bc4fd8b56f03472c1ae9a690cb7df13e52843f06a1d8945bc72e',
  '2c417ab6853fd0e9eb2c47d150fa3986421bad78f9c5630eb8c71e2d6f09a453',
  'c1af92680d34e75baf427c9561de0b389ef528c3704a1db6432c95fabe17608d',
  '4b2ef08d3c975a61d0b7491ae35c2f8614bdc37eaf6805926bd814a7950fe23c',
  'd2846fb1a93e50c71fd8a374c56b0e927b419ce206adf35821e74a8dfc90356b',
];

interface Tables {
  /** IP per input byte: [byte * 256 + value] → output bits 1..32 (hi) and 33..64 (lo). */
  readonly ipHi: Int32Array;
  readonly ipLo: Int32Array;
  /** The inverse of IP, in the same form. */
  readonly fpHi: Int32Array;
  readonly fpLo: Int32Array;
  /** S-box `s` then P: [s * 64 + 6-bit input] → its contribution to f's 32-bit output. */
  readonly sp: Int32Array;
}

let tables: Tables | undefined;

/** Tables for a 64-bit permutation: output bit j (1-based) is input bit `table[j - 1]`. */
function byteTables(table: readonly number[]): [Int32Array, Int32Array] {
  const hi = new Int32Array(8 * 256);
  const lo = new Int32Array(8 * 256);
  for (let j = 1; j <= 64; j++) {
    const from = (table[j - 1] as number) - 1; // 0-based input bit
    const byte = from >> 3;
    const mask = 0x80 >> (from & 7);
    const out = j <= 32 ? hi : lo;
    const bit = 1 << (32 - (j <= 32 ? j : j - 32));
    for (let v = 0; v < 256; v++) if (v & mask) out[byte * 256 + v] = (out[byte * 256 + v] as number) | bit;
  }
  return [hi, lo];
}

function buildTables(): Tables {
  const [ipHi, ipLo] = byteTables(IP);
  const inverse = IP.map((_, i) => IP.indexOf(i + 1) + 1);
  const [fpHi, fpLo] = byteTables(inverse);
  const sp = new Int32Array(8 * 64);
  for (let s = 0; s < 8; s++) {
    const box = S[s] as string;
    for (let v = 0; v < 64; v++) {
      const row = ((v >> 4) & 2) | (v & 1);
      const col = (v >> 1) & 15;
      const pre = Number.parseInt(box[16 * row + col] as string, 16) << (28 - 4 * s);
      let out = 0;
      for (let j = 1; j <= 32; j++) if ((pre >>> (32 - (P[j - 1] as number))) & 1) out |= 1 << (32 - j);
      sp[s * 64 + v] = out;
    }
  }
  return { ipHi, ipLo, fpHi, fpLo, sp };
}

/** The 16 round keys of one 8-byte DES key, each as eight 6-bit groups (parity bits ignored). */
function roundKeys(key: Uint8Array): Uint8Array {
  const bit = (i: number) => ((key[i >> 3] as number) >> (7 - (i & 7))) & 1;
  const c = PC1.slice(0, 28).map((p) => bit(p - 1));
  const d = PC1.slice(28).map((p) => bit(p - 1));
  const out = new Uint8Array(16 * 8);
  for (let r = 0; r < 16; r++) {
    const n = SHIFTS[r] as number;
    c.push(...c.splice(0, n));
    d.push(...d.splice(0, n));
    const cd = [...c, ...d];
    for (let g = 0; g < 8; g++) {
      let v = 0;
      for (let k = 0; k < 6; k++) v = (v << 1) | (cd[(PC2[6 * g + k] as number) - 1] as number);
      out[r * 8 + g] = v;
    }
  }
  return out;
}

/** The schedule of one DES pass: round keys in order (encrypt) or reversed (decrypt). */
function pass(keys: Uint8Array, decrypt: boolean): Uint8Array {
  if (!decrypt) return keys;
  const out = new Uint8Array(keys.length);
  for (let r = 0; r < 16; r++) out.set(keys.subarray(r * 8, r * 8 + 8), (15 - r) * 8);
  return out;
}

/** Concatenate the schedules of consecutive DES passes. */
function chain(passes: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(passes.length * 128);
  passes.forEach((p, i) => {
    out.set(p, i * 128);
  });
  return out;
}

/**
 * Run `buf[at .. at + 8)` through IP, 16 Feistel rounds per pass of
 * `schedule` (the halves swapped after each pass: between passes the final
 * permutation and the next initial permutation cancel out), and the final
 * permutation.
 */
function crypt(t: Tables, schedule: Uint8Array, buf: Uint8Array, at: number): void {
  const { ipHi, ipLo, fpHi, fpLo, sp } = t;
  let l = 0;
  let r = 0;
  for (let i = 0; i < 8; i++) {
    const idx = i * 256 + (buf[at + i] as number);
    l |= ipHi[idx] as number;
    r |= ipLo[idx] as number;
  }
  const rounds = schedule.length >> 3;
  for (let n = 0; n < rounds; n++) {
    const k = n << 3;
    // E expansion: group g is bits 4g .. 4g + 5 of R (bit 0 meaning bit 32).
    const f =
      (sp[(((r >>> 27) | (r << 5)) & 63) ^ (schedule[k] as number)] as number) |
      (sp[64 + (((r >>> 23) & 63) ^ (schedule[k + 1] as number))] as number) |
      (sp[128 + (((r >>> 19) & 63) ^ (schedule[k + 2] as number))] as number) |
      (sp[192 + (((r >>> 15) & 63) ^ (schedule[k + 3] as number))] as number) |
      (sp[256 + (((r >>> 11) & 63) ^ (schedule[k + 4] as number))] as number) |
      (sp[320 + (((r >>> 7) & 63) ^ (schedule[k + 5] as number))] as number) |
      (sp[384 + (((r >>> 3) & 63) ^ (schedule[k + 6] as number))] as number) |
      (sp[448 + ((((r << 1) | (r >>> 31)) & 63) ^ (schedule[k + 7] as number))] as number);
    if ((n & 15) === 15) {
      // The last round of a pass leaves the halves in place: its output block is R16 L16.
      l ^= f;
    } else {
      const next = l ^ f;
      l = r;
      r = next;
    }
  }
  // Write FP(l || r).
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 4; i++) {
    const a = i * 256 + ((l >>> (24 - 8 * i)) & 0xff);
    const b = (i + 4) * 256 + ((r >>> (24 - 8 * i)) & 0xff);
    hi |= (fpHi[a] as number) | (fpHi[b] as number);
    lo |= (fpLo[a] as number) | (fpLo[b] as number);
  }
  for (let i = 0; i < 4; i++) {
    buf[at + i] = (hi >>> (24 - 8 * i)) & 0xff;
    buf[at + 4 + i] = (lo >>> (24 - 8 * i)) & 0xff;
  }
}

/**
 * A DES block core for an 8-byte key (single DES), or TDEA EDE for a 16-byte
 * (keying option 2: K3 = K1) or 24-byte key (option 1: K1, K2, K3). Throws
 * RangeError on any other key length.
 */
export function createDesCore(key: Uint8Array): BlockCipherCore {
  if (key.length !== 8 && key.length !== 16 && key.length !== 24)
    throw new RangeError(`a DES key is 8, 16 or 24 bytes, not ${key.length}`);
  tables ??= buildTables();
  const t = tables;
  const k1 = roundKeys(key.subarray(0, 8));
  let enc: Uint8Array;
  let dec: Uint8Array;
  if (key.length === 8) {
    enc = k1;
    dec = pass(k1, true);
  } else {
    const k2 = roundKeys(key.subarray(8, 16));
    const k3 = key.length === 24 ? roundKeys(key.subarray(16, 24)) : k1;
    // SP 800-67 §3.1: encrypt E_K3(D_K2(E_K1(x))), decrypt D_K1(E_K2(D_K3(y))).
    enc = chain([k1, pass(k2, true), k3]);
    dec = chain([pass(k3, true), k2, pass(k1, true)]);
  }
  return {
    blockSize: 8,
    encryptBlock: (buf, at) => crypt(t, enc, buf, at),
    decryptBlock: (buf, at) => crypt(t, dec, buf, at),
  };
}

/**
 * DES-CBC (8-byte key) or two-key (16) / three-key (24) TDEA in CBC mode
 * over a copy of `data`, without padding: the key file formats' des-cbc,
 * des2-cbc and des3-cbc. TypeError on a bad key, IV or data length.
 */
export function desCbc(key: Uint8Array, iv: Uint8Array, data: Uint8Array, decrypt: boolean): Uint8Array {
  if (key.length !== 8 && key.length !== 16 && key.length !== 24)
    throw new TypeError('DES key must be 8, 16 or 24 bytes');
  if (iv.length !== 8 || data.length % 8 !== 0)
    throw new TypeError('DES needs an 8-byte IV and whole blocks');
  return cbcCopy(createDesCore(key), iv, data, decrypt);
}
