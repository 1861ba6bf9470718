import type { Socket } from 'node:net';
import type { SSHConnection } from '@ssh/channels';
import type { AcceptHandler } from '../listener.js';
import { SSHForwarder } from '../pump/forwarder.js';

/** Opens the channel for one local connection, with `make` as its session. */
export type OpenTunnel = (origHost: string, origPort: number, make: () => SSHForwarder) => Promise<unknown>;

/** The peer address of a local socket, an IPv4-mapped IPv6 address shown as IPv4. */
export function peerOf(socket: Socket): [string, number] {
  const host = socket.remoteAddress ?? '';
  return [host.startsWith('::ffff:') && host.includes('.') ? host.slice(7) : host, socket.remotePort ?? 0];
}

/**
 * Forward one accepted local socket: ask `accept` (when given), open the channel,
 * and pump data. A refusal, a failed open or a closed connection drops the socket.
 */
export function tunnelSocket(
  conn: SSHConnection,
  socket: Socket,
  accept: AcceptHandler | undefined,
  open: OpenTunnel,
): void {
  const [origHost, origPort] = peerOf(socket);
  void (async () => {
    try {
      if (accept && !(await accept(origHost, origPort))) {
        socket.destroy();
        return;
      }
      if (conn.isClosed) throw new Error('the SSH connection is closed');
      await open(origHost, origPort, () => new SSHForwarder(socket));
    } catch (err) {
      conn.logger.debug1(
        'Local forwarding from %s:%s failed: %s',
        origHost,
        origPort,
        (err as Error).message,
      );
      socket.destroy();
    }
  })();
}
