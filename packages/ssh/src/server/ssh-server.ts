import type { HostBasedAuthHooks, KbdintChallenge } from '@ssh/auth';
import type { SessionRequestResult } from '@ssh/channels';
import type { SSHKey } from '@ssh/crypto';
import type { TunnelAnswer } from './direct-tcpip.js';
import type { ListenAnswer } from './remote-listen.js';
import type { SSHServerConnection } from './server-connection.js';

/**
 * The server's handler for one connection (AsyncSSH's SSHServer): subclass it
 * and return an instance from `serverFactory` to decide who may log in and
 * which sessions to accept. Every method has AsyncSSH's default: nothing is
 * allowed until a method says so. The optional hostbased methods
 * (`hostBasedAuthSupported`, `validateHostPublicKey`, `validateHostCaKey`,
 * `validateHostBasedUser`) may be added by a subclass.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface adds the optional hostbased callbacks
export class SSHServer {
  /** The connection was made (before the key exchange). */
  connectionMade(_conn: SSHServerConnection): void {}

  /** The connection closed; `err` says why when it was not a clean close. */
  connectionLost(_err: Error | null): void {}

  /** Whether `username` must authenticate (default true; false lets it in at once). */
  beginAuth(_username: string): boolean | Promise<boolean> {
    return true;
  }

  /** The user has logged in. */
  authCompleted(): void {}

  /** Whether password auth is offered (default false). */
  passwordAuthSupported(): boolean {
    return false;
  }

  /** Check a password (default: reject); may throw PasswordChangeRequired. */
  validatePassword(_username: string, _password: string): boolean | Promise<boolean> {
    return false;
  }

  /** Change a password after checking the old one (default: reject). */
  changePassword(_username: string, _oldPassword: string, _newPassword: string): boolean | Promise<boolean> {
    return false;
  }

  /** Whether publickey auth is offered (default false; authorizedClientKeys offers it too). */
  publicKeyAuthSupported(): boolean {
    return false;
  }

  /** Whether `key` may log in as `username` (default: no). */
  validatePublicKey(_username: string, _key: SSHKey): boolean | Promise<boolean> {
    return false;
  }

  /** Whether `caKey` may sign certificates for `username` (default: no). */
  validateCaKey(_username: string, _caKey: SSHKey): boolean | Promise<boolean> {
    return false;
  }

  /**
   * Whether keyboard-interactive auth is offered. The default (undefined) ties
   * it to password auth: the client is prompted for a password, which goes to
   * validatePassword.
   */
  kbdintAuthSupported(): boolean | undefined {
    return undefined;
  }

  /** The first keyboard-interactive challenge; true accepts at once, false fails (default: false). */
  getKbdintChallenge(
    _username: string,
    _lang: string,
    _submethods: string,
  ): KbdintChallenge | boolean | Promise<KbdintChallenge | boolean> {
    return false;
  }

  /** Check keyboard-interactive answers; a challenge asks again (default: false). */
  validateKbdintResponse(
    _username: string,
    _responses: readonly string[],
  ): KbdintChallenge | boolean | Promise<KbdintChallenge | boolean> {
    return false;
  }

  /**
   * Decide on a direct TCP/IP open from the client: a session or a
   * (reader, writer) handler to serve it here, true to connect to the
   * destination and carry the bytes, false to refuse (the default).
   */
  connectionRequested(
    _destHost: string,
    _destPort: number,
    _origHost: string,
    _origPort: number,
  ): TunnelAnswer | Promise<TunnelAnswer> {
    return false;
  }

  /** Decide on a direct UNIX socket open, as connectionRequested does (default: refuse). */
  unixConnectionRequested(_destPath: string): TunnelAnswer | Promise<TunnelAnswer> {
    return false;
  }

  /**
   * Decide on the client's request to listen on listenHost:listenPort (port 0:
   * pick one) and forward what arrives back to it: true listens here, a
   * listener of your own serves it, false refuses (the default).
   */
  serverRequested(_listenHost: string, _listenPort: number): ListenAnswer | Promise<ListenAnswer> {
    return false;
  }

  /** Decide on a request to listen on a UNIX socket path, as serverRequested does (default: refuse). */
  unixServerRequested(_listenPath: string): ListenAnswer | Promise<ListenAnswer> {
    return false;
  }

  /** Decide on a session open (default: refuse unless processFactory or sessionFactory is set). */
  sessionRequested(): SessionRequestResult | Promise<SessionRequestResult> {
    return false;
  }
}

/** The hostbased callbacks a subclass may define (AsyncSSH's defaults apply when absent). */
export interface SSHServer extends HostBasedAuthHooks {}
