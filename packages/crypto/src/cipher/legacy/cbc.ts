import type { BlockStream, CipherDirection } from '../types.js';
import type { BlockCipherCore } from './block-core.js';

/**
 * CBC over any block core, with the chaining block carried from one call to
 * the next (RFC 4253 §6.3: the packets of a direction are one CBC stream).
 */
export class CbcStream implements BlockStream {
  private readonly chain: Uint8Array;
  private readonly saved: Uint8Array;

  constructor(
    private readonly core: BlockCipherCore,
    iv: Uint8Array,
    private readonly direction: CipherDirection,
  ) {
    if (iv.length !== core.blockSize) throw new RangeError(`CBC needs a ${core.blockSize}-byte IV`);
    this.chain = Uint8Array.from(iv);
    this.saved = new Uint8Array(core.blockSize);
  }

  process(buf: Uint8Array, start: number, end: number): void {
    const n = this.core.blockSize;
    if ((end - start) % n !== 0) throw new RangeError(`CBC input is not a whole number of ${n}-byte blocks`);
    const chain = this.chain;
    if (this.direction === 'encrypt') {
      for (let at = start; at < end; at += n) {
        for (let i = 0; i < n; i++) buf[at + i] = (buf[at + i] as number) ^ (chain[i] as number);
        this.core.encryptBlock(buf, at);
        chain.set(buf.subarray(at, at + n));
      }
      return;
    }
    const saved = this.saved;
    for (let at = start; at < end; at += n) {
      saved.set(buf.subarray(at, at + n));
      this.core.decryptBlock(buf, at);
      for (let i = 0; i < n; i++) buf[at + i] = (buf[at + i] as number) ^ (chain[i] as number);
      chain.set(saved);
    }
  }
}

/** CBC without padding over a copy of `data` (whole blocks), for key files. */
export function cbcCopy(
  core: BlockCipherCore,
  iv: Uint8Array,
  data: Uint8Array,
  decrypt: boolean,
): Uint8Array {
  const out = Uint8Array.from(data);
  new CbcStream(core, iv, decrypt ? 'decrypt' : 'encrypt').process(out, 0, out.length);
  return out;
}
