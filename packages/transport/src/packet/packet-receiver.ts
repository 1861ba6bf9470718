import type { PacketOpener } from '@ssh/crypto';
import { cipherRegistry, createPacketOpener, macRegistry } from '@ssh/crypto';
import { ProtocolError } from '@ssh/wire';

/** Largest packet_length accepted, as OpenSSH (RFC 4253 §6.1 requires at least 35000). */
export const MAX_PACKET_LENGTH = 256 * 1024;

/** The clear-text opener used until the first SSH_MSG_NEWKEYS (RFC 4253 §6). */
export function clearOpener(): PacketOpener {
  return createPacketOpener(cipherRegistry.get('none'), macRegistry.get('none'), {
    key: new Uint8Array(0),
    iv: new Uint8Array(0),
  });
}

/**
 * The receiving half of the binary packet protocol (RFC 4253 §6). Bytes are
 * pushed as they arrive; `next` returns each packet's payload, decrypted in
 * place, as a view into the received bytes. A packet that lies in one chunk
 * is never copied; only a packet that spans chunks is gathered, once, into a
 * buffer of its own size.
 */
export class PacketReceiver {
  private opener: PacketOpener = clearOpener();
  /** Received chunks not yet consumed; the first is read from `head` on. */
  private readonly chunks: Uint8Array[] = [];
  private head = 0;
  private available = 0;
  /** packet_length of the packet at the front, once its length is decrypted. */
  private pending: number | undefined;
  /** Sequence number of the next packet (uint32, wraps). */
  seq = 0;
  /** Bytes received under the current keys. */
  bytesSinceKeys = 0;

  /** Switch to new keys (after receiving SSH_MSG_NEWKEYS). */
  setOpener(opener: PacketOpener, resetSeq: boolean): void {
    this.opener = opener;
    this.bytesSinceKeys = 0;
    if (resetSeq) this.seq = 0;
  }

  /** Bytes received but not yet returned as packets. */
  get buffered(): number {
    return this.available;
  }

  /** Add received bytes; the chunk becomes the receiver's. */
  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.available += chunk.length;
  }

  /** Join the front chunks into one, so that at least `n` bytes are contiguous at `head`. */
  private coalesce(n: number): void {
    let size = 0;
    let count = 0;
    while (size < n && count < this.chunks.length) {
      size += (this.chunks[count] as Uint8Array).length - (count === 0 ? this.head : 0);
      count++;
    }
    const joined = new Uint8Array(size);
    let at = 0;
    for (let i = 0; i < count; i++) {
      const c = this.chunks[i] as Uint8Array;
      const part = i === 0 ? c.subarray(this.head) : c;
      joined.set(part, at);
      at += part.length;
    }
    this.chunks.splice(0, count, joined);
    this.head = 0;
  }

  /** Move `n` bytes from the front chunks into a new buffer (a packet that spans chunks). */
  private gather(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let at = 0;
    while (at < n) {
      const c = this.chunks[0] as Uint8Array;
      const take = Math.min(n - at, c.length - this.head);
      out.set(c.subarray(this.head, this.head + take), at);
      at += take;
      this.head += take;
      if (this.head === c.length) {
        this.chunks.shift();
        this.head = 0;
      }
    }
    return out;
  }

  /**
   * The payload of the next complete packet, or undefined until more bytes
   * arrive. Throws MACError on a bad tag and ProtocolError on a bad length
   * or padding; the connection must then be closed.
   */
  next(): Uint8Array | undefined {
    const o = this.opener;
    if (this.pending === undefined) {
      if (this.available < o.firstBlockLength) return undefined;
      if ((this.chunks[0] as Uint8Array).length - this.head < o.firstBlockLength)
        this.coalesce(o.firstBlockLength);
      const len = o.decryptLength(this.seq, this.chunks[0] as Uint8Array, this.head);
      if (len < 5 || len > MAX_PACKET_LENGTH) {
        throw new ProtocolError(`bad packet length ${len} (must be 5..${MAX_PACKET_LENGTH})`);
      }
      this.pending = len;
    }
    const len = this.pending;
    const total = 4 + len + o.tagLength;
    if (this.available < total) return undefined;
    let buf = this.chunks[0] as Uint8Array;
    let at = this.head;
    if (buf.length - at >= total) {
      this.head += total;
      if (this.head === buf.length) {
        this.chunks.shift();
        this.head = 0;
      }
    } else {
      buf = this.gather(total);
      at = 0;
    }
    this.available -= total;
    o.open(this.seq, buf, at, len);
    const pad = buf[at + 4] as number;
    if (pad < 4 || pad > len - 2)
      throw new ProtocolError(`bad padding length ${pad} in a packet of ${len} bytes`);
    this.pending = undefined;
    this.seq = (this.seq + 1) >>> 0;
    this.bytesSinceKeys += total;
    return buf.subarray(at + 5, at + 4 + len - pad);
  }
}
