import { ProtocolError } from '@ssh/wire';
import type { ChannelCodec, ChannelData, StreamDecoder } from './encoding.js';
import { ReceiveWindow } from './window.js';

/** The datatype of channel data: null for normal data, or an extended type (EXTENDED_DATA_STDERR). */
export type DataType = number | null;

/** Where the inbound queue delivers, and how it gives window back. */
export interface InboundSink {
  data(value: ChannelData, datatype: DataType): void;
  eof(): void;
  /** The application consumed `bytes`: send a WINDOW_ADJUST for them. */
  credit(bytes: number): void;
  /** Delivery failed (undecodable text). */
  failed(err: Error): void;
  /** Everything queued has been delivered and reading is not paused. */
  idle(): void;
}

type Pending = { data: Uint8Array; datatype: DataType } | 'eof';

/**
 * The receiving side of a channel: the receive window, text decoding per
 * datatype, and the queue that holds data and EOF while reading is paused
 * (the peer's window is only refilled for what has been delivered).
 */
export class Inbound {
  readonly window: ReceiveWindow;
  private readonly codec: ChannelCodec;
  private readonly sink: InboundSink;
  private readonly pending: Pending[] = [];
  private readonly decoders = new Map<DataType, StreamDecoder>();
  private paused = false;

  constructor(codec: ChannelCodec, windowSize: number, sink: InboundSink) {
    this.codec = codec;
    this.window = new ReceiveWindow(windowSize);
    this.sink = sink;
  }

  /** Data arrived (the caller has checked packet size and EOF); throws ProtocolError on a window overrun. */
  receive(data: Uint8Array, datatype: DataType): void {
    this.window.receive(data.length);
    // What outlives this call (bytes handed on, or anything held while paused) keeps a view of
    // the received packet unless that would pin a much larger receive buffer.
    const own = (this.paused || this.codec.encoding === null) && pinsTooMuch(data) ? data.slice() : data;
    if (!this.paused && this.pending.length === 0) {
      if (!this.deliverOrFail(own, datatype)) return;
      if (!this.paused && this.pending.length === 0) this.sink.idle();
      return;
    }
    this.pending.push({ data: own, datatype });
    this.drain();
  }

  /** EOF arrived: delivered after the data before it. */
  eof(): void {
    this.pending.push('eof');
    this.drain();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.drain();
  }

  /** Stop holding anything back (the connection is gone). */
  release(): void {
    this.paused = false;
    this.drain();
  }

  /** Deliver what may be delivered now. */
  drain(): void {
    while (!this.paused && this.pending.length > 0) {
      const item = this.pending.shift() as Pending;
      if (item === 'eof') {
        this.flushDecoders();
        this.sink.eof();
        continue;
      }
      if (!this.deliverOrFail(item.data, item.datatype)) return;
    }
    if (!this.paused && this.pending.length === 0) this.sink.idle();
  }

  /** Deliver one chunk; on undecodable text report the failure and return false. */
  private deliverOrFail(data: Uint8Array, datatype: DataType): boolean {
    try {
      this.deliver(data, datatype);
      return true;
    } catch (err) {
      this.sink.failed(err instanceof Error ? err : new ProtocolError(String(err)));
      return false;
    }
  }

  private deliver(data: Uint8Array, datatype: DataType): void {
    let dec = this.decoders.get(datatype);
    if (!dec) {
      dec = this.codec.decoder();
      this.decoders.set(datatype, dec);
    }
    let value: ChannelData;
    try {
      value = dec.decode(data);
    } catch {
      throw new ProtocolError(`received data is not valid ${this.codec.encoding}`);
    }
    if (typeof value !== 'string' || value.length > 0) this.sink.data(value, datatype);
    const adjust = this.window.consume(data.length);
    if (adjust > 0) this.sink.credit(adjust);
  }

  private flushDecoders(): void {
    for (const [type, dec] of this.decoders) {
      const tail = dec.decode(new Uint8Array(0), true);
      if (typeof tail === 'string' && tail.length > 0) this.sink.data(tail, type);
    }
  }
}

/**
 * Whether keeping `data` as a view would hold on to a receive buffer more than
 * four times its size (a small payload in a large socket read): such data is
 * copied, larger payloads are kept without a copy. Payloads from the transport
 * are never reused, so a view stays valid.
 */
function pinsTooMuch(data: Uint8Array): boolean {
  return data.byteLength * 4 < data.buffer.byteLength;
}
