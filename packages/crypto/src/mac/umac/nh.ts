/** NH's block: L1-HASH splits the message into chunks of this many bytes (RFC 4418 §5.2.1). */
export const L1_CHUNK_BYTES = 1024;
const CHUNK_WORDS = L1_CHUNK_BYTES / 4;
const TWO32 = 0x100000000;

/** L1-HASH for every stream of a UMAC (RFC 4418 §5.2), chunk by chunk. */
export interface L1Hasher {
  /** High 32 bits of each stream's 64-bit result for the chunk being emitted. */
  readonly hi: Float64Array;
  /** Low 32 bits of each stream's 64-bit result for the chunk being emitted. */
  readonly lo: Float64Array;
  /**
   * Hash `message` 1024 bytes at a time (one empty chunk for an empty message),
   * calling `emit` once per chunk, in order, with `hi` / `lo` filled.
   */
  hash(message: Uint8Array, emit: () => void): void;
  /**
   * L1 then L2's POLY64 in one pass, for messages of more than 1024 and at
   * most 2^24 bytes (where RFC 4418 §5.3 uses POLY64 alone); each stream's
   * 64-bit result lands in `out`. Absent when the hasher cannot do it.
   */
  hashPoly64?(message: Uint8Array, out: bigint[]): void;
}

/**
 * The NH hash of one chunk for several UMAC streams at once (RFC 4418 §5.2.2),
 * in JavaScript (used where WebAssembly is unavailable).
 * Message words are little-endian, key words big-endian, as RFC 4418 and
 * the reference implementation read them. Each 32x32-bit product is split
 * into 16-bit halves so every partial sum stays exact in a double.
 */
export class NhHasher implements L1Hasher {
  private readonly key: Uint32Array;
  private readonly words = new Uint32Array(CHUNK_WORDS);
  private readonly pad = new Uint8Array(L1_CHUNK_BYTES);
  private readonly padView = new DataView(this.pad.buffer);
  /** High 32 bits of each stream's result after `hashChunk`. */
  readonly hi: Float64Array;
  /** Low 32 bits of each stream's result after `hashChunk`. */
  readonly lo: Float64Array;

  /** `l1Key` is KDF(K, 1, 1024 + 16 * (streams - 1)). */
  constructor(
    l1Key: Uint8Array,
    private readonly streams: number,
  ) {
    const view = new DataView(l1Key.buffer, l1Key.byteOffset, l1Key.byteLength);
    this.key = new Uint32Array(l1Key.length / 4);
    for (let i = 0; i < this.key.length; i++) this.key[i] = view.getUint32(i * 4, false);
    this.hi = new Float64Array(streams);
    this.lo = new Float64Array(streams);
  }

  hash(message: Uint8Array, emit: () => void): void {
    const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
    let at = 0;
    do {
      const len = Math.min(L1_CHUNK_BYTES, message.length - at);
      this.hashChunk(message, view, at, len);
      emit();
      at += len;
    } while (at < message.length);
  }

  /**
   * NH(K, zeropad(chunk, 32)) +_64 bitlength(chunk) for every stream, where
   * the chunk is `data[start .. start + len)` with 0 <= len <= 1024.
   */
  hashChunk(data: Uint8Array, view: DataView, start: number, len: number): void {
    const words = this.words;
    let padded = Math.max(32, Math.ceil(len / 32) * 32);
    if (padded === len) {
      for (let i = 0; i < len / 4; i++) words[i] = view.getUint32(start + i * 4, true);
    } else {
      const pad = this.pad;
      pad.fill(0, 0, padded);
      pad.set(data.subarray(start, start + len));
      for (let i = 0; i < padded / 4; i++) words[i] = this.padView.getUint32(i * 4, true);
    }
    padded /= 4;
    const key = this.key;
    for (let s = 0; s < this.streams; s++) {
      const ko = s * 4;
      let hh = 0;
      let mid = 0;
      let ll = 0;
      for (let i = 0; i < padded; i += 8) {
        for (let j = 0; j < 4; j++) {
          const a = ((words[i + j] as number) + (key[ko + i + j] as number)) >>> 0;
          const b = ((words[i + j + 4] as number) + (key[ko + i + j + 4] as number)) >>> 0;
          const aH = a >>> 16;
          const aL = a & 0xffff;
          const bH = b >>> 16;
          const bL = b & 0xffff;
          hh += aH * bH;
          mid += aH * bL + aL * bH;
          ll += aL * bL;
        }
      }
      // Y = hh * 2^32 + mid * 2^16 + ll + 8 * len (mod 2^64)
      const midLo = mid % 0x10000;
      const t = ll + midLo * 0x10000 + len * 8;
      const lo = t % TWO32;
      const hi = (hh + (mid - midLo) / 0x10000 + (t - lo) / TWO32) % TWO32;
      this.hi[s] = hi;
      this.lo[s] = lo;
    }
  }
}
