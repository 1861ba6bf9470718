import { type AuthorizedKeyOptionValue, checkKeyPermission, encodeBanner, getKeyOption } from '@ssh/auth';
import {
  type ChannelOptions,
  createConnection,
  createUnixConnection,
  openConnection,
  openUnixConnection,
  type ServerChannelOptions,
  type SessionHandler,
  type SSHConnection,
  type SSHReader,
  SSHServerChannel,
  SSHTCPChannel,
  SSHUNIXChannel,
  type SSHWriter,
  type TunnelOptions,
} from '@ssh/channels';
import { encodeDebug, type Transport } from '@ssh/transport';
import { DISC_BY_APPLICATION, type SSHLogger } from '@ssh/wire';
import { ExtraInfo } from '../extra-info.js';
import { Keepalive } from '../keepalive.js';
import {
  type AuthorizedKeysArg,
  certificatePermits,
  loadAuthorizedKeys,
  ServerAuthState,
} from './auth-state.js';

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
    /** What this connection's login has settled (authorized keys, the accepted key's options). */
    readonly authState: ServerAuthState = new ServerAuthState(undefined),
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

  /** This connection's logger. */
  get logger(): SSHLogger {
    return this.transport.logger;
  }

  /** Send a banner to show the user; only before login completes (e.g. from beginAuth). */
  sendAuthBanner(message: string, lang = 'en-US'): void {
    if (this.mux) throw new Error('the banner cannot be sent once the user has logged in');
    this.transport.send(encodeBanner(message, lang));
  }

  /** Use these authorized keys for this connection's publickey auth (a file, its text, or parsed); e.g. from beginAuth. */
  setAuthorizedKeys(keys: AuthorizedKeysArg): void {
    this.authState.authorized = loadAuthorizedKeys(keys);
  }

  /** An authorized_keys option of the key the user logged in with (`command`, `environment`, `permitopen`...). */
  getKeyOption<T = undefined>(name: string, defaultValue?: T): AuthorizedKeyOptionValue | T | undefined {
    return getKeyOption(this.authState.keyOptions, name, defaultValue);
  }

  /** Whether the authorized_keys options of the login key grant a permission (pty, port-forwarding...). */
  checkKeyPermission(permission: string): boolean {
    return checkKeyPermission(this.authState.keyOptions, permission);
  }

  /** A critical option of the user certificate the login used: 'force-command' or 'source-address'. */
  getCertificateOption<T = undefined>(
    name: string,
    defaultValue?: T,
  ): string | readonly string[] | T | undefined {
    const o = this.authState.certificate?.options;
    const value =
      name === 'force-command' ? o?.forceCommand : name === 'source-address' ? o?.sourceAddress : undefined;
    return value ?? defaultValue;
  }

  /** Whether the login's user certificate grants a permission (its permit-* extension); true without one. */
  checkCertificatePermission(permission: string): boolean {
    return certificatePermits(this.authState.certificate, permission);
  }

  /** Send SSH_MSG_DEBUG to the client. */
  sendDebug(message: string, lang = 'en-US', alwaysDisplay = false): void {
    this.transport.send(encodeDebug(message, lang, alwaysDisplay));
  }

  /** Send keepalives every `interval` seconds (0: off); close after `countMax` unanswered in a row. */
  setKeepalive(interval = 0, countMax = 3): void {
    this.keepalive ??= new Keepalive(this.transport, this.connection);
    this.keepalive.set(interval, countMax);
  }

  /** Open a forwarded-tcpip channel to the client for a connection that arrived on host:port, with a session object. */
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

  /** Open a forwarded-streamlocal channel to the client for `remotePath`, with a session object. */
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

  /** A session channel with its own settings, to return with a session from sessionRequested. */
  createServerChannel(options: ServerChannelOptions = {}): SSHServerChannel {
    return new SSHServerChannel(this.connection, options);
  }

  /** A TCP channel with its own settings, to return with a session from connectionRequested. */
  createTcpChannel(options: ChannelOptions = {}): SSHTCPChannel {
    return new SSHTCPChannel(this.connection, options);
  }

  /** A UNIX socket channel with its own settings. */
  createUnixChannel(options: ChannelOptions = {}): SSHUNIXChannel {
    return new SSHUNIXChannel(this.connection, options);
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
