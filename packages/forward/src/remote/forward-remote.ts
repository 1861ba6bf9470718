import {
  type ChannelOptions,
  createServer,
  createUnixServer,
  type SessionHandler,
  type SSHConnection,
} from '@ssh/channels';
import { ConnectionLost } from '@ssh/wire';
import { checkPort } from '../listener.js';
import { SSHForwarder } from '../pump/forwarder.js';
import { connectLocal, type LocalTarget } from './connect-local.js';
import { RemoteForwardListener } from './remote-listener.js';

function deliverTo(conn: SSHConnection, target: () => LocalTarget): () => Promise<SessionHandler> {
  return async () => {
    const socket = await connectLocal(target());
    if (conn.isClosed) {
      // The channel can't be confirmed any more: don't leave the socket open.
      socket.destroy();
      throw new ConnectionLost('connection closed');
    }
    return new SSHForwarder(socket);
  };
}

function bytes(options: ChannelOptions): ChannelOptions {
  return { ...options, encoding: null };
}

/**
 * Ask the server to listen on listenHost:listenPort (tcpip-forward) and deliver
 * each connection to the local destHost:destPort. Port 0 lets the server pick
 * (see getPort); destPort 0 means that same port. Rejects with
 * ChannelListenError when the server refuses.
 */
export async function forwardRemotePort(
  conn: SSHConnection,
  listenHost: string,
  listenPort: number,
  destHost: string,
  destPort: number,
  options: ChannelOptions = {},
): Promise<RemoteForwardListener> {
  checkPort(listenPort, 'listen port');
  checkPort(destPort, 'destination port');
  let port = destPort;
  const inner = await createServer(
    conn,
    deliverTo(conn, () => ({ host: destHost, port })),
    listenHost,
    listenPort,
    bytes(options),
  );
  if (port === 0) port = inner.getPort();
  return new RemoteForwardListener(inner, [listenHost, inner.getPort()]).closeWith(conn);
}

/**
 * Ask the server to listen on its UNIX socket listenPath
 * (streamlocal-forward@openssh.com) and deliver each connection to the local
 * UNIX socket destPath. Rejects with ChannelListenError when the server refuses.
 */
export async function forwardRemotePath(
  conn: SSHConnection,
  listenPath: string,
  destPath: string,
  options: ChannelOptions = {},
): Promise<RemoteForwardListener> {
  const inner = await createUnixServer(
    conn,
    deliverTo(conn, () => ({ path: destPath })),
    listenPath,
    bytes(options),
  );
  return new RemoteForwardListener(inner, [listenPath, 0]).closeWith(conn);
}

/** Ask the server to listen on listenHost:listenPort and deliver each connection to the local UNIX socket destPath. */
export async function forwardRemotePortToPath(
  conn: SSHConnection,
  listenHost: string,
  listenPort: number,
  destPath: string,
  options: ChannelOptions = {},
): Promise<RemoteForwardListener> {
  checkPort(listenPort, 'listen port');
  const inner = await createServer(
    conn,
    deliverTo(conn, () => ({ path: destPath })),
    listenHost,
    listenPort,
    bytes(options),
  );
  return new RemoteForwardListener(inner, [listenHost, inner.getPort()]).closeWith(conn);
}

/** Ask the server to listen on its UNIX socket listenPath and deliver each connection to the local destHost:destPort. */
export async function forwardRemotePathToPort(
  conn: SSHConnection,
  listenPath: string,
  destHost: string,
  destPort: number,
  options: ChannelOptions = {},
): Promise<RemoteForwardListener> {
  checkPort(destPort, 'destination port');
  const inner = await createUnixServer(
    conn,
    deliverTo(conn, () => ({ host: destHost, port: destPort })),
    listenPath,
    bytes(options),
  );
  return new RemoteForwardListener(inner, [listenPath, 0]).closeWith(conn);
}
