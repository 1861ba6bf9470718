import type { ByteStream, ByteStreamSink } from './byte-stream.js';

/** Bytes a side may have in flight before `write` asks its caller to wait. */
const HIGH_WATER_MARK = 256 * 1024;

class MemoryEnd implements ByteStream {
  peer!: MemoryEnd;
  private sink: ByteStreamSink | undefined;
  private readonly inbox: Uint8Array[] = [];
  private inboxBytes = 0;
  private paused = false;
  private scheduled = false;
  private peerEnded = false;
  private endDelivered = false;
  private writeEnded = false;
  private closed = false;
  private wantDrain = false;

  attach(sink: ByteStreamSink): void {
    if (this.sink) throw new Error('byte stream already attached');
    this.sink = sink;
    this.schedule();
  }

  write(data: Uint8Array): boolean {
    if (this.closed || this.writeEnded) return false;
    const p = this.peer;
    if (p.closed) return false;
    p.inbox.push(data);
    p.inboxBytes += data.length;
    p.schedule();
    if (p.inboxBytes > HIGH_WATER_MARK) {
      this.wantDrain = true;
      return false;
    }
    return true;
  }

  end(): void {
    if (this.writeEnded) return;
    this.writeEnded = true;
    this.peer.peerEnded = true;
    this.peer.schedule();
  }

  destroy(error?: Error): void {
    if (this.closed) return;
    this.closeNow(error);
    this.peer.closeNow();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.schedule();
  }

  private closeNow(error?: Error): void {
    if (this.closed) return;
    this.closed = true;
    this.inbox.length = 0;
    this.inboxBytes = 0;
    const sink = this.sink;
    queueMicrotask(() => sink?.close(error));
  }

  private schedule(): void {
    if (this.scheduled || !this.sink) return;
    this.scheduled = true;
    queueMicrotask(() => this.deliver());
  }

  private deliver(): void {
    this.scheduled = false;
    const sink = this.sink;
    if (!sink || this.closed) return;
    while (!this.paused && this.inbox.length > 0) {
      const chunk = this.inbox.shift() as Uint8Array;
      this.inboxBytes -= chunk.length;
      sink.data(chunk);
      if (this.closed) return;
    }
    const writer = this.peer;
    if (writer.wantDrain && this.inboxBytes <= HIGH_WATER_MARK / 2) {
      writer.wantDrain = false;
      writer.sink?.drain();
    }
    if (this.peerEnded && this.inbox.length === 0 && !this.endDelivered) {
      this.endDelivered = true;
      sink.end();
      if (this.writeEnded) {
        this.closeNow();
        this.peer.closeNow();
      }
    }
  }
}

/**
 * Two connected in-memory byte streams: what one writes the other receives,
 * asynchronously and in order, with back-pressure. For tests, and for running
 * a client and a server in one process.
 */
export function createMemoryStreamPair(): [ByteStream, ByteStream] {
  const a = new MemoryEnd();
  const b = new MemoryEnd();
  a.peer = b;
  b.peer = a;
  return [a, b];
}
