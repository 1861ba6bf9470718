/**
 * @ssh/ssh: the whole AsyncSSH-style API (`connect`, `listen`, connections,
 * processes, keys, errors), built from the @ssh packages.
 */
export * from '@ssh/auth';
export * from '@ssh/channels';
export * from '@ssh/crypto';
export * from '@ssh/transport';
export * from '@ssh/wire';
export { SSHClientConnection } from './client/client-connection.js';
export { connect } from './client/connect.js';
export type { KnownHostsOption, SSHClientConnectionOptions } from './options/client-options.js';
export { DEFAULT_KEY_FILES, loadPrivateKey, type PrivateKeyArg } from './options/keys.js';
export type { SSHServerConnectionOptions } from './options/server-options.js';
export { listen, SSHAcceptor } from './server/listen.js';
export { SSHServerConnection } from './server/server-connection.js';
