import { createServer, type SSHChannel, type SSHConnection, type SSHListener } from '@ssh/channels';
import type { ByteStream } from '@ssh/transport';
import { ConnectionLost } from '@ssh/wire';
import { ChannelByteStream, SinkSession } from './channel-stream.js';

/** One connection that arrived on a tunnel listener, as a byte stream another SSH transport can run over. */
export interface TunnelArrival {
  stream: ByteStream;
  channel: SSHChannel;
  /** Address and port of the peer that connected to the remote listener. */
  origHost: string;
  origPort: number;
}

/**
 * Ask the server of `conn` to listen on host:port (tcpip-forward) and hand
 * each connection arriving there to `onArrival` as a byte stream, so that an
 * SSH server or reverse client can run over it (AsyncSSH's `listen(tunnel=)`).
 * Port 0 lets the server pick (see the listener's getPort). Rejects with
 * ChannelListenError when the server refuses.
 */
export async function listenTunnelStreams(
  conn: SSHConnection,
  host: string,
  port: number,
  onArrival: (arrival: TunnelArrival) => void,
): Promise<SSHListener> {
  if (conn.isClosed) throw new ConnectionLost('the tunnel connection is closed');
  return createServer(
    conn,
    (origHost, origPort) => {
      const session: SinkSession = new SinkSession((channel) =>
        onArrival({ stream: new ChannelByteStream(channel, session), channel, origHost, origPort }),
      );
      return session;
    },
    host,
    port,
    { encoding: null },
  );
}
