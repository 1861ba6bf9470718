import {
  type ChannelOptions,
  createConnection,
  createUnixConnection,
  type SSHConnection,
} from '@ssh/channels';
import { type AcceptHandler, checkPort } from '../listener.js';
import { LocalForwardListener } from './local-listener.js';
import { tunnelSocket } from './tunnel-socket.js';

/** Options of a local forwarding: channel settings and, for TCP listeners, an accept handler. */
export interface LocalForwardOptions extends ChannelOptions {
  /** Decides per connection (origHost, origPort) whether to forward it; default: all. */
  acceptHandler?: AcceptHandler;
}

function channelOptions(options: LocalForwardOptions): ChannelOptions {
  const { acceptHandler: _, ...rest } = options;
  return { ...rest, encoding: null };
}

/**
 * Listen on the local listenHost:listenPort and tunnel each connection to
 * destHost:destPort through the server (direct-tcpip). Port 0 picks a free
 * port; destPort 0 means the port listened on. Rejects with the system error
 * when the listener can't be opened.
 */
export async function forwardLocalPort(
  conn: SSHConnection,
  listenHost: string,
  listenPort: number,
  destHost: string,
  destPort: number,
  options: LocalForwardOptions = {},
): Promise<LocalForwardListener> {
  checkPort(destPort, 'destination port');
  const chan = channelOptions(options);
  let port = destPort;
  const listener = await LocalForwardListener.listenTcp(listenHost, listenPort, (socket) =>
    tunnelSocket(conn, socket, options.acceptHandler, (origHost, origPort, make) =>
      createConnection(conn, make, destHost, port, { ...chan, origHost, origPort }),
    ),
  );
  if (port === 0) port = listener.getPort();
  return listener.closeWith(conn);
}

/**
 * Listen on the local UNIX socket listenPath and tunnel each connection to
 * the server's UNIX socket destPath (direct-streamlocal@openssh.com).
 */
export async function forwardLocalPath(
  conn: SSHConnection,
  listenPath: string,
  destPath: string,
  options: ChannelOptions = {},
): Promise<LocalForwardListener> {
  const chan = channelOptions(options);
  const listener = await LocalForwardListener.listenPath(listenPath, (socket) =>
    tunnelSocket(conn, socket, undefined, (_h, _p, make) => createUnixConnection(conn, make, destPath, chan)),
  );
  return listener.closeWith(conn);
}

/** Listen on the local listenHost:listenPort and tunnel each connection to the server's UNIX socket destPath. */
export async function forwardLocalPortToPath(
  conn: SSHConnection,
  listenHost: string,
  listenPort: number,
  destPath: string,
  options: LocalForwardOptions = {},
): Promise<LocalForwardListener> {
  const chan = channelOptions(options);
  const listener = await LocalForwardListener.listenTcp(listenHost, listenPort, (socket) =>
    tunnelSocket(conn, socket, options.acceptHandler, (_h, _p, make) =>
      createUnixConnection(conn, make, destPath, chan),
    ),
  );
  return listener.closeWith(conn);
}

/** Listen on the local UNIX socket listenPath and tunnel each connection to destHost:destPort. */
export async function forwardLocalPathToPort(
  conn: SSHConnection,
  listenPath: string,
  destHost: string,
  destPort: number,
  options: ChannelOptions = {},
): Promise<LocalForwardListener> {
  checkPort(destPort, 'destination port');
  const chan = channelOptions(options);
  const listener = await LocalForwardListener.listenPath(listenPath, (socket) =>
    tunnelSocket(conn, socket, undefined, (_h, _p, make) =>
      createConnection(conn, make, destHost, destPort, chan),
    ),
  );
  return listener.closeWith(conn);
}
