import type { Socket } from 'node:net';
import { ChannelOpenError, type ChannelOptions, createConnection, type SSHConnection } from '@ssh/channels';
import { OPEN_ADMINISTRATIVELY_PROHIBITED, OPEN_CONNECT_FAILED } from '@ssh/wire';
import { LocalForwardListener } from '../local/local-listener.js';
import { peerOf } from '../local/tunnel-socket.js';
import { SSHForwarder } from '../pump/forwarder.js';
import {
  connectReply,
  SOCKS5_CONNECTION_REFUSED,
  SOCKS5_GENERAL_FAILURE,
  SOCKS5_NOT_ALLOWED,
  SOCKS5_SUCCEEDED,
  SocksNegotiation,
} from './negotiation.js';

/** The SOCKS 5 reply code for a refused channel open. */
function failureCode(err: unknown): number {
  if (!(err instanceof ChannelOpenError)) return SOCKS5_GENERAL_FAILURE;
  if (err.code === OPEN_CONNECT_FAILED) return SOCKS5_CONNECTION_REFUSED;
  if (err.code === OPEN_ADMINISTRATIVELY_PROHIBITED) return SOCKS5_NOT_ALLOWED;
  return SOCKS5_GENERAL_FAILURE;
}

/** Run the SOCKS handshake on one accepted socket, then tunnel it to the host and port it asked for. */
function serveSocks(conn: SSHConnection, socket: Socket, options: ChannelOptions): void {
  const socks = new SocksNegotiation();
  // A client that hangs up mid-handshake is dropped (the socket allows half-close).
  const onEnd = () => socket.destroy();
  const onData = (chunk: Buffer) => {
    socks.feed(chunk);
    for (;;) {
      const step = socks.next();
      if (step.type === 'need') return;
      if (step.type === 'reply') {
        if (step.close) {
          socket.off('data', onData);
          socket.off('end', onEnd);
          if (step.data.length > 0) socket.end(step.data);
          else socket.destroy();
          return;
        }
        socket.write(step.data);
        continue;
      }
      socket.pause();
      socket.off('data', onData);
      socket.off('end', onEnd);
      const [origHost, origPort] = peerOf(socket);
      const make = () => {
        socket.write(connectReply(step.version, SOCKS5_SUCCEEDED));
        return new SSHForwarder(socket, {}, step.rest);
      };
      createConnection(conn, make, step.host, step.port, { ...options, origHost, origPort }).catch(
        (err: unknown) => {
          conn.logger.debug1('SOCKS connect to %s:%s failed: %s', step.host, step.port, String(err));
          if (!socket.destroyed) socket.end(connectReply(step.version, failureCode(err)));
        },
      );
      return;
    }
  };
  socket.on('data', onData);
  socket.on('end', onEnd);
  socket.resume();
}

/**
 * Listen on the local listenHost:listenPort as a SOCKS 4, 4a and 5 (no
 * authentication, CONNECT) proxy: each request is tunneled through the server
 * to the host and port it names. Port 0 picks a free port. Rejects with the
 * system error when the listener can't be opened.
 */
export async function forwardSocks(
  conn: SSHConnection,
  listenHost: string,
  listenPort: number,
  options: ChannelOptions = {},
): Promise<LocalForwardListener> {
  const chan: ChannelOptions = { ...options, encoding: null };
  const listener = await LocalForwardListener.listenTcp(listenHost, listenPort, (socket) => {
    if (conn.isClosed) socket.destroy();
    else serveSocks(conn, socket, chan);
  });
  return listener.closeWith(conn);
}
