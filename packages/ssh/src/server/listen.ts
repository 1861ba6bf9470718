import net from 'node:net';
import type { ByteStream } from '@ssh/transport';
import { applyServerConfig } from '../config/server-config.js';
import { resolveServerOptions, type ServerOptionFields } from '../options/server-options.js';
import { SSHAcceptor } from './acceptor.js';
import { openListening } from './listen-endpoint.js';
import { type PeerInfo, prepareServer, type ServerSetup, startServerConnection } from './start-server.js';

/** The default SSH port listen uses when none is given. */
const SSH_PORT = 22;

/**
 * Start an SSH server (AsyncSSH's `listen`), on every address `host`
 * resolves to, or through `tunnel` (a remote listener on another SSH
 * connection): each connection gets a key
 * exchange with the host keys, user authentication through `serverFactory`
 * and `authorizedClientKeys`, then sessions through `processFactory`,
 * `sessionFactory` or `sessionRequested`. `acceptor` sees each connection once
 * its user has logged in; `errorHandler` each that failed before.
 */
export async function listen(options: ServerOptionFields): Promise<SSHAcceptor<ServerOptionFields>> {
  let opts = withServerConfig(resolveServerOptions('listen', options));
  let setup = prepareServer('listen', opts);
  let acceptor: SSHAcceptor<ServerOptionFields> | undefined;
  const pending: [ByteStream, PeerInfo][] = [];
  const arrive = (stream: ByteStream, peer: PeerInfo) => {
    if (acceptor) serveStream(stream, peer, setup, acceptor);
    else pending.push([stream, peer]);
  };
  const { endpoint, servers } = await openListening(
    'listen',
    {
      ...opts,
      port: opts.port ?? SSH_PORT,
      sock: opts.sock instanceof net.Server ? opts.sock : undefined,
      // Jump hosts of a string tunnel read the user's ssh_config, not these sshd_config files.
      config: undefined,
    },
    arrive,
  );
  acceptor = new SSHAcceptor<ServerOptionFields>(
    endpoint,
    (changes) => {
      opts = withServerConfig(resolveServerOptions('SSHAcceptor.update', { ...changes, options: opts }));
      setup = prepareServer('SSHAcceptor.update', opts);
    },
    servers,
  );
  for (const [stream, peer] of pending.splice(0)) serveStream(stream, peer, setup, acceptor);
  return acceptor;
}

/** Serve one arriving connection: handshake and login, then hand the connection to `acceptor`. */
function serveStream(
  stream: ByteStream,
  peer: PeerInfo,
  setup: ServerSetup,
  acceptor: SSHAcceptor<ServerOptionFields>,
): void {
  const o = setup.options;
  startServerConnection(stream, setup, peer).then(
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
