import type { DataType } from './inbound.js';
import type { SendWindow } from './window.js';

/**
 * The sending side of a channel: data waiting for the peer's window, cut
 * into packets no larger than its max packet size, with the high and low
 * water marks behind pauseWriting/resumeWriting. Queued arrays are sent as
 * they are (not copied): the caller must not change them after `write`.
 */
export class Outbound {
  private readonly queue: { data: Uint8Array; datatype: DataType }[] = [];
  private queued = 0;
  private highWater = 65536;
  private lowWater = 16384;
  private writingPaused = false;

  /** Bytes waiting. */
  get size(): number {
    return this.queued;
  }

  /** Whether anything waits. */
  get empty(): boolean {
    return this.queue.length === 0;
  }

  /** Queue `data`. */
  push(data: Uint8Array, datatype: DataType): void {
    this.queue.push({ data, datatype });
    this.queued += data.length;
  }

  /** True once when the queue is above the high-water mark (time to pauseWriting). */
  pauseDue(): boolean {
    if (this.writingPaused || this.queued <= this.highWater) return false;
    this.writingPaused = true;
    return true;
  }

  /** The next packet the window admits, taken off the queue, or null. */
  take(win: SendWindow): { data: Uint8Array; datatype: DataType } | null {
    const head = this.queue[0];
    if (!head) return null;
    const n = win.nextPacket(head.data.length);
    if (n <= 0) return null;
    win.spend(n);
    this.queued -= n;
    if (n === head.data.length) {
      this.queue.shift();
      return head;
    }
    const part = head.data.subarray(0, n);
    head.data = head.data.subarray(n);
    return { data: part, datatype: head.datatype };
  }

  /** True once when the queue fell to the low-water mark after a pause (time to resumeWriting). */
  resumeDue(): boolean {
    if (!this.writingPaused || this.queued > this.lowWater) return false;
    this.writingPaused = false;
    return true;
  }

  /** Set the water marks (default 64 KiB high, a quarter of it low). */
  setLimits(high?: number, low?: number): void {
    this.highWater = high ?? (low !== undefined ? 4 * low : 65536);
    this.lowWater = low ?? Math.floor(this.highWater / 4);
  }

  /** Drop everything queued. */
  clear(): void {
    this.queue.length = 0;
    this.queued = 0;
  }
}
