import type { ModuliEntry, SSHCertificate, SSHKey } from '@ssh/crypto';
import type { SSHLogger } from '@ssh/wire';
import type { AlgorithmOptions } from './algorithms/local-lists.js';
import type { DebugMessage } from './messages/transport-messages.js';

/** Our software version in the identification string unless the user sets one. */
export const DEFAULT_SOFTWARE_VERSION = 'atssh_0.1';

/** How a transport is set up. */
export interface TransportOptions extends AlgorithmOptions {
  readonly role: 'client' | 'server';
  /** Software version in our identification string (`client_version` / `server_version`). */
  softwareVersion?: string;
  /** Rekey after this many bytes in either direction (default 1 GiB). */
  rekeyBytes?: number;
  /** Rekey after this many seconds (default 3600; 0 disables). */
  rekeySeconds?: number;
  /** Client: accept or refuse the server's host key (or host certificate). */
  verifyHostKey?(key: SSHKey | SSHCertificate, algorithm: string): boolean | Promise<boolean>;
  /** Server: the host keys to offer. */
  serverHostKeys?: readonly SSHKey[];
  /** Server: OpenSSH certificates of host keys, offered before the plain keys. */
  serverHostCerts?: readonly SSHCertificate[];
  /** Server: moduli for DH group exchange. */
  moduli?: readonly ModuliEntry[];
  /** Server: whether to accept a service request (default: only `ssh-userauth`). */
  acceptService?(name: string): boolean;
  /** Where this connection logs (default: a child of the `asyncssh` logger tagged `conn=N`). */
  logger?: SSHLogger;
}

/** What the transport reports to the layer above. */
export interface TransportHandlers {
  /** A message for the layer above (message number 50 and up), after the first key exchange. */
  message?(payload: Uint8Array, seq: number): void | Promise<void>;
  /** The peer sent SSH_MSG_DEBUG. */
  debug?(msg: DebugMessage): void;
  /** Writing may continue after `send` returned false. */
  drain?(): void;
  /** The peer answered our packet `seq` with SSH_MSG_UNIMPLEMENTED. */
  unimplemented?(seq: number): void;
  /** The connection closed: `error` is undefined for a clean close by us. */
  closed?(error: Error | undefined): void;
}
