import { type AuthorizedKeyOptionValue, checkKeyPermission, encodeBanner, getKeyOption } from '@ssh/auth';
import {
  type ChannelOptions,
  type ServerChannelOptions,
  type SSHConnection,
  SSHServerChannel,
  SSHTCPChannel,
  SSHUNIXChannel,
} from '@ssh/channels';
import type { Transport } from '@ssh/transport';
import { SSHConnectionBase } from '../connection-base.js';
import {
  type AuthorizedKeysArg,
  certificatePermits,
  loadAuthorizedKeys,
  ServerAuthState,
} from './auth-state.js';

/** One client's connection to our server (AsyncSSH's SSHServerConnection). */
export class SSHServerConnection extends SSHConnectionBase {
  private user: string | undefined;

  constructor(
    transport: Transport,
    info: Record<string, unknown>,
    /** What this connection's login has settled (authorized keys, the accepted key's options). */
    readonly authState: ServerAuthState = new ServerAuthState(undefined),
  ) {
    super(transport, info);
  }

  /** Start the connection protocol once `username` has logged in. */
  attach(connection: SSHConnection, username: string): void {
    this.mux = connection;
    this.user = username;
    this.info.set({ username });
  }

  /** The user who logged in (undefined before login). */
  get username(): string | undefined {
    return this.user;
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
}
