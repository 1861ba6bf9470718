import dns from 'node:dns/promises';
import net from 'node:net';
import { listenTunnelStreams } from '@ssh/forward';
import type { ByteStream } from '@ssh/transport';
import { fromNodeStream } from '@ssh/transport/node';
import { ConnectionLost } from '@ssh/wire';
import type { SSHClientConnection } from '../client/client-connection.js';
import { tunnelConnection } from '../client/tunnel-connection.js';
import { lookupHints } from '../options/address-flags.js';
import { socketPeerInfo } from '../socket-info.js';
import { type AcceptorEndpoint, nodeServersEndpoint, sshListenerEndpoint } from './acceptor-endpoint.js';
import type { PeerInfo } from './start-server.js';

/** Where and how listen and listenReverse listen. */
export interface ListenParams {
  host?: string | undefined;
  port: number;
  family?: 0 | 4 | 6 | undefined;
  flags?: number | undefined;
  backlog?: number | undefined;
  reuseAddress?: boolean | undefined;
  reusePort?: boolean | undefined;
  sock?: net.Server | undefined;
  tunnel?: SSHClientConnection | string | null | undefined;
  config?: string | readonly string[] | null | undefined;
  tcpKeepalive?: boolean | undefined;
}

/** Receives each arriving connection as a byte stream with the addresses of its two ends. */
export type ArrivalHandler = (stream: ByteStream, peer: PeerInfo) => void;

/** What listening gave: where it listens, and the local servers (none through a tunnel). */
export interface Listening {
  endpoint: AcceptorEndpoint;
  servers: net.Server[];
}

/** Node 22.12 / 23.1 added SO_REUSEPORT to server.listen. */
function nodeHasReusePort(): boolean {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  return major > 23 || (major === 23 && minor >= 1) || (major === 22 && minor >= 12);
}

/**
 * Listen as AsyncSSH's listen does: through a tunnel connection (a remote
 * tcpip-forward listener), on a given server, or locally on every address
 * `host` resolves to (all addresses when host is empty).
 */
export async function openListening(
  fn: string,
  p: ListenParams,
  onArrival: ArrivalHandler,
): Promise<Listening> {
  const hints = lookupHints(fn, p.flags);
  if (p.reuseAddress === false) {
    throw new TypeError(
      `${fn}: option "reuseAddress" cannot be false: Node always reuses local addresses (SO_REUSEADDR) when it listens`,
    );
  }
  if (p.reusePort && !nodeHasReusePort()) {
    throw new TypeError(
      `${fn}: option "reusePort" needs Node 22.12 or later (this is Node ${process.versions.node})`,
    );
  }
  if (p.tunnel !== undefined && p.tunnel !== null && p.tunnel !== 'none') {
    return listenThroughTunnel(fn, p, p.tunnel, onArrival);
  }
  const serve = (server: net.Server) =>
    server.on('connection', (sock: net.Socket) => {
      sock.setNoDelay(true);
      sock.setKeepAlive(p.tcpKeepalive ?? true);
      onArrival(fromNodeStream(sock), socketPeerInfo(sock));
    });
  if (p.sock) {
    serve(p.sock);
    if (!p.sock.listening) await listenOn(p.sock, { port: p.port, backlog: p.backlog ?? 100 });
    return { endpoint: nodeServersEndpoint([p.sock]), servers: [p.sock] };
  }
  const common = {
    backlog: p.backlog ?? 100,
    ...(p.reusePort ? { reusePort: true } : {}),
  };
  const servers: net.Server[] = [];
  try {
    if (!p.host) {
      const server = serve(net.createServer());
      servers.push(server);
      await listenOn(server, {
        ...common,
        port: p.port,
        ...(p.family === 4 ? { host: '0.0.0.0' } : {}),
        ...(p.family === 6 ? { host: '::', ipv6Only: true } : {}),
      });
    } else {
      const addrs = await lookupAll(p.host, p.family, hints);
      let port = p.port;
      for (const address of addrs) {
        const server = serve(net.createServer());
        servers.push(server);
        await listenOn(server, { ...common, host: address, port });
        if (port === 0) port = (server.address() as net.AddressInfo).port;
      }
    }
  } catch (err) {
    for (const s of servers) s.close();
    throw err;
  }
  return { endpoint: nodeServersEndpoint(servers), servers };
}

/** Every address of `host` for the family and lookup hints, without duplicates. */
async function lookupAll(host: string, family: 0 | 4 | 6 | undefined, hints: number): Promise<string[]> {
  try {
    const found = await dns.lookup(host, { all: true, family: family ?? 0, ...(hints ? { hints } : {}) });
    return [...new Set(found.map((a) => a.address))];
  } catch (err) {
    throw new ConnectionLost(`cannot listen on ${host}: ${(err as Error).message}`, undefined, {
      cause: err,
    });
  }
}

function listenOn(server: net.Server, options: net.ListenOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (err: Error) =>
      reject(new ConnectionLost(`cannot listen: ${err.message}`, undefined, { cause: err }));
    server.once('error', onError);
    server.listen(options, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

async function listenThroughTunnel(
  fn: string,
  p: ListenParams,
  tunnel: SSHClientConnection | string,
  onArrival: ArrivalHandler,
): Promise<Listening> {
  const { conn, opened } = await tunnelConnection(fn, tunnel, p.config, new AbortController().signal);
  const host = p.host ?? '';
  try {
    const listener = await listenTunnelStreams(conn.connection, host, p.port, (a) =>
      onArrival(a.stream, { peername: [a.origHost, a.origPort], sockname: [host, listener.getPort()] }),
    );
    const endpoint = sshListenerEndpoint(listener, host);
    if (!opened.length) return { endpoint, servers: [] };
    // Jump connections opened for a string tunnel close with the listener.
    return {
      endpoint: {
        ...endpoint,
        close() {
          endpoint.close();
          endpoint.waitClosed().then(() => {
            for (const c of [...opened].reverse()) c.close();
          });
        },
      },
      servers: [],
    };
  } catch (err) {
    for (const c of [...opened].reverse()) c.close();
    throw err;
  }
}
