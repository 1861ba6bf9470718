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
 * is never copied; one that spans chunks is gathered once into a buffer of
 * its own size.
 */
export class PacketReceiver {
  private opener: PacketOpener = clearOpener();
  private buf: Uint8Array = new Uint8Array(0);
  private start = 0;
  private end = 0;
  /** Whether `buf` is ours to append into (not a chunk handed to us). */
  private owned = false;
  /** packet_length of the packet at `start`, once its length is decrypted. */
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
    return this.end - this.start;
  }

  /** Add received bytes; the chunk becomes the receiver's. */
  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    if (this.start === this.end) {
      this.buf = chunk;
      this.start = 0;
      this.end = chunk.length;
      this.owned = false;
      return;
    }
    this.reserve(chunk.length);
    this.buf.set(chunk, this.end);
    this.end += chunk.length;
  }

  /** Make room for `extra` more bytes after `end`, moving the unread bytes to a buffer of our own. */
  private reserve(extra: number): void {
    if (this.owned && this.end + extra <= this.buf.length) return;
    const have = this.end - this.start;
    const want = this.pending !== undefined ? 4 + this.pending + this.opener.tagLength : 0;
    const size = Math.max(have + extra, want, 2 * have);
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(this.start, this.end));
    this.buf = next;
    this.start = 0;
    this.end = have;
    this.owned = true;
  }

  /**
   * The payload of the next complete packet, or undefined until more bytes
   * arrive. Throws MACError on a bad tag and ProtocolError on a bad length
   * or padding; the connection must then be closed.
   */
  next(): Uint8Array | undefined {
    const o = this.opener;
    const have = this.end - this.start;
    if (this.pending === undefined) {
      if (have < o.firstBlockLength) return undefined;
      const len = o.decryptLength(this.seq, this.buf, this.start);
      if (len < 5 || len > MAX_PACKET_LENGTH) {
        throw new ProtocolError(`bad packet length ${len} (must be 5..${MAX_PACKET_LENGTH})`);
      }
      this.pending = len;
    }
    const len = this.pending;
    const total = 4 + len + o.tagLength;
    if (have < total) {
      if (this.buf.length - this.start < total) this.reserve(total - have);
      return undefined;
    }
    const buf = this.buf;
    const at = this.start;
    o.open(this.seq, buf, at, len);
    const pad = buf[at + 4] as number;
    if (pad < 4 || pad > len - 2)
      throw new ProtocolError(`bad padding length ${pad} in a packet of ${len} bytes`);
    this.pending = undefined;
    this.start += total;
    this.seq = (this.seq + 1) >>> 0;
    this.bytesSinceKeys += total;
    if (this.start === this.end) {
      // Everything consumed: drop the buffer so the next chunk is adopted without a copy.
      this.buf = new Uint8Array(0);
      this.start = 0;
      this.end = 0;
      this.owned = false;
    }
    return buf.subarray(at + 5, at + 4 + len - pad);
  }
}
