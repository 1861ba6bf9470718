/** p64 = 2^64 - 59 and p128 = 2^128 - 159 (RFC 4418 §5.3.1, prime(64) and prime(128)). */
const P64 = (1n << 64n) - 59n;
const P128 = (1n << 128n) - 159n;
/** Words at or above these are split with the marker (RFC 4418 §5.3.1, maxwordrange). */
const MAX64 = (1n << 64n) - (1n << 32n);
const MAX128 = (1n << 128n) - (1n << 96n);
/** L2 keys are masked so each 32-bit half is below 2^25 (RFC 4418 §5.3.1). */
const MASK64 = 0x01ffffff01ffffffn;
const MASK128 = 0x01ffffff01ffffff01ffffff01ffffffn;
/**
 * Up to this many 8-byte L1 outputs (2^20 bits, i.e. messages up to 2^24
 * bytes) are hashed with POLY64 alone: RFC 4418 §5.3.1 as corrected by
 * erratum 3507 (the printed 2^17 bits contradicts the RFC's own 'a' * 2^25
 * vector and the reference code).
 */
export const POLY64_MAX_WORDS = 1 << 14;

function polyStep(k: bigint, y: bigint, m: bigint, p: bigint, max: bigint): bigint {
  if (m >= max) {
    y = (k * y + (p - 1n)) % p;
    return (k * y + (m - ((1n << BigInt(max === MAX64 ? 64 : 128)) - p))) % p;
  }
  return (k * y + m) % p;
}

/** Big-endian bytes to bigint. */
export function beBigInt(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v;
}

/**
 * L2-HASH of one UMAC stream (RFC 4418 §5.3), fed one 64-bit L1 output at a
 * time: POLY64 over the first 2^14 bytes, then POLY128 over the rest with
 * the 0x80 end marker.
 */
export class L2Hash {
  /** The masked POLY64 key. */
  readonly k64: bigint;
  private readonly k128: bigint;
  private y = 1n;
  private count = 0;
  private y128 = 1n;
  private half: bigint | null = null;

  /** `key` is the stream's 24 bytes of KDF(K, 2, ...). */
  constructor(key: Uint8Array) {
    this.k64 = beBigInt(key.subarray(0, 8)) & MASK64;
    this.k128 = beBigInt(key.subarray(8, 24)) & MASK128;
  }

  /** Start a new message. */
  reset(): void {
    this.y = 1n;
    this.count = 0;
    this.y128 = 1n;
    this.half = null;
  }

  /** Feed the next L1 output word `hi * 2^32 + lo`. */
  update(hi: number, lo: number): void {
    const m = (BigInt(hi) << 32n) | BigInt(lo);
    if (this.count < POLY64_MAX_WORDS) {
      this.y = polyStep(this.k64, this.y, m, P64, MAX64);
    } else {
      if (this.count === POLY64_MAX_WORDS) this.y128 = polyStep(this.k128, 1n, this.y, P128, MAX128);
      if (this.half === null) {
        this.half = m;
      } else {
        this.y128 = polyStep(this.k128, this.y128, (this.half << 64n) | m, P128, MAX128);
        this.half = null;
      }
    }
    this.count++;
  }

  /** The 128-bit L2 result of the message fed since `reset`. */
  digest(): bigint {
    if (this.count <= POLY64_MAX_WORDS) return this.y;
    // zeropad(M_2 || 0x80, 16)
    const last = this.half === null ? 0x80n << 120n : (this.half << 64n) | (0x80n << 56n);
    return polyStep(this.k128, this.y128, last, P128, MAX128);
  }
}
