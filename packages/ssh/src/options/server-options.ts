import type { Server, Socket } from 'node:net';
import type { SSHKnownHosts } from '@ssh/auth';
import type { ErrorsPolicy, ProcessHandler, SessionRequestResult, StreamSessionHandler } from '@ssh/channels';
import type { AlgorithmOptions, AlgorithmSpec } from '@ssh/transport';
import type { SSHClientConnection } from '../client/client-connection.js';
import type { AuthorizedKeysArg } from '../server/auth-state.js';
import type { SftpFactory } from '../server/file-transfer.js';
import type { SSHServerConnection } from '../server/server-connection.js';
import type { ServerForwardingOptions } from '../server/server-forwarding.js';
import type { SSHServer } from '../server/ssh-server.js';
import type { CertificateArg, PrivateKeyArg } from './keys.js';
import { COMMON_OPTION_SPEC, type OptionSpec, resolveOptions } from './option-check.js';

/** Fields of the server options (AsyncSSH's SSHServerConnectionOptions, in camelCase). */
export interface ServerOptionFields extends AlgorithmOptions, ServerForwardingOptions {
  /** Address to listen on ('' or omitted: all), or for connectReverse the host to dial. */
  host?: string;
  /** Port to listen on (0 picks one; default 22), or for connectReverse the port to dial. */
  port?: number;
  /** Address family: 0 any (default), 4 or 6. */
  family?: 0 | 4 | 6;
  /** Host lookup flags: dns.ADDRCONFIG, dns.V4MAPPED, dns.ALL (getaddrinfo's AI_* flags; AI_PASSIVE is accepted). */
  flags?: number;
  /** Pending-connection queue length (default 100). */
  backlog?: number;
  /** Reuse a local address in TIME_WAIT (default true, as on UNIX; Node always does, so false is refused). */
  reuseAddress?: boolean;
  /** Let other sockets that also ask for it listen on the same port (default false; needs Node 22.12+). */
  reusePort?: boolean;
  /** A listening server (listen) or a connected socket (connectReverse, runServer) to use instead. */
  sock?: Server | Socket;
  /** listen: listen through this connection (or '[user@]host[:port]' jump hosts) instead of locally; connectReverse: dial through it. */
  tunnel?: SSHClientConnection | string | null;
  /** connectReverse: a command whose stdin/stdout carry the connection instead of a socket (sshd's ProxyCommand). */
  proxyCommand?: string | readonly string[] | null;
  /** Canonicalize connectReverse's host name: false (default), true (direct connections only) or 'always'. */
  canonicalizeHostname?: boolean | 'always';
  /** Domain suffixes tried in turn when canonicalizing. */
  canonicalDomains?: readonly string[];
  /** Keep the unqualified name when no suffix resolves (default true); false makes that an error. */
  canonicalizeFallbackLocal?: boolean;
  /** Names with more dots than this are not canonicalized (default 1). */
  canonicalizeMaxDots?: number;
  /** Local address and port to bind before dialing (connectReverse). */
  localAddr?: readonly [string, number];
  /** sshd_config files to read (none by default). */
  config?: string | readonly string[] | null;
  /** Base options whose values fill in what is not given here. */
  options?: SSHServerConnectionOptions;
  /** Host keys (objects, files or key text). Required. */
  serverHostKeys?: readonly PrivateKeyArg[];
  /** OpenSSH certificates (objects, files or text) of host keys, offered before the plain keys. */
  serverHostCerts?: readonly CertificateArg[];
  /** Announce every host key to clients after login so they can learn them (hostkeys-00@openssh.com; default false). */
  sendServerHostKeys?: boolean;
  /** Signature algorithms a CA may have used on a user certificate (OpenSSH's CASignatureAlgorithms; default: any). */
  caSignatureAlgs?: AlgorithmSpec;
  /** Passphrase for encrypted host keys. */
  passphrase?: string;
  /** authorized_keys (a file, its text, or parsed) whose keys may log in with publickey auth. */
  authorizedClientKeys?: AuthorizedKeysArg;
  /** Makes the SSHServer (auth callbacks and connection hooks) for each connection. */
  serverFactory?: () => SSHServer | Partial<SSHServer>;
  /** Called with each connection once it has logged in (AsyncSSH's acceptor). */
  acceptor?: (conn: SSHServerConnection) => unknown;
  /** Called when a connection's handshake or login fails (default: close it quietly). */
  errorHandler?: (conn: SSHServerConnection | null, err: Error) => void;
  /** Handle shell, exec and subsystem requests with a process object. */
  processFactory?: ProcessHandler;
  /** Handle them with (stdin, stdout, stderr) streams. */
  sessionFactory?: StreamSessionHandler;
  /** Serve the 'sftp' subsystem: true from the local disk, or a function making each session's SFTPServer. */
  sftpFactory?: SftpFactory;
  /** Highest SFTP version offered (3 to 6; default 3). */
  sftpVersion?: number;
  /** Serve scp commands through the SFTP server (needs sftpFactory; default false). */
  allowScp?: boolean;
  /** Decide on each session open. */
  sessionRequested?: () => SessionRequestResult | Promise<SessionRequestResult>;
  /** A banner shown before login. */
  authBanner?: string;
  /** Failed logins before disconnecting (default 20). */
  maxAuthAttempts?: number;
  /** Seconds a client has to log in (default 120). */
  loginTimeout?: number;
  /** Seconds to wait for the outbound connection and login (connectReverse; default: none). */
  connectTimeout?: number;
  /** TCP keepalive probes on each socket (default true). */
  tcpKeepalive?: boolean;
  /** Seconds between keepalives (default 0: off). */
  keepaliveInterval?: number;
  /** Unanswered keepalives before the connection is closed (default 3). */
  keepaliveCountMax?: number;
  /** Software version in our identification string. */
  serverVersion?: string;
  /** Whether clients may request a pty (default true). */
  allowPty?: boolean;
  /** Edit input lines on pty sessions (default true). */
  lineEditor?: boolean;
  /** Echo completed lines (default true). */
  lineEcho?: boolean;
  /** Lines kept in the editor's history (default 1000). */
  lineHistory?: number;
  /** Longest line the editor takes (default 1024). */
  maxLineLength?: number;
  /** Client hosts trusted for hostbased auth: known_hosts files, their text, or parsed. */
  knownClientHosts?: string | readonly string[] | SSHKnownHosts;
  /** Believe the client host name in hostbased requests instead of a reverse lookup (default false). */
  trustClientHost?: boolean;
  /** Whether hostbased auth is offered (default: when knownClientHosts or hostbased callbacks exist). */
  hostBasedAuth?: boolean;
  /** Whether publickey auth is offered (default: when authorized keys or callbacks exist). */
  publicKeyAuth?: boolean;
  /** Whether password auth is offered (default: when the server's callbacks support it). */
  passwordAuth?: boolean;
  /** Whether keyboard-interactive auth is offered (default: when challenge or password callbacks exist). */
  kbdintAuth?: boolean;
  /** Default encoding of channel data ('utf-8'; null for bytes). */
  encoding?: string | null;
  /** What to do with undecodable bytes (default 'strict'). */
  errors?: ErrorsPolicy;
  /** Channel receive window (default 2 MiB). */
  window?: number;
  /** Channel max packet size (default 32 KiB). */
  maxPktsize?: number;
  /** Bytes before a rekey (default 1 GiB). */
  rekeyBytes?: number;
  /** Seconds before a rekey (default 3600). */
  rekeySeconds?: number;
  /** Cancels a connectReverse attempt. */
  signal?: AbortSignal;
}

/** Every server option with the types it accepts. */
export const SERVER_OPTION_SPEC: OptionSpec = {
  ...COMMON_OPTION_SPEC,
  caSignatureAlgs: ['string', 'array'],
  backlog: ['integer'],
  reuseAddress: ['boolean'],
  canonicalizeHostname: ['boolean', 'string'],
  canonicalDomains: ['array'],
  canonicalizeFallbackLocal: ['boolean'],
  canonicalizeMaxDots: ['integer'],
  reusePort: ['boolean'],
  sock: ['object'],
  tunnel: ['object', 'string', 'null'],
  proxyCommand: ['string', 'array', 'null'],
  serverHostKeys: ['array'],
  serverHostCerts: ['array'],
  sendServerHostKeys: ['boolean'],
  passphrase: ['string'],
  authorizedClientKeys: ['string', 'object'],
  serverFactory: ['function'],
  acceptor: ['function'],
  errorHandler: ['function'],
  processFactory: ['function'],
  sessionFactory: ['function'],
  sftpFactory: ['boolean', 'function'],
  sftpVersion: ['integer'],
  allowScp: ['boolean'],
  agentForwarding: ['boolean'],
  x11Forwarding: ['boolean'],
  x11AuthPath: ['string'],
  sessionRequested: ['function'],
  authBanner: ['string'],
  maxAuthAttempts: ['integer'],
  loginTimeout: ['number'],
  serverVersion: ['string'],
  allowPty: ['boolean'],
  lineEditor: ['boolean'],
  lineEcho: ['boolean'],
  lineHistory: ['integer'],
  maxLineLength: ['integer'],
  knownClientHosts: ['string', 'array', 'object'],
  trustClientHost: ['boolean'],
  hostBasedAuth: ['boolean'],
  publicKeyAuth: ['boolean'],
  passwordAuth: ['boolean'],
  kbdintAuth: ['boolean'],
};

/**
 * The settings of a server connection (AsyncSSH's SSHServerConnectionOptions):
 * checked when built and frozen. Pass one wherever options are taken, alone or
 * as `options` under explicit values, which win.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface gives the class its option fields
export class SSHServerConnectionOptions {
  constructor(init: ServerOptionFields = {}) {
    Object.assign(this, resolveServerOptions('SSHServerConnectionOptions', init));
    Object.freeze(this);
  }
}
export interface SSHServerConnectionOptions extends ServerOptionFields {}

/** Check options (plain or an instance) and apply their `options` base; throws TypeError naming a bad option. */
export function resolveServerOptions(fn: string, init: ServerOptionFields): ServerOptionFields {
  return resolveOptions(fn, SERVER_OPTION_SPEC, init);
}
