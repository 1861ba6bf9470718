import { KeyLengthError } from '../../errors.js';
import { AesBlock } from './aes-block.js';
import { umacKdf } from './kdf.js';
import { L2Hash, POLY64_MAX_WORDS } from './l2-poly.js';
import { L3Hash } from './l3.js';
import { L1_CHUNK_BYTES, type L1Hasher, NhHasher } from './nh.js';
import { createWasmL1Hasher } from './nh-wasm.js';

/** UMAC's key length: one AES-128 key (RFC 4418 §2.1, KEYLEN). */
export const UMAC_KEY_LENGTH = 16;

/** Tag lengths RFC 4418 defines: UMAC-32, -64, -96 and -128. */
export type UmacTagLength = 4 | 8 | 12 | 16;

const MASK32 = 0xffffffffn;

/**
 * UMAC (RFC 4418) with a 4-, 8-, 12- or 16-byte tag: UHASH (NH, then POLY,
 * then an inner product) per 32-bit stream, xor a pad from AES of the nonce.
 * Keys are expanded once; tags are computed over one contiguous message.
 */
export class Umac {
  private readonly streams: number;
  private readonly nh: L1Hasher;
  private readonly l2: L2Hash[] = [];
  private readonly l3: L3Hash[] = [];
  private readonly pdfAes: AesBlock;
  private readonly nonceBlock = new Uint8Array(16);
  private readonly cachedNonce = new Uint8Array(16);
  private readonly cachedPad = new Uint8Array(16);
  private cacheValid = false;
  private readonly y64: bigint[] = [];

  constructor(
    key: Uint8Array,
    /** Tag length in bytes. */
    readonly tagLength: UmacTagLength,
    /** Hash with the WebAssembly NH when WebAssembly is there (false: always the JavaScript one). */
    wasm = true,
  ) {
    if (key.length !== UMAC_KEY_LENGTH)
      throw new KeyLengthError(`umac-${tagLength * 8}`, 'key', 16, key.length);
    const aes = new AesBlock(key);
    const n = tagLength / 4;
    this.streams = n;
    // RFC 4418 §5.1: L1Key, L2Key, L3Key1, L3Key2 from KDF indexes 1..4; §4.1: PDF key from index 0.
    const l1Key = umacKdf(aes, 1, L1_CHUNK_BYTES + (n - 1) * 16);
    const l2Key = umacKdf(aes, 2, n * 24);
    const l3Key1 = umacKdf(aes, 3, n * 64);
    const l3Key2 = umacKdf(aes, 4, n * 4);
    for (let i = 0; i < n; i++) {
      this.l2.push(new L2Hash(l2Key.subarray(i * 24, i * 24 + 24)));
      this.l3.push(new L3Hash(l3Key1.subarray(i * 64, i * 64 + 64), l3Key2.subarray(i * 4, i * 4 + 4)));
    }
    this.pdfAes = new AesBlock(umacKdf(aes, 0, 16));
    const k64 = this.l2.map((h) => h.k64);
    this.nh = (wasm ? createWasmL1Hasher(l1Key, n, k64) : null) ?? new NhHasher(l1Key, n);
  }

  /** The tag of `message` under `nonce` (1 to 16 bytes), written to `out` at `outOffset`. */
  tagInto(message: Uint8Array, nonce: Uint8Array, out: Uint8Array, outOffset: number): void {
    const pad = this.pdf(nonce);
    const len = message.length;
    const { nh, l2, l3, streams } = this;
    if (len <= L1_CHUNK_BYTES) {
      nh.hash(message, () => {});
      for (let s = 0; s < streams; s++) {
        const y = (l3[s] as L3Hash).hash(0, 0, nh.hi[s] as number, nh.lo[s] as number);
        writeXor32(out, outOffset + s * 4, y, pad, s * 4);
      }
      return;
    }
    if (nh.hashPoly64 && len <= POLY64_MAX_WORDS * L1_CHUNK_BYTES) {
      const ys = this.y64;
      nh.hashPoly64(message, ys);
      for (let s = 0; s < streams; s++) {
        const y = ys[s] as bigint;
        const t = (l3[s] as L3Hash).hash(0, 0, Number(y >> 32n), Number(y & MASK32));
        writeXor32(out, outOffset + s * 4, t, pad, s * 4);
      }
      return;
    }
    for (const h of l2) h.reset();
    nh.hash(message, () => {
      for (let s = 0; s < streams; s++) (l2[s] as L2Hash).update(nh.hi[s] as number, nh.lo[s] as number);
    });
    for (let s = 0; s < streams; s++) {
      const y = (l2[s] as L2Hash).digest();
      const w = (shift: bigint) => Number((y >> shift) & MASK32);
      const t = (l3[s] as L3Hash).hash(w(96n), w(64n), w(32n), w(0n));
      writeXor32(out, outOffset + s * 4, t, pad, s * 4);
    }
  }

  /** The tag of `message` under `nonce` in a new array. */
  tag(message: Uint8Array, nonce: Uint8Array): Uint8Array {
    const out = new Uint8Array(this.tagLength);
    this.tagInto(message, nonce, out, 0);
    return out;
  }

  /** PDF (RFC 4418 §4): the pad for `nonce`, tagLength bytes at the start of the returned view. */
  private pdf(nonce: Uint8Array): Uint8Array {
    if (nonce.length < 1 || nonce.length > 16) throw new RangeError('UMAC nonce must be 1 to 16 bytes');
    const block = this.nonceBlock;
    block.fill(0);
    block.set(nonce);
    let index = 0;
    const last = nonce.length - 1;
    if (this.tagLength <= 8) {
      const mask = this.tagLength === 4 ? 3 : 1;
      index = (block[last] as number) & mask;
      block[last] = (block[last] as number) & ~mask;
    }
    if (!this.cacheValid || !sameBlock(block, this.cachedNonce)) {
      this.cachedNonce.set(block);
      this.cachedPad.set(this.pdfAes.encrypt(block));
      this.cacheValid = true;
    }
    return this.cachedPad.subarray(index * this.tagLength, index * this.tagLength + this.tagLength);
  }
}

function sameBlock(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < 16; i++) if (a[i] !== b[i]) return false;
  return true;
}

function writeXor32(out: Uint8Array, at: number, y: number, pad: Uint8Array, padAt: number): void {
  out[at] = (y >>> 24) ^ (pad[padAt] as number);
  out[at + 1] = ((y >>> 16) & 0xff) ^ (pad[padAt + 1] as number);
  out[at + 2] = ((y >>> 8) & 0xff) ^ (pad[padAt + 2] as number);
  out[at + 3] = (y & 0xff) ^ (pad[padAt + 3] as number);
}
