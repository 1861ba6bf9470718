import type { SSHKey } from '@ssh/crypto';
import type { KbdintChallenge } from '../userauth/messages.js';

/**
 * The auth callbacks of AsyncSSH's `SSHServer`. Each may return a value or a
 * Promise; a missing callback means "not supported" (or "accept nothing").
 */
export interface ServerAuthHooks extends HostBasedAuthHooks {
  /** Whether `username` must authenticate (default true; false lets 'none' succeed). */
  beginAuth?(username: string): boolean | Promise<boolean>;
  /** Whether password auth is offered. */
  passwordAuthSupported?(): boolean;
  /** Check a password; may throw PasswordChangeRequired. */
  validatePassword?(username: string, password: string): boolean | Promise<boolean>;
  /** Handle a password change request (old and new password). */
  changePassword?(username: string, oldPassword: string, newPassword: string): boolean | Promise<boolean>;
  /** Whether publickey auth is offered. */
  publicKeyAuthSupported?(): boolean;
  /** Whether `key` may log in as `username` (checked before the signature). */
  validatePublicKey?(username: string, key: SSHKey): boolean | Promise<boolean>;
  /** Whether `caKey` may sign user certificates for `username` (AsyncSSH's validate_ca_key). */
  validateCaKey?(username: string, caKey: SSHKey): boolean | Promise<boolean>;
  /** Whether keyboard-interactive auth is offered. */
  kbdintAuthSupported?(): boolean;
  /** The first challenge; `true` accepts at once, `false` fails. */
  getKbdintChallenge?(
    username: string,
    lang: string,
    submethods: string,
  ): KbdintChallenge | boolean | Promise<KbdintChallenge | boolean>;
  /** Check the answers; a challenge asks again, `true` accepts, `false` fails. */
  validateKbdintResponse?(
    username: string,
    responses: readonly string[],
  ): KbdintChallenge | boolean | undefined | Promise<KbdintChallenge | boolean | undefined>;
}

/** The hostbased auth callbacks of a server (RFC 4252 §9), part of ServerAuthHooks. */
export interface HostBasedAuthHooks {
  /** Whether hostbased auth is offered (default: when client host keys can be checked). */
  hostBasedAuthSupported?(): boolean;
  /** Whether `key` is a host key of the client host (beyond `knownClientHosts`). */
  validateHostPublicKey?(
    clientHost: string,
    clientAddr: string,
    clientPort: number,
    key: SSHKey,
  ): boolean | Promise<boolean>;
  /** Whether `caKey` may sign host certificates for the client host (beyond `knownClientHosts`). */
  validateHostCaKey?(
    clientHost: string,
    clientAddr: string,
    clientPort: number,
    caKey: SSHKey,
  ): boolean | Promise<boolean>;
  /**
   * Whether `clientUsername` on `clientHost` may log in as `username`
   * (default: only when the two names are the same).
   */
  validateHostBasedUser?(
    username: string,
    clientHost: string,
    clientUsername: string,
  ): boolean | Promise<boolean>;
}
