import { type BlockCipherCore, readWord, writeWord } from './block-core.js';
import { SEED_S1, SEED_S2 } from './seed-sboxes.js';

/** The masks m0..m3 of the G function (RFC 4269 §2.2). */
const M = [0xfc, 0xf3, 0xcf, 0x3f] as const;

let tables: Uint32Array[] | undefined;

/**
 * SS0..SS3: G(X) = SS0[X0] ^ SS1[X1] ^ SS2[X2] ^ SS3[X3] (X0 the low byte).
 * Byte j of SSi[x] is S(x) & m((i + j) mod 4), S being S1 for i even and S2
 * for i odd: Zj = (Y0 & m_j) ^ (Y1 & m_j+1) ^ (Y2 & m_j+2) ^ (Y3 & m_j+3).
 */
function ssTables(): Uint32Array[] {
  if (!tables) {
    const parse = (hex: string) =>
      Uint8Array.from({ length: 256 }, (_, i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16));
    const s = [parse(SEED_S1), parse(SEED_S2)];
    tables = [0, 1, 2, 3].map((i) => {
      const box = s[i & 1] as Uint8Array;
      const t = new Uint32Array(256);
      for (let x = 0; x < 256; x++) {
        const y = box[x] as number;
        let w = 0;
        for (let j = 0; j < 4; j++) w |= (y & (M[(i + j) & 3] as number)) << (8 * j);
        t[x] = w >>> 0;
      }
      return t;
    });
  }
  return tables;
}

/** KC0 of the key schedule (RFC 4269 §2.3); KCi = KC0 rotated left by i. */
const KC0 = 0x9e3779b9;

/** SEED (RFC 4269) as a block core: 128-bit key and block, 16 rounds. */
export function createSeedCore(key: Uint8Array): BlockCipherCore {
  if (key.length !== 16) throw new RangeError('SEED key must be 16 bytes');
  const [ss0, ss1, ss2, ss3] = ssTables() as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  const g = (x: number): number =>
    ((ss0[x & 0xff] as number) ^
      (ss1[(x >>> 8) & 0xff] as number) ^
      (ss2[(x >>> 16) & 0xff] as number) ^
      (ss3[x >>> 24] as number)) |
    0;

  // Key schedule (§2.3): K(i,0) = G(A + C - KCi), K(i,1) = G(B - D + KCi), then rotate A||B right
  // or C||D left by 8 bits, alternately.
  const k = new Int32Array(32);
  let a = readWord(key, 0);
  let b = readWord(key, 4);
  let c = readWord(key, 8);
  let d = readWord(key, 12);
  for (let i = 0; i < 16; i++) {
    const kc = (KC0 << i) | (KC0 >>> ((32 - i) & 31)) | 0;
    k[2 * i] = g((((a + c) | 0) - kc) | 0);
    k[2 * i + 1] = g((((b - d) | 0) + kc) | 0);
    if (i % 2 === 0) {
      const t = a;
      a = (a >>> 8) | (b << 24);
      b = (b >>> 8) | (t << 24);
    } else {
      const t = c;
      c = (c << 8) | (d >>> 24);
      d = (d << 8) | (t >>> 24);
    }
  }

  /** The F function (§2.1) on the 64-bit half (c, d) with round key `i`; result in f0, f1. */
  let f0 = 0;
  let f1 = 0;
  const f = (i: number, c0: number, d0: number) => {
    let cc = c0 ^ (k[2 * i] as number);
    let dd = d0 ^ (k[2 * i + 1] as number);
    dd = g(dd ^ cc);
    cc = g((cc + dd) | 0);
    dd = g((dd + cc) | 0);
    cc = (cc + dd) | 0;
    f0 = cc;
    f1 = dd;
  };

  const run = (buf: Uint8Array, at: number, decrypt: boolean) => {
    let l0 = readWord(buf, at);
    let l1 = readWord(buf, at + 4);
    let r0 = readWord(buf, at + 8);
    let r1 = readWord(buf, at + 12);
    for (let n = 0; n < 16; n++) {
      f(decrypt ? 15 - n : n, r0, r1);
      const t0 = l0 ^ f0;
      const t1 = l1 ^ f1;
      l0 = r0;
      l1 = r1;
      r0 = t0;
      r1 = t1;
    }
    writeWord(buf, at, r0);
    writeWord(buf, at + 4, r1);
    writeWord(buf, at + 8, l0);
    writeWord(buf, at + 12, l1);
  };

  return {
    blockSize: 16,
    encryptBlock: (buf, at) => run(buf, at, false),
    decryptBlock: (buf, at) => run(buf, at, true),
  };
}
