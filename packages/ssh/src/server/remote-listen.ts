import type { SSHConnection } from '@ssh/channels';
import { type ForwardListener, forwardLocalPath, forwardLocalPort } from '@ssh/forward';
import { PacketWriter } from '@ssh/wire';
import type { SSHServerConnection } from './server-connection.js';
import type { SSHServer } from './ssh-server.js';

/** What serverRequested may answer: true listens here and forwards (standard), false refuses, or a listener of its own. */
export type ListenAnswer = boolean | ForwardListener;

/**
 * Answer the client's tcpip-forward and streamlocal-forward@openssh.com
 * requests (RFC 4254 §7.1, OpenSSH PROTOCOL §2.4) with the server's
 * serverRequested / unixServerRequested: `true` listens on that address here
 * and opens a forwarded channel to the client for each connection.
 */
export function acceptRemoteListens(
  mux: SSHConnection,
  server: Partial<SSHServer>,
  conn: SSHServerConnection,
): void {
  // authorized_keys no-port-forwarding and the certificate's permit-port-forwarding apply first.
  const forwarding = () =>
    conn.checkKeyPermission('port-forwarding') && conn.checkCertificatePermission('port-forwarding');
  const listeners = new Map<string, ForwardListener>();
  const cancel = (key: string): boolean => {
    const listener = listeners.get(key);
    if (!listener) return false;
    listeners.delete(key);
    listener.close();
    return true;
  };
  const tcp = server.serverRequested;
  if (tcp) {
    mux.registerGlobalRequest('tcpip-forward', async (r) => {
      const host = r.readUtf8('address to bind');
      const port = r.readUint32('port to bind');
      if (!forwarding()) return false;
      const answer = await tcp.call(server, host, port);
      const listener =
        answer === true ? await forwardLocalPort(mux, host, port, host, 0).catch(() => null) : answer || null;
      if (!listener) return false;
      const bound = listener.getPort();
      listeners.set(`${host}:${bound}`, listener);
      return port === 0 ? new PacketWriter().writeUint32(bound).toBytes() : true;
    });
    mux.registerGlobalRequest('cancel-tcpip-forward', (r) =>
      cancel(`${r.readUtf8('address to bind')}:${r.readUint32('port to bind')}`),
    );
  }
  const unix = server.unixServerRequested;
  if (unix) {
    mux.registerGlobalRequest('streamlocal-forward@openssh.com', async (r) => {
      const path = r.readUtf8('socket path');
      if (!forwarding()) return false;
      const answer = await unix.call(server, path);
      const listener =
        answer === true ? await forwardLocalPath(mux, path, path).catch(() => null) : answer || null;
      if (!listener) return false;
      listeners.set(path, listener);
      return true;
    });
    mux.registerGlobalRequest('cancel-streamlocal-forward@openssh.com', (r) =>
      cancel(r.readUtf8('socket path')),
    );
  }
}
