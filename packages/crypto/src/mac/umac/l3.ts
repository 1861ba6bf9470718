import { beBigInt } from './l2-poly.js';

/** p36 = 2^36 - 5 (RFC 4418 §5.4, prime(36)). */
const P36 = 2 ** 36 - 5;
const P36N = BigInt(P36);

/** L3-HASH of one UMAC stream (RFC 4418 §5.4): an inner product mod p36, masked with a key word. */
export class L3Hash {
  private readonly k1: Float64Array;
  private readonly k2: number;

  /** `key1` is the stream's 64 bytes of KDF(K, 3, ...), `key2` its 4 bytes of KDF(K, 4, ...). */
  constructor(key1: Uint8Array, key2: Uint8Array) {
    this.k1 = new Float64Array(8);
    for (let i = 0; i < 8; i++) this.k1[i] = Number(beBigInt(key1.subarray(i * 8, i * 8 + 8)) % P36N);
    this.k2 =
      (((key2[0] as number) << 24) |
        ((key2[1] as number) << 16) |
        ((key2[2] as number) << 8) |
        (key2[3] as number)) >>>
      0;
  }

  /** Hash the 128-bit value `m` given as four big-endian 32-bit words; returns a uint32. */
  hash(w0: number, w1: number, w2: number, w3: number): number {
    const k = this.k1;
    const words = [w0, w1, w2, w3];
    let y = 0;
    for (let i = 0; i < 4; i++) {
      const w = words[i] as number;
      y = (y + (w >>> 16) * (k[2 * i] as number)) % P36;
      y = (y + (w & 0xffff) * (k[2 * i + 1] as number)) % P36;
    }
    return ((y % 0x100000000) ^ this.k2) >>> 0;
  }
}
