import {
  type ClientSessionOptions,
  createConnection,
  createProcess,
  createSession,
  openConnection,
  openSession,
  type ProcessOptions,
  type RunOptions,
  run,
  type SessionHandler,
  type SSHClientProcess,
  type SSHClientSession,
  type SSHCompletedProcess,
  type SSHConnection,
  type SSHReader,
  type SSHTCPChannel,
  type SSHWriter,
  type TunnelOptions,
} from '@ssh/channels';
import type { SSHKey } from '@ssh/crypto';
import type { Transport } from '@ssh/transport';
import { DISC_BY_APPLICATION } from '@ssh/wire';
import { ExtraInfo } from '../extra-info.js';
import { Keepalive } from '../keepalive.js';

/**
 * A client's connection to an SSH server (AsyncSSH's SSHClientConnection):
 * run commands, start processes and sessions, then close. Use it with
 * `await using` or call `close()`.
 */
export class SSHClientConnection {
  private readonly info: ExtraInfo;
  private mux: SSHConnection | undefined;
  private keepalive: Keepalive | undefined;
  private readonly onClose: (() => void)[] = [];

  constructor(
    /** The transport underneath (algorithms, session id, rekey). */
    readonly transport: Transport,
    info: Record<string, unknown>,
  ) {
    this.info = new ExtraInfo(transport, info);
    transport.closedPromise.then(() => {
      for (const fn of this.onClose.splice(0)) fn();
    });
  }

  /** Start the connection protocol once logged in. */
  attach(connection: SSHConnection): void {
    this.mux = connection;
  }

  /** Run `fn` when this connection closes (jump hosts under it close with it). */
  whenClosed(fn: () => void): void {
    if (this.transport.isClosed) fn();
    else this.onClose.push(fn);
  }

  /** The connection protocol multiplexer (channels, global requests); set once logged in. */
  get connection(): SSHConnection {
    if (!this.mux) throw new Error('the connection has not logged in yet');
    return this.mux;
  }

  /** Send keepalives every `interval` seconds (0: off); close after `countMax` unanswered in a row. */
  setKeepalive(interval = 0, countMax = 3): void {
    this.keepalive ??= new Keepalive(this.transport, this.connection);
    this.keepalive.set(interval, countMax);
  }

  /** Run a command to completion; `check: true` throws ProcessError on a non-zero exit. */
  run(command?: string | RunOptions, options?: RunOptions): Promise<SSHCompletedProcess> {
    return run(this.connection, command, options);
  }

  /** Start a remote process with stdin/stdout/stderr streams. */
  createProcess(command?: string | ProcessOptions, options?: ProcessOptions): Promise<SSHClientProcess> {
    return createProcess(this.connection, command, options);
  }

  /** Open a session with a callback-style session object. */
  createSession<S extends SSHClientSession>(factory: () => S, options?: ClientSessionOptions) {
    return createSession(this.connection, factory, options);
  }

  /** Open a session as [stdin, stdout, stderr] streams. */
  openSession(options?: ClientSessionOptions): Promise<[SSHWriter, SSHReader, SSHReader]> {
    return openSession(this.connection, options);
  }

  /** Open a direct-tcpip channel to host:port through the server, with a callback-style session. */
  createConnection<S extends SessionHandler>(
    sessionFactory: () => S,
    remoteHost: string,
    remotePort: number,
    options?: TunnelOptions,
  ): Promise<[SSHTCPChannel, S]> {
    return createConnection(this.connection, sessionFactory, remoteHost, remotePort, options);
  }

  /** Open a direct-tcpip channel to host:port through the server, as [reader, writer]. */
  openConnection(
    remoteHost: string,
    remotePort: number,
    options?: TunnelOptions,
  ): Promise<[SSHReader, SSHWriter]> {
    return openConnection(this.connection, remoteHost, remotePort, options);
  }

  /** The server's host key as proven in the key exchange. */
  getServerHostKey(): SSHKey | undefined {
    return this.transport.hostKey;
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
