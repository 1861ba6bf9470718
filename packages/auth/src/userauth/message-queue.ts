import { ConnectionLost } from '@ssh/wire';

/**
 * Messages from the transport, awaited one at a time by an auth driver. The
 * transport pushes; `next` resolves in arrival order; `fail` ends the queue.
 */
export class MessageQueue {
  private readonly items: Uint8Array[] = [];
  private waiter: { resolve(p: Uint8Array): void; reject(e: Error): void } | undefined;
  private error: Error | undefined;

  push(payload: Uint8Array): void {
    const copy = payload.slice();
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w.resolve(copy);
    } else this.items.push(copy);
  }

  fail(error: Error | undefined): void {
    this.error = error ?? new ConnectionLost('connection closed during authentication');
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w.reject(this.error);
    }
  }

  /** Take every message not yet read (to hand them to the next layer). */
  drain(): Uint8Array[] {
    return this.items.splice(0);
  }

  next(): Promise<Uint8Array> {
    const item = this.items.shift();
    if (item) return Promise.resolve(item);
    if (this.error) return Promise.reject(this.error);
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }
}
