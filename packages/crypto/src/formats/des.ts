/**
 * DES and triple DES (FIPS 46-3, SP 800-67) in CBC mode without padding, for
 * old key files only (PEM DES-EDE3-CBC, PBES1, PKCS#12 PBE): bit-by-bit and
 * slow, which is fine for a few hundred bytes and no use for anything else.
 */

const IP = [
  58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4, 62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40,
  32, 24, 16, 8, 57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3, 61, 53, 45, 37, 29, 21, 13, 5,
  63, 55, 47, 39, 31, 23, 15, 7,
];
const FP = IP.map((_, i) => IP.indexOf(i + 1) + 1);
const E = [
  32, 1, 2, 3, 4, 5, 4, 5, 6, 7, 8, 9, 8, 9, 10, 11, 12, 13, 12, 13, 14, 15, 16, 17, 16, 17, 18, 19, 20, 21,
  20, 21, 22, 23, 24, 25, 24, 25, 26, 27, 28, 29, 28, 29, 30, 31, 32, 1,
];
const P = [
  16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10, 2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22,
  11, 4, 25,
];
const PC1 = [
  57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18, 10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36,
  63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22, 14, 6, 61, 53, 45, 37, 29, 21, 13, 5, 28, 20, 12, 4,
];
const PC2 = [
  14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10, 23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2, 41, 52, 31, 37, 47,
  55, 30, 40, 51, 45, 33, 48, 44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32,
];
const SHIFTS = [1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1];
/** The eight S-boxes, each 4 rows of 16, as hex digits. */
const S = [
  'e4d12fb83a6c59070f74e2d1a6cb953841e8d62bfc973a50fc8249175b3ea06d',
  'f18e6b34972dc05a3d47f28ec01a69b50e7ba4d158c6932fd8a13f42b67c05e9',
  'a09e63f51dc7b428d709346a285ecbf1d6498f30b12c5ae71ad069874fe3b52c',
  '7de3069a1285bc4fd8b56f03472c1ae9a690cb7df13e52843f06a1d8945bc72e',
  '2c417ab6853fd0e9eb2c47d150fa3986421bad78f9c5630eb8c71e2d6f09a453',
  'c1af92680d34e75baf427c9561de0b389ef528c3704a1db6432c95fabe17608d',
  '4b2ef08d3c975a61d0b7491ae35c2f8614bdc37eaf6805926bd814a7950fe23c',
  'd2846fb1a93e50c71fd8a374c56b0e927b419ce206adf35821e74a8dfc90356b',
].map((hex) => Uint8Array.from(hex, (c) => Number.parseInt(c, 16)));

const toBits = (bytes: Uint8Array): Uint8Array =>
  Uint8Array.from({ length: bytes.length * 8 }, (_, i) => ((bytes[i >> 3] as number) >> (7 - (i & 7))) & 1);
const fromBits = (bits: Uint8Array): Uint8Array =>
  Uint8Array.from({ length: bits.length / 8 }, (_, i) => {
    let v = 0;
    for (let j = 0; j < 8; j++) v = (v << 1) | (bits[8 * i + j] as number);
    return v;
  });
const permute = (bits: Uint8Array, table: readonly number[]): Uint8Array =>
  Uint8Array.from(table, (p) => bits[p - 1] as number);

/** The 16 round keys (48 bits each) of one 8-byte DES key. */
function roundKeys(key: Uint8Array): Uint8Array[] {
  let cd = permute(toBits(key), PC1);
  const keys: Uint8Array[] = [];
  for (const s of SHIFTS) {
    const c = cd.subarray(0, 28);
    const d = cd.subarray(28);
    cd = Uint8Array.from([...c.subarray(s), ...c.subarray(0, s), ...d.subarray(s), ...d.subarray(0, s)]);
    keys.push(permute(cd, PC2));
  }
  return keys;
}

function feistel(r: Uint8Array, k: Uint8Array): Uint8Array {
  const x = permute(r, E).map((b, i) => b ^ (k[i] as number));
  const out = new Uint8Array(32);
  for (let s = 0; s < 8; s++) {
    const b = x.subarray(6 * s, 6 * s + 6);
    const row = ((b[0] as number) << 1) | (b[5] as number);
    const col =
      ((b[1] as number) << 3) | ((b[2] as number) << 2) | ((b[3] as number) << 1) | (b[4] as number);
    const v = (S[s] as Uint8Array)[16 * row + col] as number;
    for (let j = 0; j < 4; j++) out[4 * s + j] = (v >> (3 - j)) & 1;
  }
  return permute(out, P);
}

function desBlock(block: Uint8Array, keys: readonly Uint8Array[], decrypt: boolean): Uint8Array {
  const bits = permute(toBits(block), IP);
  let l = bits.slice(0, 32);
  let r = bits.slice(32);
  for (let i = 0; i < 16; i++) {
    const k = keys[decrypt ? 15 - i : i] as Uint8Array;
    const f = feistel(r, k);
    [l, r] = [r, l.map((b, j) => b ^ (f[j] as number))];
  }
  return fromBits(permute(Uint8Array.from([...r, ...l]), FP));
}

/**
 * DES-CBC (8-byte key), two-key (16) or three-key (24) EDE triple DES in CBC
 * mode, on whole 8-byte blocks.
 */
export function desCbc(key: Uint8Array, iv: Uint8Array, data: Uint8Array, decrypt: boolean): Uint8Array {
  if (![8, 16, 24].includes(key.length)) throw new TypeError('DES key must be 8, 16 or 24 bytes');
  if (iv.length !== 8 || data.length % 8 !== 0)
    throw new TypeError('DES needs an 8-byte IV and whole blocks');
  const parts =
    key.length === 8
      ? [key]
      : [
          key.subarray(0, 8),
          key.subarray(8, 16),
          key.subarray(key.length === 24 ? 16 : 0, key.length === 24 ? 24 : 8),
        ];
  const ks = parts.map(roundKeys);
  const one = (b: Uint8Array, dec: boolean): Uint8Array => {
    if (ks.length === 1) return desBlock(b, ks[0] as Uint8Array[], dec);
    const [k1, k2, k3] = ks as [Uint8Array[], Uint8Array[], Uint8Array[]];
    return dec
      ? desBlock(desBlock(desBlock(b, k3, true), k2, false), k1, true)
      : desBlock(desBlock(desBlock(b, k1, false), k2, true), k3, false);
  };
  const out = new Uint8Array(data.length);
  let prev = iv;
  for (let at = 0; at < data.length; at += 8) {
    const block = data.subarray(at, at + 8);
    if (decrypt) {
      const p = one(block, true).map((b, i) => b ^ (prev[i] as number));
      out.set(p, at);
      prev = block;
    } else {
      const c = one(
        block.map((b, i) => b ^ (prev[i] as number)),
        false,
      );
      out.set(c, at);
      prev = c;
    }
  }
  return out;
}
