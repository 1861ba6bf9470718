import type { AddressInfo, Server } from 'node:net';

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
    /** The Node server underneath (for its other controls). */
    readonly server: Server,
    private readonly updateOptions: (changes: O) => void,
  ) {}

  /** The addresses listened on, as [address, port] (the chosen port when 0 was asked for). */
  getAddresses(): [string, number][] {
    const a = this.server.address();
    if (!a || typeof a === 'string') return [];
    return [[(a as AddressInfo).address, (a as AddressInfo).port]];
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
    if (this.server.listening) this.server.close();
  }

  /** Close every connection this acceptor has accepted. */
  closeConnections(): void {
    for (const c of this.live) c.close();
  }

  /** Wait until the listener has closed. */
  async waitClosed(): Promise<void> {
    if (this.server.listening) await new Promise<void>((r) => this.server.once('close', () => r()));
  }

  /** Stop listening, close every accepted connection and wait for all of it. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
    this.closeConnections();
    await Promise.all([this.waitClosed(), ...[...this.live].map((c) => c.waitClosed())]);
  }
}
