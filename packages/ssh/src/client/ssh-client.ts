import type { ClientAuthHooks } from '@ssh/auth';
import type { SSHKey } from '@ssh/crypto';
import type { SSHClientConnection } from './client-connection.js';

/**
 * The client's handler for one connection (AsyncSSH's SSHClient): subclass it
 * and return an instance from `clientFactory` to follow the connection's life
 * to decide on host keys known_hosts does not vouch for, and to answer
 * authentication prompts (the optional ClientAuthHooks methods: keys,
 * passwords, password changes, keyboard-interactive challenges).
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface adds the optional auth callbacks
export class SSHClient {
  /** The connection was made (before the key exchange). */
  connectionMade(_conn: SSHClientConnection): void {}

  /** The connection closed; `err` says why when it was not a clean close. */
  connectionLost(_err: Error | null): void {}

  /** The server sent a banner during login. */
  authBannerReceived(_message: string, _lang: string): void {}

  /** Login succeeded. */
  authCompleted(): void {}

  /**
   * Whether to trust a host key that known_hosts does not list (default: no).
   * `addr` is the peer address and `port` the port dialled.
   */
  validateHostPublicKey(_host: string, _addr: string, _port: number, _key: SSHKey): boolean {
    return false;
  }
}
export interface SSHClient extends ClientAuthHooks {}
