import type { BlockStream } from '../types.js';

/**
 * RC4 (the cipher RFC 6229 gives vectors for): a keystream XORed in place,
 * its state running on from one call to the next. Keys of 1 to 256 bytes.
 */
export class Rc4 implements BlockStream {
  private readonly s = new Uint8Array(256);
  private i = 0;
  private j = 0;

  constructor(key: Uint8Array) {
    if (key.length < 1 || key.length > 256) throw new RangeError('RC4 key must be 1 to 256 bytes');
    const s = this.s;
    for (let k = 0; k < 256; k++) s[k] = k;
    for (let k = 0, j = 0; k < 256; k++) {
      const t = s[k] as number;
      j = (j + t + (key[k % key.length] as number)) & 0xff;
      s[k] = s[j] as number;
      s[j] = t;
    }
  }

  /** XOR the next `end - start` keystream bytes into `buf[start .. end)`. */
  process(buf: Uint8Array, start: number, end: number): void {
    const s = this.s;
    let i = this.i;
    let j = this.j;
    for (let at = start; at < end; at++) {
      i = (i + 1) & 0xff;
      const t = s[i] as number;
      j = (j + t) & 0xff;
      const u = s[j] as number;
      s[i] = u;
      s[j] = t;
      buf[at] = (buf[at] as number) ^ (s[(t + u) & 0xff] as number);
    }
    this.i = i;
    this.j = j;
  }

  /** Throw away the next `n` keystream bytes (RFC 4345 §4 discards 1536). */
  skip(n: number): void {
    this.process(new Uint8Array(n), 0, n);
  }
}

/** RC4 over a copy of `data` (encryption and decryption are the same), for key files. */
export function rc4Copy(key: Uint8Array, data: Uint8Array): Uint8Array {
  const out = Uint8Array.from(data);
  new Rc4(key).process(out, 0, out.length);
  return out;
}
