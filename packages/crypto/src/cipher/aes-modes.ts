import { unsafe } from '@noble/ciphers/aes.js';
import { checkCipherKeys } from './check.js';
import type { BlockCipherAlgorithm, BlockStream, CipherDirection } from './types.js';

/** AES block size (FIPS 197 §3). */
const AES_BLOCK = 16;

function le32(b: Uint8Array, at: number): number {
  return (
    ((b[at] as number) |
      ((b[at + 1] as number) << 8) |
      ((b[at + 2] as number) << 16) |
      ((b[at + 3] as number) << 24)) >>>
    0
  );
}

function xorLe32(b: Uint8Array, at: number, w: number): void {
  b[at] = (b[at] as number) ^ (w & 0xff);
  b[at + 1] = (b[at + 1] as number) ^ ((w >>> 8) & 0xff);
  b[at + 2] = (b[at + 2] as number) ^ ((w >>> 16) & 0xff);
  b[at + 3] = (b[at + 3] as number) ^ (w >>> 24);
}

function putLe32(b: Uint8Array, at: number, w: number): void {
  b[at] = w & 0xff;
  b[at + 1] = (w >>> 8) & 0xff;
  b[at + 2] = (w >>> 16) & 0xff;
  b[at + 3] = w >>> 24;
}

/** AES-CTR as SSH uses it (RFC 4344 §4): the IV is a 128-bit big-endian counter, incremented per block. */
class AesCtrStream implements BlockStream {
  private readonly xk: Uint32Array;
  private readonly ctr: Uint8Array;

  constructor(key: Uint8Array, iv: Uint8Array) {
    this.xk = unsafe.expandKeyLE(key);
    this.ctr = Uint8Array.from(iv); // a copy even when `iv` is a Buffer
  }

  process(buf: Uint8Array, start: number, end: number): void {
    const c = this.ctr;
    for (let at = start; at < end; at += AES_BLOCK) {
      const o = unsafe.encrypt(this.xk, le32(c, 0), le32(c, 4), le32(c, 8), le32(c, 12));
      xorLe32(buf, at, o.s0);
      xorLe32(buf, at + 4, o.s1);
      xorLe32(buf, at + 8, o.s2);
      xorLe32(buf, at + 12, o.s3);
      for (let i = 15; i >= 0; i--) {
        c[i] = ((c[i] as number) + 1) & 0xff;
        if (c[i] !== 0) break;
      }
    }
  }
}

/** AES-CBC encryption with the chaining block carried from packet to packet (RFC 4253 §6.3). */
class AesCbcEncryptStream implements BlockStream {
  private readonly xk: Uint32Array;
  private p0: number;
  private p1: number;
  private p2: number;
  private p3: number;

  constructor(key: Uint8Array, iv: Uint8Array) {
    this.xk = unsafe.expandKeyLE(key);
    this.p0 = le32(iv, 0);
    this.p1 = le32(iv, 4);
    this.p2 = le32(iv, 8);
    this.p3 = le32(iv, 12);
  }

  process(buf: Uint8Array, start: number, end: number): void {
    for (let at = start; at < end; at += AES_BLOCK) {
      const o = unsafe.encrypt(
        this.xk,
        (le32(buf, at) ^ this.p0) >>> 0,
        (le32(buf, at + 4) ^ this.p1) >>> 0,
        (le32(buf, at + 8) ^ this.p2) >>> 0,
        (le32(buf, at + 12) ^ this.p3) >>> 0,
      );
      this.p0 = o.s0;
      this.p1 = o.s1;
      this.p2 = o.s2;
      this.p3 = o.s3;
      putLe32(buf, at, o.s0);
      putLe32(buf, at + 4, o.s1);
      putLe32(buf, at + 8, o.s2);
      putLe32(buf, at + 12, o.s3);
    }
  }
}

/** AES-CBC decryption with the chaining block carried from packet to packet. */
class AesCbcDecryptStream implements BlockStream {
  private readonly xk: Uint32Array;
  private p0: number;
  private p1: number;
  private p2: number;
  private p3: number;

  constructor(key: Uint8Array, iv: Uint8Array) {
    this.xk = unsafe.expandKeyDecLE(key);
    this.p0 = le32(iv, 0);
    this.p1 = le32(iv, 4);
    this.p2 = le32(iv, 8);
    this.p3 = le32(iv, 12);
  }

  process(buf: Uint8Array, start: number, end: number): void {
    for (let at = start; at < end; at += AES_BLOCK) {
      const c0 = le32(buf, at);
      const c1 = le32(buf, at + 4);
      const c2 = le32(buf, at + 8);
      const c3 = le32(buf, at + 12);
      const o = unsafe.decrypt(this.xk, c0, c1, c2, c3);
      putLe32(buf, at, (o.s0 ^ this.p0) >>> 0);
      putLe32(buf, at + 4, (o.s1 ^ this.p1) >>> 0);
      putLe32(buf, at + 8, (o.s2 ^ this.p2) >>> 0);
      putLe32(buf, at + 12, (o.s3 ^ this.p3) >>> 0);
      this.p0 = c0;
      this.p1 = c1;
      this.p2 = c2;
      this.p3 = c3;
    }
  }
}

/** The portable (@noble/ciphers AES core) aes*-ctr or aes*-cbc algorithm. */
export function nobleAesBlockAlgorithm(
  name: string,
  keyLength: number,
  mode: 'ctr' | 'cbc',
): BlockCipherAlgorithm {
  const info = { kind: 'block', name, keyLength, ivLength: AES_BLOCK, blockSize: AES_BLOCK } as const;
  return {
    ...info,
    createStream(key: Uint8Array, iv: Uint8Array, direction: CipherDirection): BlockStream {
      checkCipherKeys(info, key, iv);
      if (mode === 'ctr') return new AesCtrStream(key, iv);
      return direction === 'encrypt' ? new AesCbcEncryptStream(key, iv) : new AesCbcDecryptStream(key, iv);
    },
  };
}
