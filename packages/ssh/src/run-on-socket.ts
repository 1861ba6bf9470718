import type { Socket } from 'node:net';
import { fromNodeStream } from '@ssh/transport/node';
import type { SSHClientConnection } from './client/client-connection.js';
import { startClientConnection } from './client/start-client.js';
import { withClientConfig } from './config/client-config.js';
import { type ClientOptionFields, resolveClientOptions } from './options/client-options.js';
import { resolveServerOptions, type ServerOptionFields } from './options/server-options.js';
import { withServerConfig } from './server/listen.js';
import type { SSHServerConnection } from './server/server-connection.js';
import { prepareServer, startServerConnection } from './server/start-server.js';
import { socketPeerInfo } from './socket-info.js';

/**
 * Run an SSH client on a socket that is already connected (AsyncSSH's
 * `run_client`); the host key is checked against the peer's address unless
 * `host` names it.
 */
export function runClient(sock: Socket, options: ClientOptionFields = {}): Promise<SSHClientConnection> {
  const given = resolveClientOptions('runClient', options);
  const host = given.host ?? sock.remoteAddress ?? '';
  const o = withClientConfig(host, { ...given, host, port: given.port ?? sock.remotePort ?? 22 });
  return startClientConnection(fromNodeStream(sock), o, {
    host: o.host ?? host,
    port: o.port ?? 22,
    ...socketPeerInfo(sock),
    socket: sock,
  });
}

/** Run an SSH server on a socket that is already connected (AsyncSSH's `run_server`). */
export function runServer(sock: Socket, options: ServerOptionFields = {}): Promise<SSHServerConnection> {
  const o = withServerConfig(resolveServerOptions('runServer', options));
  return startServerConnection(fromNodeStream(sock), prepareServer('runServer', o), socketPeerInfo(sock));
}
