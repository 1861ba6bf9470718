/**
 * `@ssh/ssh`: the whole AsyncSSH-style API (`connect`, `listen`, connections,
 * processes, keys, forwarding, SFTP and SCP, errors), built from the other
 * `@ssh/*` packages.
 */

// Both name their T | Promise<T> helper MaybePromise.
export type { MaybePromise } from '@ssh/auth/node';
export * from '@ssh/auth/node';
export * from '@ssh/channels';
export * from '@ssh/channels/node';
export * from '@ssh/config';
export * from '@ssh/config/node';
export * from '@ssh/crypto';
export * from '@ssh/forward';
export * from '@ssh/sftp';
export * from '@ssh/sftp/node';
export * from '@ssh/transport';
export * from '@ssh/transport/node';
export * from '@ssh/wire';
export { SSHClientConnection } from './client/client-connection.js';
export { connect } from './client/connect.js';
export { getServerAuthMethods, getServerHostKey } from './client/probe.js';
export { SSHClient } from './client/ssh-client.js';
export type { ServerHostKeysHandler } from './hostkeys/client-hostkeys.js';
export { createConnection, createServer } from './legacy.js';
export {
  type ClientOptionFields,
  type KnownHostsOption,
  SSHClientConnectionOptions,
} from './options/client-options.js';
export { DEFAULT_KEY_FILES, loadPrivateKey, type PrivateKeyArg } from './options/keys.js';
export { type ServerOptionFields, SSHServerConnectionOptions } from './options/server-options.js';
export { connectReverse } from './reverse/connect-reverse.js';
export { type ListenReverseParams, listenReverse } from './reverse/listen-reverse.js';
export { runClient, runServer } from './run-on-socket.js';
export { scp } from './scp.js';
export { SSHAcceptor } from './server/acceptor.js';
export type { TunnelAnswer } from './server/direct-tcpip.js';
export type { SftpFactory } from './server/file-transfer.js';
export { listen } from './server/listen.js';
export type { ListenAnswer } from './server/remote-listen.js';
export { SSHServerConnection } from './server/server-connection.js';
export { SSHServer } from './server/ssh-server.js';
