import type { SSHConnection } from '@ssh/channels';
import type { Transport } from '@ssh/transport';
import { DISC_BY_APPLICATION } from '@ssh/wire';
import { ExtraInfo } from '../extra-info.js';
import { Keepalive } from '../keepalive.js';

/** One client's connection to our server (AsyncSSH's SSHServerConnection). */
export class SSHServerConnection {
  private readonly info: ExtraInfo;
  private mux: SSHConnection | undefined;
  private user: string | undefined;
  private keepalive: Keepalive | undefined;

  constructor(
    /** The transport underneath (algorithms, session id, rekey). */
    readonly transport: Transport,
    info: Record<string, unknown>,
  ) {
    this.info = new ExtraInfo(transport, info);
  }

  /** Start the connection protocol once `username` has logged in. */
  attach(connection: SSHConnection, username: string): void {
    this.mux = connection;
    this.user = username;
    this.info.set({ username });
  }

  /** The connection protocol multiplexer (channels, global requests); set once the user has logged in. */
  get connection(): SSHConnection {
    if (!this.mux) throw new Error('the user has not logged in yet');
    return this.mux;
  }

  /** The user who logged in (undefined before login). */
  get username(): string | undefined {
    return this.user;
  }

  /** Send keepalives every `interval` seconds (0: off); close after `countMax` unanswered in a row. */
  setKeepalive(interval = 0, countMax = 3): void {
    this.keepalive ??= new Keepalive(this.transport, this.connection);
    this.keepalive.set(interval, countMax);
  }

  /** Information about the connection (peer address, versions, algorithms, user values). */
  getExtraInfo(name: string, defaultValue?: unknown): unknown {
    return this.info.get(name, defaultValue);
  }

  /** Store values for later `getExtraInfo`. */
  setExtraInfo(values: Record<string, unknown>): void {
    this.info.set(values);
  }

  /** Whether the connection has closed. */
  isClosed(): boolean {
    return this.transport.isClosed;
  }

  /** Send a disconnect with a reason code and close. */
  disconnect(code: number, reason: string, lang?: string): void {
    this.mux?.close();
    this.transport.disconnect(code, reason, lang);
  }

  /** Close cleanly. */
  close(): void {
    this.disconnect(DISC_BY_APPLICATION, 'Disconnected by application');
  }

  /** Drop the connection at once. */
  abort(): void {
    this.transport.abort();
  }

  /** Wait until the connection has fully closed. */
  async waitClosed(): Promise<void> {
    await this.transport.closedPromise;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
    await this.waitClosed();
  }
}
