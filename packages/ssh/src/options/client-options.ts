import type { SSHKey } from '@ssh/crypto';
import type { AlgorithmOptions } from '@ssh/transport';
import type { PrivateKeyArg } from './keys.js';

/** How `connect` reaches and checks the server (AsyncSSH's known_hosts argument). */
export type KnownHostsOption = string | readonly string[] | null | ((key: SSHKey) => boolean);

/** The options of `connect` (AsyncSSH's SSHClientConnectionOptions, in camelCase). */
export interface SSHClientConnectionOptions extends AlgorithmOptions {
  /** The server's host name or address. */
  host?: string;
  /** The server's port (default 22). */
  port?: number;
  /** The user to log in as (default: the local user). */
  username?: string;
  /** A password for password and keyboard-interactive auth. */
  password?: string;
  /** Private keys to try (objects, files or key text); default: ~/.ssh/id_ed25519, id_ecdsa, id_rsa; null: none. */
  clientKeys?: readonly PrivateKeyArg[] | null;
  /** Passphrase for encrypted client keys. */
  passphrase?: string;
  /**
   * known_hosts files to check the server's host key against (default
   * ~/.ssh/known_hosts), a callback, or null to accept any host key.
   */
  knownHosts?: KnownHostsOption;
  /** Auth methods in the order to try them. */
  preferredAuth?: string | readonly string[];
  /** Software version in our identification string. */
  clientVersion?: string;
  /** Bytes before a rekey (default 1 GiB). */
  rekeyBytes?: number;
  /** Seconds before a rekey (default 3600). */
  rekeySeconds?: number;
  /** Seconds to wait for the TCP connection and the login (default: none). */
  connectTimeout?: number;
  /** Seconds between keepalives (default 0: off). */
  keepaliveInterval?: number;
  /** Unanswered keepalives before the connection is closed (default 3). */
  keepaliveCountMax?: number;
  /** Cancels the connection attempt. */
  signal?: AbortSignal;
  /** Default encoding of channel data ('utf-8'; null for bytes). */
  encoding?: string | null;
  /** Channel receive window (default 2 MiB). */
  window?: number;
  /** Channel max packet size (default 32 KiB). */
  maxPktsize?: number;
}

const KNOWN = new Set<string>([
  'host',
  'port',
  'username',
  'password',
  'clientKeys',
  'passphrase',
  'knownHosts',
  'preferredAuth',
  'clientVersion',
  'rekeyBytes',
  'rekeySeconds',
  'connectTimeout',
  'signal',
  'keepaliveInterval',
  'keepaliveCountMax',
  'encoding',
  'window',
  'maxPktsize',
  'kexAlgs',
  'encryptionAlgs',
  'macAlgs',
  'compressionAlgs',
  'signatureAlgs',
  'serverHostKeyAlgs',
]);

/** Reject unknown options and wrongly typed ones before any connection is made. */
export function checkClientOptions(opts: Record<string, unknown>): void {
  for (const name of Object.keys(opts)) {
    if (!KNOWN.has(name)) throw new TypeError(`connect: unknown option "${name}"`);
  }
  const num = (n: string) => {
    const v = opts[n];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
      throw new TypeError(`connect: option "${n}" must be a non-negative number`);
    }
  };
  const str = (n: string) => {
    const v = opts[n];
    if (v !== undefined && typeof v !== 'string')
      throw new TypeError(`connect: option "${n}" must be a string`);
  };
  [
    'port',
    'rekeyBytes',
    'rekeySeconds',
    'connectTimeout',
    'window',
    'maxPktsize',
    'keepaliveInterval',
    'keepaliveCountMax',
  ].forEach(num);
  ['host', 'username', 'password', 'passphrase', 'clientVersion'].forEach(str);
  const port = opts.port as number | undefined;
  if (port !== undefined && (!Number.isInteger(port) || port > 65535))
    throw new TypeError('connect: option "port" must be an integer 0..65535');
}
