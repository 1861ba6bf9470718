import { cipherRegistry, createPacketSealer, macRegistry, type PacketSealer } from '@ssh/crypto';

/** Random bytes for padding, drawn from a pool refilled 4 KiB at a time. */
class PaddingSource {
  private pool = new Uint8Array(4096);
  private pos = this.pool.length;

  fill(out: Uint8Array): void {
    if (out.length > this.pool.length - this.pos) {
      crypto.getRandomValues(this.pool);
      this.pos = 0;
    }
    out.set(this.pool.subarray(this.pos, this.pos + out.length));
    this.pos += out.length;
  }
}

/** The clear-text sealer used until the first SSH_MSG_NEWKEYS (RFC 4253 §6). */
export function clearSealer(): PacketSealer {
  return createPacketSealer(cipherRegistry.get('none'), macRegistry.get('none'), {
    key: new Uint8Array(0),
    iv: new Uint8Array(0),
  });
}

/**
 * The sending half of the binary packet protocol (RFC 4253 §6): frames each
 * payload into one output buffer with random padding, then encrypts and
 * authenticates it in place. Counts sequence numbers and bytes for rekeying.
 */
export class PacketSender {
  private sealer: PacketSealer = clearSealer();
  private readonly padding = new PaddingSource();
  /** Sequence number of the next packet (uint32, wraps). */
  seq = 0;
  /** Bytes sent under the current keys. */
  bytesSinceKeys = 0;

  /** Switch to new keys (after sending SSH_MSG_NEWKEYS). */
  setSealer(sealer: PacketSealer, resetSeq: boolean): void {
    this.sealer = sealer;
    this.bytesSinceKeys = 0;
    if (resetSeq) this.seq = 0;
  }

  /**
   * Frame, pad, encrypt and MAC one payload (`payload` followed by `tail`,
   * when given, so a caller need not join them first); the result is a fresh
   * buffer ready to send.
   */
  frame(payload: Uint8Array, tail?: Uint8Array): Uint8Array {
    const s = this.sealer;
    const size = tail ? payload.length + tail.length : payload.length;
    const pad = s.paddingLength(size);
    const packetLength = 1 + size + pad;
    const out = new Uint8Array(4 + packetLength + s.tagLength);
    out[0] = packetLength >>> 24;
    out[1] = (packetLength >>> 16) & 0xff;
    out[2] = (packetLength >>> 8) & 0xff;
    out[3] = packetLength & 0xff;
    out[4] = pad;
    out.set(payload, 5);
    if (tail) out.set(tail, 5 + payload.length);
    this.padding.fill(out.subarray(5 + size, 4 + packetLength));
    s.seal(this.seq, out, 0, packetLength);
    this.seq = (this.seq + 1) >>> 0;
    this.bytesSinceKeys += out.length;
    return out;
  }
}
