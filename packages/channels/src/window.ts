import { ProtocolError } from '@ssh/wire';

/** Largest window RFC 4254 §5.2 allows: 2^32 - 1. */
export const MAX_WINDOW = 0xffffffff;

/**
 * Our receive window: how much the peer may still send, and how much the
 * application has consumed since the last WINDOW_ADJUST. An adjust is due
 * once half the window has been consumed (AsyncSSH and OpenSSH both do so).
 */
export class ReceiveWindow {
  /** The window size we advertise. */
  readonly size: number;
  /** Bytes the peer may still send. */
  private remaining: number;
  /** Bytes consumed and not yet given back. */
  private consumed = 0;

  constructor(size: number) {
    this.size = size;
    this.remaining = size;
  }

  /** Account for `n` bytes arriving; throws ProtocolError when the peer overruns the window. */
  receive(n: number): void {
    if (n > this.remaining) {
      throw new ProtocolError(`peer sent ${n} bytes with only ${this.remaining} left in the window`);
    }
    this.remaining -= n;
  }

  /** The application consumed `n` bytes; returns the adjust to send now, or 0. */
  consume(n: number): number {
    this.consumed += n;
    if (this.consumed < this.size / 2) return 0;
    const give = this.consumed;
    this.consumed = 0;
    this.remaining += give;
    return give;
  }
}

/** The peer's window: how much we may send before it adjusts. */
export class SendWindow {
  private avail: number;
  /** Largest data payload per packet we send. */
  readonly maxPacket: number;

  constructor(initial: number, maxPacket: number) {
    this.avail = initial;
    this.maxPacket = maxPacket;
  }

  /** Bytes we may send now. */
  get available(): number {
    return this.avail;
  }

  /** The peer granted `n` more bytes; throws ProtocolError when the window would exceed 2^32-1. */
  adjust(n: number): void {
    if (this.avail + n > MAX_WINDOW) throw new ProtocolError(`window adjust of ${n} overflows the window`);
    this.avail += n;
  }

  /** How many bytes of a `want`-byte chunk may go in the next packet. */
  nextPacket(want: number): number {
    return Math.min(want, this.avail, this.maxPacket);
  }

  /** We sent `n` bytes. */
  spend(n: number): void {
    this.avail -= n;
  }
}
