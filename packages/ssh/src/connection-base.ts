import {
  type ChannelOptions,
  createConnection,
  createUnixConnection,
  openConnection,
  openUnixConnection,
  type SessionHandler,
  type SSHConnection,
  type SSHReader,
  type SSHTCPChannel,
  type SSHUNIXChannel,
  type SSHWriter,
  type TunnelOptions,
} from '@ssh/channels';
import { encodeDebug, type Transport } from '@ssh/transport';
import { DISC_BY_APPLICATION, type SSHLogger } from '@ssh/wire';
import { ExtraInfo } from './extra-info.js';
import { Keepalive } from './keepalive.js';

/**
 * What client and server connections share: the transport underneath, the
 * connection protocol once logged in, extra info, keepalives, debug messages
 * and closing.
 */
export abstract class SSHConnectionBase {
  protected readonly info: ExtraInfo;
  protected mux: SSHConnection | undefined;
  private keepalive: Keepalive | undefined;

  constructor(
    /** The transport underneath (algorithms, session id, rekey). */
    readonly transport: Transport,
    info: Record<string, unknown>,
  ) {
    this.info = new ExtraInfo(transport, info);
  }

  /** The connection protocol multiplexer (channels, global requests); set once logged in. */
  get connection(): SSHConnection {
    if (!this.mux) throw new Error('the connection has not logged in yet');
    return this.mux;
  }

  /** This connection's logger. */
  get logger(): SSHLogger {
    return this.transport.logger;
  }

  /**
   * Open a TCP channel to host:port: a client's direct-tcpip (the server
   * connects there), a server's forwarded-tcpip (for a connection that
   * arrived on host:port), with a callback-style session.
   */
  createConnection<S extends SessionHandler>(
    sessionFactory: () => S,
    remoteHost: string,
    remotePort: number,
    options?: TunnelOptions,
  ): Promise<[SSHTCPChannel, S]> {
    return createConnection(this.connection, sessionFactory, remoteHost, remotePort, options);
  }

  /** Stream form of createConnection: [reader, writer]. */
  openConnection(
    remoteHost: string,
    remotePort: number,
    options?: TunnelOptions,
  ): Promise<[SSHReader, SSHWriter]> {
    return openConnection(this.connection, remoteHost, remotePort, options);
  }

  /** Open a UNIX socket channel for `remotePath` (direct- or forwarded-streamlocal by role), with a callback-style session. */
  createUnixConnection<S extends SessionHandler>(
    sessionFactory: () => S,
    remotePath: string,
    options?: ChannelOptions,
  ): Promise<[SSHUNIXChannel, S]> {
    return createUnixConnection(this.connection, sessionFactory, remotePath, options);
  }

  /** Stream form of createUnixConnection: [reader, writer]. */
  openUnixConnection(remotePath: string, options?: ChannelOptions): Promise<[SSHReader, SSHWriter]> {
    return openUnixConnection(this.connection, remotePath, options);
  }

  /** Send SSH_MSG_DEBUG to the peer. */
  sendDebug(message: string, lang = 'en-US', alwaysDisplay = false): void {
    this.transport.send(encodeDebug(message, lang, alwaysDisplay));
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

  /** Close cleanly (disconnect by application). */
  close(): void {
    this.disconnect(DISC_BY_APPLICATION, 'Disconnected by application');
  }

  /** Drop the connection at once, without a disconnect message. */
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
