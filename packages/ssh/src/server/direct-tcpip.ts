import net from 'node:net';
import {
  acceptTunnels,
  type SessionHandler,
  type SSHConnection,
  type SSHReader,
  type SSHWriter,
  type TunnelRequest,
} from '@ssh/channels';
import { permitsOpen } from './auth-state.js';
import type { SSHServerConnection } from './server-connection.js';
import type { SSHServer } from './ssh-server.js';

/** What connectionRequested may answer: a session, a (reader, writer) handler, true to forward for real, false to refuse. */
export type TunnelAnswer = SessionHandler | ((reader: SSHReader, writer: SSHWriter) => unknown) | boolean;

/** Carry a tunnel channel to a real socket, both ways, until either side ends. */
function pipeToSocket(connectTo: net.NetConnectOpts) {
  return async (reader: SSHReader, writer: SSHWriter) => {
    const sock = net.connect(connectTo);
    sock.setNoDelay(true);
    await new Promise<void>((resolve, reject) => {
      sock.once('connect', resolve);
      sock.once('error', reject);
    });
    sock.on('data', (chunk: Buffer) => {
      writer.write(chunk);
      sock.pause();
      writer.drain().then(
        () => sock.resume(),
        () => sock.destroy(),
      );
    });
    sock.on('end', () => writer.writeEof());
    sock.on('close', () => writer.channel.close());
    sock.on('error', () => writer.channel.close());
    try {
      for await (const chunk of reader) {
        if (!sock.write(chunk as Uint8Array)) await new Promise((r) => sock.once('drain', r));
      }
      sock.end();
    } catch {
      sock.destroy();
    }
  };
}

/**
 * Answer the client's direct-tcpip and direct-streamlocal opens with the
 * server's connectionRequested / unixConnectionRequested: `true` connects
 * to the destination and carries the bytes (standard forwarding).
 */
export function acceptDirectTunnels(
  mux: SSHConnection,
  server: Partial<SSHServer>,
  conn: SSHServerConnection,
): void {
  // authorized_keys no-port-forwarding / permitopen and the certificate's permit-port-forwarding apply first.
  const forwarding = () =>
    conn.checkKeyPermission('port-forwarding') && conn.checkCertificatePermission('port-forwarding');
  const tcp = server.connectionRequested;
  if (tcp) {
    acceptTunnels(mux, 'direct-tcpip', async (req: TunnelRequest) => {
      if (!forwarding() || !permitsOpen(conn.authState.keyOptions, req.host, req.port)) return false;
      const answer = await tcp.call(server, req.host, req.port, req.origHost, req.origPort);
      return answer === true ? pipeToSocket({ host: req.host, port: req.port }) : answer;
    });
  }
  const unix = server.unixConnectionRequested;
  if (unix) {
    acceptTunnels(mux, 'direct-streamlocal@openssh.com', async (req: TunnelRequest) => {
      if (!forwarding()) return false;
      const answer = await unix.call(server, req.host);
      return answer === true ? pipeToSocket({ path: req.host }) : answer;
    });
  }
}
