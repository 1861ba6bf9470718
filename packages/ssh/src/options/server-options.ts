import type { ServerAuthHooks } from '@ssh/auth';
import type { ProcessHandler, SessionRequestResult, StreamSessionHandler } from '@ssh/channels';
import type { AlgorithmOptions } from '@ssh/transport';
import type { PrivateKeyArg } from './keys.js';

/** The options of `listen` (AsyncSSH's SSHServerConnectionOptions, in camelCase). */
export interface SSHServerConnectionOptions extends AlgorithmOptions {
  /** Address to listen on (default: all). */
  host?: string;
  /** Port to listen on (0 picks one). */
  port?: number;
  /** Host keys (objects, files or key text). Required. */
  serverHostKeys: readonly PrivateKeyArg[];
  /** Passphrase for encrypted host keys. */
  passphrase?: string;
  /** authorized_keys file (or its text) whose keys may log in with publickey auth. */
  authorizedClientKeys?: string;
  /** Auth callbacks and connection hooks for each connection (AsyncSSH's server_factory). */
  serverFactory?: () => ServerAuthHooks;
  /** Handle shell, exec and subsystem requests with a process object. */
  processFactory?: ProcessHandler;
  /** Handle them with (stdin, stdout, stderr) streams. */
  sessionFactory?: StreamSessionHandler;
  /** Decide on each session open. */
  sessionRequested?: () => SessionRequestResult | Promise<SessionRequestResult>;
  /** A banner shown before login. */
  authBanner?: string;
  /** Failed logins before disconnecting (default 20). */
  maxAuthAttempts?: number;
  /** Seconds a client has to log in (default 120). */
  loginTimeout?: number;
  /** Software version in our identification string. */
  serverVersion?: string;
  /** Whether clients may request a pty (default true). */
  allowPty?: boolean;
  /** Default encoding of channel data ('utf-8'; null for bytes). */
  encoding?: string | null;
  /** Channel receive window (default 2 MiB). */
  window?: number;
  /** Channel max packet size (default 32 KiB). */
  maxPktsize?: number;
  rekeyBytes?: number;
  rekeySeconds?: number;
}
