import { readUint32BE } from './length.js';

/** "expand 32-byte k" as four little-endian words (RFC 8439 §2.3). */
const SIGMA: readonly number[] = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574];

/**
 * The packet-length keystream of chacha20-poly1305@openssh.com
 * (PROTOCOL.chacha20poly1305): the first 4 bytes of ChaCha20 block 0 under
 * K_1 with DJB's 64-bit nonce = the sequence number big-endian. One block
 * in plain JavaScript is far cheaper than a node:crypto context for 4 bytes.
 */
export class ChachaLengthKey {
  private readonly k = new Int32Array(8);

  /** `key` is K_1, 32 bytes (copied). */
  constructor(key: Uint8Array) {
    for (let i = 0; i < 8; i++) {
      const j = 4 * i;
      this.k[i] =
        (key[j] as number) |
        ((key[j + 1] as number) << 8) |
        ((key[j + 2] as number) << 16) |
        ((key[j + 3] as number) << 24);
    }
  }

  /**
   * The 4 keystream bytes for sequence number `seq` (uint32) as one
   * big-endian uint32, ready to XOR with the big-endian length field.
   */
  keystream(seq: number): number {
    const k = this.k;
    let x0 = SIGMA[0] as number;
    let x1 = SIGMA[1] as number;
    let x2 = SIGMA[2] as number;
    let x3 = SIGMA[3] as number;
    let x4 = k[0] as number;
    let x5 = k[1] as number;
    let x6 = k[2] as number;
    let x7 = k[3] as number;
    let x8 = k[4] as number;
    let x9 = k[5] as number;
    let x10 = k[6] as number;
    let x11 = k[7] as number;
    // Block counter 0; the nonce is the sequence number as a big-endian uint64, read as two little-endian words.
    let x12 = 0;
    let x13 = 0;
    let x14 = bswap(Math.floor(seq / 0x100000000));
    let x15 = bswap(seq >>> 0);
    for (let r = 0; r < 10; r++) {
      // Column round (RFC 8439 §2.1 quarter round on columns).
      x0 = (x0 + x4) | 0;
      x12 = rotl(x12 ^ x0, 16);
      x8 = (x8 + x12) | 0;
      x4 = rotl(x4 ^ x8, 12);
      x0 = (x0 + x4) | 0;
      x12 = rotl(x12 ^ x0, 8);
      x8 = (x8 + x12) | 0;
      x4 = rotl(x4 ^ x8, 7);
      x1 = (x1 + x5) | 0;
      x13 = rotl(x13 ^ x1, 16);
      x9 = (x9 + x13) | 0;
      x5 = rotl(x5 ^ x9, 12);
      x1 = (x1 + x5) | 0;
      x13 = rotl(x13 ^ x1, 8);
      x9 = (x9 + x13) | 0;
      x5 = rotl(x5 ^ x9, 7);
      x2 = (x2 + x6) | 0;
      x14 = rotl(x14 ^ x2, 16);
      x10 = (x10 + x14) | 0;
      x6 = rotl(x6 ^ x10, 12);
      x2 = (x2 + x6) | 0;
      x14 = rotl(x14 ^ x2, 8);
      x10 = (x10 + x14) | 0;
      x6 = rotl(x6 ^ x10, 7);
      x3 = (x3 + x7) | 0;
      x15 = rotl(x15 ^ x3, 16);
      x11 = (x11 + x15) | 0;
      x7 = rotl(x7 ^ x11, 12);
      x3 = (x3 + x7) | 0;
      x15 = rotl(x15 ^ x3, 8);
      x11 = (x11 + x15) | 0;
      x7 = rotl(x7 ^ x11, 7);
      // Diagonal round.
      x0 = (x0 + x5) | 0;
      x15 = rotl(x15 ^ x0, 16);
      x10 = (x10 + x15) | 0;
      x5 = rotl(x5 ^ x10, 12);
      x0 = (x0 + x5) | 0;
      x15 = rotl(x15 ^ x0, 8);
      x10 = (x10 + x15) | 0;
      x5 = rotl(x5 ^ x10, 7);
      x1 = (x1 + x6) | 0;
      x12 = rotl(x12 ^ x1, 16);
      x11 = (x11 + x12) | 0;
      x6 = rotl(x6 ^ x11, 12);
      x1 = (x1 + x6) | 0;
      x12 = rotl(x12 ^ x1, 8);
      x11 = (x11 + x12) | 0;
      x6 = rotl(x6 ^ x11, 7);
      x2 = (x2 + x7) | 0;
      x13 = rotl(x13 ^ x2, 16);
      x8 = (x8 + x13) | 0;
      x7 = rotl(x7 ^ x8, 12);
      x2 = (x2 + x7) | 0;
      x13 = rotl(x13 ^ x2, 8);
      x8 = (x8 + x13) | 0;
      x7 = rotl(x7 ^ x8, 7);
      x3 = (x3 + x4) | 0;
      x14 = rotl(x14 ^ x3, 16);
      x9 = (x9 + x14) | 0;
      x4 = rotl(x4 ^ x9, 12);
      x3 = (x3 + x4) | 0;
      x14 = rotl(x14 ^ x3, 8);
      x9 = (x9 + x14) | 0;
      x4 = rotl(x4 ^ x9, 7);
    }
    // Only output word 0 is needed: its little-endian bytes are the first 4 keystream bytes.
    return bswap((x0 + (SIGMA[0] as number)) | 0);
  }
}

function rotl(v: number, n: number): number {
  return (v << n) | (v >>> (32 - n));
}

function bswap(v: number): number {
  return ((v >>> 24) | ((v >>> 8) & 0xff00) | ((v & 0xff00) << 8) | (v << 24)) >>> 0;
}

/** XOR the 4 bytes at `buf[off]` with `keystream` (big-endian), in place. */
export function xorLength(buf: Uint8Array, off: number, keystream: number): void {
  buf[off] = (buf[off] as number) ^ (keystream >>> 24);
  buf[off + 1] = (buf[off + 1] as number) ^ ((keystream >>> 16) & 0xff);
  buf[off + 2] = (buf[off + 2] as number) ^ ((keystream >>> 8) & 0xff);
  buf[off + 3] = (buf[off + 3] as number) ^ (keystream & 0xff);
}

/**
 * The length field of chacha20-poly1305@openssh.com for one direction:
 * encrypted in place by `seal`, read by `decrypt` (which leaves the buffer
 * alone and remembers its keystream), decrypted in place by `open`, which
 * reuses that keystream when the sequence number and the 4 ciphertext bytes
 * are those `decrypt` saw.
 */
export class ChachaLengthCipher {
  private readonly key: ChachaLengthKey;
  private lastSeq = -1;
  private lastCipherLength = 0;
  private lastKeystream = 0;

  /** `key` is K_1, 32 bytes (copied). */
  constructor(key: Uint8Array) {
    this.key = new ChachaLengthKey(key);
  }

  /** Encrypt the 4 bytes at `buf[off]` for `seq`. */
  seal(seq: number, buf: Uint8Array, off: number): void {
    xorLength(buf, off, this.key.keystream(seq));
  }

  /** The plaintext length at `buf[off]` for `seq`; the buffer is not changed. */
  decrypt(seq: number, buf: Uint8Array, off: number): number {
    const cipherLength = readUint32BE(buf, off);
    const keystream = this.key.keystream(seq);
    this.lastSeq = seq;
    this.lastCipherLength = cipherLength;
    this.lastKeystream = keystream;
    return (cipherLength ^ keystream) >>> 0;
  }

  /** Decrypt the 4 bytes at `buf[off]` for `seq` in place. */
  open(seq: number, buf: Uint8Array, off: number): void {
    const reuse = seq === this.lastSeq && readUint32BE(buf, off) === this.lastCipherLength;
    this.lastSeq = -1;
    xorLength(buf, off, reuse ? this.lastKeystream : this.key.keystream(seq));
  }
}
