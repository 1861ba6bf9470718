import type { ByteStream } from '@ssh/transport';
import type { SSHClientConnection } from '../client/client-connection.js';
import { startClientConnection } from '../client/start-client.js';
import { withClientConfig } from '../config/client-config.js';
import { type ClientOptionFields, resolveClientOptions } from '../options/client-options.js';
import { SSHAcceptor } from '../server/acceptor.js';
import { openListening } from '../server/listen-endpoint.js';
import type { PeerInfo } from '../server/start-server.js';

/** How listenReverse listens and what it does with each connection. */
export interface ListenReverseParams {
  /** Called with each connection once logged in. */
  acceptor?: (conn: SSHClientConnection) => unknown;
  /** Called when a connection's handshake or login fails. */
  errorHandler?: (conn: SSHClientConnection | null, err: Error) => void;
  /** Pending-connection queue length (default 100). */
  backlog?: number;
  /** Reuse a local address in TIME_WAIT (default true; Node always does, so false is refused). */
  reuseAddress?: boolean;
  /** Let other sockets that also ask for it listen on the same port (needs Node 22.12+). */
  reusePort?: boolean;
}

/**
 * Listen for connections and run an SSH client on each (AsyncSSH's
 * `listen_reverse`): the peer dials in and runs a server in reverse, locally
 * or through `tunnel`. Host keys are checked against the peer's address as
 * the host name.
 */
export async function listenReverse(
  options: ClientOptionFields & ListenReverseParams,
): Promise<SSHAcceptor<ClientOptionFields>> {
  const { acceptor: onAccept, errorHandler, backlog, reuseAddress, reusePort, ...rest } = options;
  let opts = resolveClientOptions('listenReverse', rest);
  let acceptor: SSHAcceptor<ClientOptionFields> | undefined;
  const pending: [ByteStream, PeerInfo][] = [];
  const serve = (stream: ByteStream, peer: PeerInfo, to: SSHAcceptor<ClientOptionFields>) => {
    const host = peer.peername[0] ?? '';
    const o = withClientConfig(host, { ...opts, tunnel: null, host, port: peer.peername[1] ?? 0 });
    startClientConnection(stream, o, { host, port: o.port ?? 0, ...peer }).then(
      (conn) => {
        to.track(conn);
        Promise.resolve()
          .then(() => onAccept?.(conn))
          .catch((err: Error) => {
            errorHandler?.(conn, err);
            conn.abort();
          });
      },
      (err: Error) => errorHandler?.(null, err),
    );
  };
  const { endpoint, servers } = await openListening(
    'listenReverse',
    {
      host: opts.host,
      port: opts.port ?? 22,
      family: opts.family,
      flags: opts.flags,
      backlog,
      reuseAddress,
      reusePort,
      tunnel: opts.tunnel,
      config: opts.config,
      tcpKeepalive: opts.tcpKeepalive,
    },
    (stream, peer) => {
      if (acceptor) serve(stream, peer, acceptor);
      else pending.push([stream, peer]);
    },
  );
  const made = new SSHAcceptor<ClientOptionFields>(
    endpoint,
    (changes) => {
      opts = resolveClientOptions('SSHAcceptor.update', { ...changes, options: opts });
    },
    servers,
  );
  acceptor = made;
  for (const [stream, peer] of pending.splice(0)) serve(stream, peer, made);
  return made;
}
