import { SFTPBadMessage } from './errors.js';

/** Default largest SFTP packet accepted: 4 MiB plus room for headers. */
export const DEFAULT_MAX_SFTP_PACKET = 4 * 1024 * 1024 + 1024;

/**
 * Splits a byte stream into SFTP packets (-02 §3: uint32 length, then that
 * many bytes). Yields each packet body without its length word; bodies are
 * views that stay valid after later pushes. A length of 0 or above
 * `maxPacketLength` throws SFTPBadMessage.
 */
export class SFTPPacketFramer {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private need = -1;
  private failure: SFTPBadMessage | null = null;
  readonly maxPacketLength: number;

  constructor(maxPacketLength = DEFAULT_MAX_SFTP_PACKET) {
    this.maxPacketLength = maxPacketLength;
  }

  /** Bytes held waiting for the rest of a packet. */
  get buffered(): number {
    return this.pendingBytes;
  }

  /**
   * Add bytes; returns the packets completed by them, in order. A bad length
   * throws, but only after the whole packets before it were returned: then
   * the next push throws it.
   */
  push(chunk: Uint8Array): Uint8Array[] {
    if (this.failure) throw this.failure;
    const out: Uint8Array[] = [];
    try {
      this.split(chunk, out);
    } catch (err) {
      if (out.length === 0 || !(err instanceof SFTPBadMessage)) throw err;
      this.failure = err;
    }
    return out;
  }

  private split(chunk: Uint8Array, out: Uint8Array[]): void {
    if (chunk.length === 0) return;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    for (;;) {
      if (this.need < 0) {
        if (this.pendingBytes < 4) break;
        const head = this.peek(4);
        const len =
          (head[0] as number) * 0x1000000 +
          (((head[1] as number) << 16) | ((head[2] as number) << 8) | (head[3] as number));
        if (len === 0) throw new SFTPBadMessage('SFTP packet of length 0');
        if (len > this.maxPacketLength) {
          throw new SFTPBadMessage(
            `SFTP packet of ${len} bytes is above the limit of ${this.maxPacketLength}`,
          );
        }
        this.take(4);
        this.need = len;
      }
      if (this.pendingBytes < this.need) break;
      out.push(this.take(this.need));
      this.need = -1;
    }
  }

  private peek(n: number): Uint8Array {
    const first = this.pending[0] as Uint8Array;
    if (first.length >= n) return first.subarray(0, n);
    const copy = new Uint8Array(n);
    let at = 0;
    for (const c of this.pending) {
      const part = c.subarray(0, n - at);
      copy.set(part, at);
      at += part.length;
      if (at === n) break;
    }
    return copy;
  }

  private take(n: number): Uint8Array {
    this.pendingBytes -= n;
    const first = this.pending[0] as Uint8Array;
    if (first.length >= n) {
      if (first.length === n) this.pending.shift();
      else this.pending[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = new Uint8Array(n);
    let at = 0;
    while (at < n) {
      const c = this.pending[0] as Uint8Array;
      const k = Math.min(c.length, n - at);
      out.set(c.subarray(0, k), at);
      at += k;
      if (k === c.length) this.pending.shift();
      else this.pending[0] = c.subarray(k);
    }
    return out;
  }
}
