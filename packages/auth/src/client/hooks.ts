import type { ClientAuthKey } from './auth-key.js';

/** A value, or a Promise of it (AsyncSSH callbacks may be coroutines). */
export type MaybePromise<T> = T | Promise<T>;

/**
 * The authentication callbacks of AsyncSSH's `SSHClient`. Every one is
 * optional; an `SSHClient` object can be passed as it is. Host key checks
 * (`validateHostPublicKey`, `validateHostCaKey`) happen in the key exchange,
 * before authentication, and are not called from here.
 */
export interface ClientAuthHooks {
  /** The server sent a banner to show during authentication (RFC 4252 §5.4). */
  authBannerReceived?(msg: string, lang: string): void;
  /** Authentication succeeded. */
  authCompleted?(): void;
  /**
   * The next key to try with publickey auth, after the agent's keys and
   * `clientKeys`; null or undefined moves on to another method.
   */
  publicKeyAuthRequested?(): MaybePromise<ClientAuthKey | null | undefined>;
  /**
   * The next password to try, after the `password` option; null or
   * undefined moves on to another method.
   */
  passwordAuthRequested?(): MaybePromise<string | null | undefined>;
  /**
   * The server says the password has expired: return `[oldPassword,
   * newPassword]` to change it, or null/undefined to move on (AsyncSSH's
   * NotImplemented).
   */
  passwordChangeRequested?(
    prompt: string,
    lang: string,
  ): MaybePromise<readonly [string, string] | null | undefined>;
  /** The requested password change succeeded (authentication succeeds with it). */
  passwordChanged?(): void;
  /** The requested password change was refused; other methods are tried next. */
  passwordChangeFailed?(): void;
  /**
   * Submethods for keyboard-interactive auth ('' lets the server choose), or
   * null/undefined to skip it. Without this callback keyboard-interactive is
   * tried once when a password or a challenge callback is available.
   */
  kbdintAuthRequested?(): MaybePromise<string | null | undefined>;
  /**
   * Answer a keyboard-interactive challenge: one response per prompt, or
   * null/undefined to give up on the method. Without it, a password answers
   * a challenge of a single prompt that does not echo.
   */
  kbdintChallengeReceived?(
    name: string,
    instructions: string,
    lang: string,
    prompts: readonly (readonly [string, boolean])[],
  ): MaybePromise<readonly string[] | null | undefined>;
}
