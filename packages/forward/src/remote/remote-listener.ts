import type { SSHConnection, SSHListener } from '@ssh/channels';
import type { ForwardListener } from '../listener.js';

/** A listener the server runs for us; its connections come back as forwarded channels. */
export class RemoteForwardListener implements ForwardListener {
  private readonly inner: SSHListener;
  private readonly address: [string, number];
  private closed = false;
  private markClosed!: () => void;
  private readonly closedPromise = new Promise<void>((resolve) => {
    this.markClosed = resolve;
  });

  /** @internal Made by forwardRemote*. */
  constructor(inner: SSHListener, address: [string, number]) {
    this.inner = inner;
    this.address = address;
  }

  /** Mark this listener closed when `conn` closes (the server drops it then). */
  closeWith(conn: SSHConnection): this {
    conn.waitClosed().then(
      () => this.close(),
      () => this.close(),
    );
    return this;
  }

  getPort(): number {
    return this.inner.getPort();
  }

  getAddresses(): [string, number][] {
    return [this.address];
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.inner.close();
    this.inner.waitClosed().then(this.markClosed, this.markClosed);
  }

  waitClosed(): Promise<void> {
    return this.closedPromise;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
    await this.waitClosed();
  }
}
