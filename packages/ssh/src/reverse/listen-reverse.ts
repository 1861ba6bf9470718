import net from 'node:net';
import { fromNodeStream } from '@ssh/transport/node';
import { ConnectionLost } from '@ssh/wire';
import type { SSHClientConnection } from '../client/client-connection.js';
import { startClientConnection } from '../client/start-client.js';
import { withClientConfig } from '../config/client-config.js';
import { type ClientOptionFields, resolveClientOptions } from '../options/client-options.js';
import { SSHAcceptor } from '../server/acceptor.js';
import { socketPeerInfo } from '../socket-info.js';

/** How listenReverse listens and what it does with each connection. */
export interface ListenReverseParams {
  /** Called with each connection once logged in. */
  acceptor?: (conn: SSHClientConnection) => unknown;
  /** Called when a connection's handshake or login fails. */
  errorHandler?: (conn: SSHClientConnection | null, err: Error) => void;
  /** Pending-connection queue length (default 100). */
  backlog?: number;
}

/**
 * Listen for connections and run an SSH client on each (AsyncSSH's
 * `listen_reverse`): the peer dials in and runs a server in reverse. Host
 * keys are checked against the peer's address as the host name.
 */
export async function listenReverse(
  options: ClientOptionFields & ListenReverseParams,
): Promise<SSHAcceptor<ClientOptionFields>> {
  const { acceptor: onAccept, errorHandler, backlog, ...rest } = options;
  let opts = resolveClientOptions('listenReverse', rest);
  const listenHost = opts.host;
  const server = net.createServer();
  const acceptor = new SSHAcceptor<ClientOptionFields>(server, (changes) => {
    opts = resolveClientOptions('SSHAcceptor.update', { ...changes, options: opts });
  });
  server.on('connection', (sock: net.Socket) => {
    sock.setNoDelay(true);
    sock.setKeepAlive(opts.tcpKeepalive ?? true);
    const peer = socketPeerInfo(sock);
    const host = sock.remoteAddress ?? '';
    const o = withClientConfig(host, { ...opts, host, port: sock.remotePort ?? 0 });
    startClientConnection(fromNodeStream(sock), o, { host, port: o.port ?? 0, ...peer }).then(
      (conn) => {
        acceptor.track(conn);
        Promise.resolve()
          .then(() => onAccept?.(conn))
          .catch((err: Error) => {
            errorHandler?.(conn, err);
            conn.abort();
          });
      },
      (err: Error) => errorHandler?.(null, err),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) =>
      reject(new ConnectionLost(`cannot listen: ${err.message}`, undefined, { cause: err })),
    );
    server.listen(
      {
        port: opts.port ?? 22,
        ...(listenHost ? { host: listenHost } : opts.family === 4 ? { host: '0.0.0.0' } : {}),
        ...(opts.family === 6 ? { ipv6Only: true } : {}),
        backlog: backlog ?? 100,
      },
      () => resolve(),
    );
  });
  return acceptor;
}
