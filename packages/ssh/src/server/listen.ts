import net from 'node:net';
import { fromNodeStream } from '@ssh/transport/node';
import { ConnectionLost } from '@ssh/wire';
import { applyServerConfig } from '../config/server-config.js';
import { resolveServerOptions, type ServerOptionFields } from '../options/server-options.js';
import { socketPeerInfo } from '../socket-info.js';
import { SSHAcceptor } from './acceptor.js';
import { prepareServer, type ServerSetup, startServerConnection } from './start-server.js';

/** The default SSH port listen uses when none is given. */
const SSH_PORT = 22;

/**
 * Start an SSH server (AsyncSSH's `listen`): each connection gets a key
 * exchange with the host keys, user authentication through `serverFactory`
 * and `authorizedClientKeys`, then sessions through `processFactory`,
 * `sessionFactory` or `sessionRequested`. `acceptor` sees each connection once
 * its user has logged in; `errorHandler` each that failed before.
 */
export async function listen(options: ServerOptionFields): Promise<SSHAcceptor<ServerOptionFields>> {
  let opts = withServerConfig(resolveServerOptions('listen', options));
  let setup = prepareServer('listen', opts);
  const server = opts.sock instanceof net.Server ? opts.sock : net.createServer();
  const acceptor = new SSHAcceptor<ServerOptionFields>(server, (changes) => {
    opts = withServerConfig(resolveServerOptions('SSHAcceptor.update', { ...changes, options: opts }));
    setup = prepareServer('SSHAcceptor.update', opts);
  });
  server.on('connection', (sock: net.Socket) => serveSocket(sock, setup, acceptor));
  if (!server.listening) {
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err) =>
        reject(new ConnectionLost(`cannot listen: ${err.message}`, undefined, { cause: err })),
      );
      server.listen(
        {
          port: opts.port ?? SSH_PORT,
          ...(opts.host ? { host: opts.host } : opts.family === 4 ? { host: '0.0.0.0' } : {}),
          ...(opts.family === 6 ? { ipv6Only: true } : {}),
          backlog: opts.backlog ?? 100,
        },
        () => resolve(),
      );
    });
  }
  return acceptor;
}

/** Serve one accepted socket: handshake and login, then hand the connection to `acceptor`. */
function serveSocket(sock: net.Socket, setup: ServerSetup, acceptor: SSHAcceptor<ServerOptionFields>): void {
  const o = setup.options;
  sock.setNoDelay(true);
  sock.setKeepAlive(o.tcpKeepalive ?? true);
  startServerConnection(fromNodeStream(sock), setup, socketPeerInfo(sock)).then(
    (conn) => {
      acceptor.track(conn);
      Promise.resolve()
        .then(() => o.acceptor?.(conn))
        .catch((err: Error) => {
          o.errorHandler?.(conn, err);
          conn.abort();
        });
    },
    (err: Error) => o.errorHandler?.(null, err),
  );
}

/** Options with the named sshd_config files applied under them (none unless `config` names some). */
export function withServerConfig(o: ServerOptionFields): ServerOptionFields {
  if (o.config === undefined || o.config === null) return o;
  return applyServerConfig(o.config, stripUndefined(o));
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
