import type { Server } from 'node:net';
import type { AcceptorEndpoint } from './acceptor-endpoint.js';

/** A connection the acceptor tracks until it closes. */
interface Closable {
  waitClosed(): Promise<void>;
  close(): void;
}

/**
 * A listening SSH server or reverse client (AsyncSSH's SSHAcceptor), as
 * returned by `listen` and `listenReverse`.
 */
export class SSHAcceptor<O extends object = object> {
  private readonly live = new Set<Closable>();

  constructor(
    private readonly endpoint: AcceptorEndpoint,
    private readonly updateOptions: (changes: O) => void,
    /** The Node servers underneath (for their other controls); none when listening through a tunnel. */
    readonly servers: readonly Server[] = [],
  ) {}

  /** The addresses listened on, as [address, port] (the chosen port when 0 was asked for). */
  getAddresses(): [string, number][] {
    return this.endpoint.addresses();
  }

  /** The port listened on (0 when several differ). */
  getPort(): number {
    const ports = new Set(this.getAddresses().map(([, p]) => p));
    return ports.size === 1 ? ([...ports][0] ?? 0) : 0;
  }

  /** The port listened on. */
  get port(): number {
    return this.getPort();
  }

  /** Change options for connections accepted from now on. */
  update(changes: O): void {
    this.updateOptions(changes);
  }

  /** Track a connection (for `closeConnections` and `[Symbol.asyncDispose]`). */
  track(conn: Closable): void {
    this.live.add(conn);
    conn.waitClosed().then(() => this.live.delete(conn));
  }

  /** Stop listening for new connections; those already open stay up. */
  close(): void {
    this.endpoint.close();
  }

  /** Close every connection this acceptor has accepted. */
  closeConnections(): void {
    for (const c of this.live) c.close();
  }

  /** Wait until the listener has closed. */
  async waitClosed(): Promise<void> {
    await this.endpoint.waitClosed();
  }

  /** Stop listening, close every accepted connection and wait for all of it. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
    this.closeConnections();
    await Promise.all([this.waitClosed(), ...[...this.live].map((c) => c.waitClosed())]);
  }
}
