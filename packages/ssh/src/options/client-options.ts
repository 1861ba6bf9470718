import type { Socket } from 'node:net';
import type { ClientSessionOptions, ErrorsPolicy } from '@ssh/channels';
import type { SSHKey } from '@ssh/crypto';
import type { AlgorithmOptions, AlgorithmSpec } from '@ssh/transport';
import type { SSHClientConnection } from '../client/client-connection.js';
import type { ClientForwardingOptions } from '../client/client-forwarding-options.js';
import type { SSHClient } from '../client/ssh-client.js';
import type { ServerHostKeysHandler } from '../hostkeys/client-hostkeys.js';
import type { CertificateArg, PrivateKeyArg } from './keys.js';
import { COMMON_OPTION_SPEC, type OptionSpec, resolveOptions } from './option-check.js';

/** How `connect` checks the server's host key (AsyncSSH's known_hosts argument). */
export type KnownHostsOption = string | readonly string[] | null | ((key: SSHKey) => boolean);

/** Session options that connect takes as defaults for every session of the connection. */
type SessionDefaults = Pick<
  ClientSessionOptions,
  'command' | 'subsystem' | 'env' | 'sendEnv' | 'requestPty' | 'termType' | 'termSize' | 'termModes'
>;

/** Fields of the client options (AsyncSSH's SSHClientConnectionOptions, in camelCase). */
export interface ClientOptionFields extends AlgorithmOptions, SessionDefaults, ClientForwardingOptions {
  /** The server's host name or address (default: from config, else 'localhost'). */
  host?: string;
  /** The server's port (default: from config, else 22). */
  port?: number;
  /** Run over a channel of this connection, or through jump hosts '[user@]host[:port]' (comma-separated). */
  tunnel?: SSHClientConnection | string | null;
  /** Address family to dial: 0 any (default), 4 or 6. */
  family?: 0 | 4 | 6;
  /** Host lookup flags: dns.ADDRCONFIG, dns.V4MAPPED, dns.ALL (getaddrinfo's AI_* flags; default 0). */
  flags?: number;
  /** Local address and port to bind before dialing. */
  localAddr?: readonly [string, number];
  /** An already connected socket to use instead of dialing. */
  sock?: Socket;
  /** ssh_config files to read (default ~/.ssh/config when present; null reads none). */
  config?: string | readonly string[] | null;
  /** Canonicalize the host name before dialing: false (default), true (direct connections only) or 'always'. */
  canonicalizeHostname?: boolean | 'always';
  /** Domain suffixes tried in turn when canonicalizing. */
  canonicalDomains?: readonly string[];
  /** Keep the unqualified name when no suffix resolves (default true); false makes that an error. */
  canonicalizeFallbackLocal?: boolean;
  /** Names with more dots than this are not canonicalized (default 1). */
  canonicalizeMaxDots?: number;
  /** [source patterns, target patterns] rules under which a CNAME replaces the name. */
  canonicalizePermittedCnames?: ReadonlyArray<readonly [readonly string[], readonly string[]]>;
  /** Base options whose values fill in what is not given here. */
  options?: SSHClientConnectionOptions;
  /** Makes the SSHClient whose callbacks see this connection. */
  clientFactory?: () => SSHClient;
  /** The user to log in as (default: from config, else the local user). */
  username?: string;
  /** A password for password and keyboard-interactive auth, or a function returning it. */
  password?: string | (() => string | null | undefined | Promise<string | null | undefined>);
  /** ssh-agent socket whose keys are tried (default $SSH_AUTH_SOCK, unless clientKeys is given); null: no agent. */
  agentPath?: string | null;
  /** Only these agent keys (public keys, certificates or blobs) are used (default: all). */
  agentIdentities?: readonly (Uint8Array | SSHKey)[] | null;
  /** Host keys for hostbased auth (objects, files or key text). */
  clientHostKeys?: readonly PrivateKeyArg[];
  /** Certificates (objects, files or text) of the client host keys. */
  clientHostCerts?: readonly CertificateArg[];
  /** Sign hostbased requests with OpenSSH's ssh-keysign (true: its usual path; or the path) and the machine's host keys. */
  clientHostKeysign?: boolean | string;
  /** The client host name sent in hostbased auth (default: a reverse lookup of the local address). */
  clientHost?: string;
  /** The local user name sent in hostbased auth (default: the local user). */
  clientUsername?: string;
  /** Whether to try hostbased auth (default: when clientHostKeys are given). */
  hostBasedAuth?: boolean;
  /** Refuse a server that lets us in without any real authentication (default false). */
  disableTrivialAuth?: boolean;
  /** Private keys to try (objects, files or key text); default: ~/.ssh/id_ed25519, id_ecdsa, id_rsa; null: none. */
  clientKeys?: readonly PrivateKeyArg[] | null;
  /** Certificates (objects, files or text) to pair with clientKeys; `<key>-cert.pub` files are found on their own. */
  clientCerts?: readonly CertificateArg[];
  /** Passphrase for encrypted client keys. */
  passphrase?: string;
  /** Skip encrypted keys that have no passphrase instead of failing (default: true for the default keys only). */
  ignoreEncrypted?: boolean;
  /** Called with the host keys the server announces compared with known_hosts: added (proven), removed, retained, revoked. */
  serverHostKeysHandler?: ServerHostKeysHandler;
  /** Signature algorithms a CA may have used on a host certificate (OpenSSH's CASignatureAlgorithms; default: any). */
  caSignatureAlgs?: AlgorithmSpec;
  /** Name to look up in known_hosts instead of the host (OpenSSH's HostKeyAlias). */
  hostKeyAlias?: string;
  /** Seconds allowed for login after the key exchange (default 120). */
  loginTimeout?: number;
  /** known_hosts files to check the host key against (default ~/.ssh/known_hosts), a callback, or null to accept any. */
  knownHosts?: KnownHostsOption;
  /** Auth methods in the order to try them. */
  preferredAuth?: string | readonly string[];
  /** Whether to try password auth (default true). */
  passwordAuth?: boolean;
  /** Whether to try publickey auth (default true). */
  publicKeyAuth?: boolean;
  /** Whether to try keyboard-interactive auth (default true). */
  kbdintAuth?: boolean;
  /** Software version in our identification string. */
  clientVersion?: string;
  /** Bytes before a rekey (default 1 GiB). */
  rekeyBytes?: number;
  /** Seconds before a rekey (default 3600). */
  rekeySeconds?: number;
  /** Seconds to wait for the TCP connection and the login (default: none). */
  connectTimeout?: number;
  /** TCP keepalive probes on the socket (default true). */
  tcpKeepalive?: boolean;
  /** Seconds between keepalives (default 0: off). */
  keepaliveInterval?: number;
  /** Unanswered keepalives before the connection is closed (default 3). */
  keepaliveCountMax?: number;
  /** A command whose stdin/stdout carry the connection instead of a socket (OpenSSH's ProxyCommand). */
  proxyCommand?: string | readonly string[] | null;
  /** Cancels the connection attempt. */
  signal?: AbortSignal;
  /** Default encoding of channel data ('utf-8'; null for bytes). */
  encoding?: string | null;
  /** What to do with undecodable bytes (default 'strict'). */
  errors?: ErrorsPolicy;
  /** Channel receive window (default 2 MiB). */
  window?: number;
  /** Channel max packet size (default 32 KiB). */
  maxPktsize?: number;
}

/** Every client option with the types it accepts. */
export const CLIENT_OPTION_SPEC: OptionSpec = {
  ...COMMON_OPTION_SPEC,
  caSignatureAlgs: ['string', 'array'],
  tunnel: ['string', 'object', 'null'],
  sock: ['object'],
  canonicalizeHostname: ['boolean', 'string'],
  canonicalDomains: ['array'],
  canonicalizeFallbackLocal: ['boolean'],
  canonicalizeMaxDots: ['integer'],
  canonicalizePermittedCnames: ['array'],
  clientFactory: ['function'],
  username: ['string'],
  password: ['string', 'function'],
  agentPath: ['string', 'null'],
  agentForwarding: ['boolean'],
  x11Forwarding: ['boolean', 'string'],
  x11Display: ['string'],
  x11AuthPath: ['string'],
  x11SingleConnection: ['boolean'],
  agentIdentities: ['array', 'null'],
  clientHostKeys: ['array'],
  clientHostCerts: ['array'],
  clientHostKeysign: ['boolean', 'string'],
  clientHost: ['string'],
  clientUsername: ['string'],
  hostBasedAuth: ['boolean'],
  disableTrivialAuth: ['boolean'],
  clientKeys: ['array', 'null'],
  clientCerts: ['array'],
  passphrase: ['string'],
  ignoreEncrypted: ['boolean'],
  serverHostKeysHandler: ['function'],
  hostKeyAlias: ['string'],
  loginTimeout: ['number'],
  knownHosts: ['string', 'array', 'null', 'function'],
  preferredAuth: ['string', 'array'],
  passwordAuth: ['boolean'],
  publicKeyAuth: ['boolean'],
  kbdintAuth: ['boolean'],
  clientVersion: ['string'],
  proxyCommand: ['string', 'array', 'null'],
  command: ['string', 'null'],
  subsystem: ['string', 'null'],
  env: ['object', 'array'],
  sendEnv: ['array'],
  requestPty: ['boolean', 'string'],
  termType: ['string', 'null'],
  termSize: ['array', 'null'],
  termModes: ['object'],
};

/**
 * The settings of a client connection (AsyncSSH's SSHClientConnectionOptions):
 * checked when built and frozen. Pass one wherever options are taken, alone or
 * as `options` under explicit values, which win.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface gives the class its option fields
export class SSHClientConnectionOptions {
  constructor(init: ClientOptionFields = {}) {
    Object.assign(this, resolveClientOptions('SSHClientConnectionOptions', init));
    Object.freeze(this);
  }
}
export interface SSHClientConnectionOptions extends ClientOptionFields {}

/** Check options (plain or an instance) and apply their `options` base; throws TypeError naming a bad option. */
export function resolveClientOptions(fn: string, init: ClientOptionFields): ClientOptionFields {
  const o = resolveOptions(fn, CLIENT_OPTION_SPEC, init);
  if (typeof o.x11Forwarding === 'string' && o.x11Forwarding !== 'ignore_failure') {
    throw new TypeError(`${fn}: option "x11Forwarding" must be true, false or 'ignore_failure'`);
  }
  return o;
}
