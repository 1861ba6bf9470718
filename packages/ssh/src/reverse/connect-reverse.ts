import { openTunnelStream } from '@ssh/forward';
import type { ByteStream } from '@ssh/transport';
import { fromNodeStream } from '@ssh/transport/node';
import { deadline } from '../client/connect.js';
import { openSocket } from '../client/open-socket.js';
import { proxyCommandStream } from '../client/proxy-command.js';
import { resolveServerOptions, type ServerOptionFields } from '../options/server-options.js';
import { withServerConfig } from '../server/listen.js';
import type { SSHServerConnection } from '../server/server-connection.js';
import { type PeerInfo, prepareServer, startServerConnection } from '../server/start-server.js';
import { socketPeerInfo } from '../socket-info.js';

/**
 * Dial out to host:port and run an SSH server on that connection (AsyncSSH's
 * `connect_reverse`): the peer runs a client in reverse. Resolves once the
 * peer has logged in.
 */
export async function connectReverse(
  hostOrOptions: string | ServerOptionFields,
  maybeOptions: ServerOptionFields = {},
): Promise<SSHServerConnection> {
  const given = typeof hostOrOptions === 'string' ? { ...maybeOptions, host: hostOrOptions } : hostOrOptions;
  const o = withServerConfig(resolveServerOptions('connectReverse', given));
  const setup = prepareServer('connectReverse', o);
  const host = o.host || 'localhost';
  const port = o.port ?? 22;
  const limit = deadline(`${host}:${port}`, o.connectTimeout, o.signal);
  try {
    let stream: ByteStream;
    let peer: PeerInfo;
    if (o.tunnel) {
      stream = (await openTunnelStream(o.tunnel.connection, host, port)).stream;
      peer = { peername: [host, port], sockname: ['', 0] };
    } else if (o.proxyCommand) {
      stream = proxyCommandStream(o.proxyCommand);
      peer = { peername: [host, port], sockname: ['', 0] };
    } else {
      const sock =
        o.sock && !('listen' in o.sock)
          ? o.sock
          : await openSocket(
              { host, port, family: o.family, localAddr: o.localAddr, tcpKeepalive: o.tcpKeepalive },
              limit.signal,
            );
      stream = fromNodeStream(sock);
      peer = socketPeerInfo(sock);
    }
    const onAbort = () => stream.destroy();
    limit.signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await startServerConnection(stream, setup, peer);
    } catch (err) {
      if (limit.signal.aborted) throw limit.signal.reason ?? err;
      throw err;
    } finally {
      limit.signal.removeEventListener('abort', onAbort);
    }
  } finally {
    limit.done();
  }
}
