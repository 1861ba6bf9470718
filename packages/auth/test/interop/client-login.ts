import net from 'node:net';
import type { SSHKey } from '@ssh/crypto';
import type { RunningServer } from '@ssh/testing';
import { Transport } from '@ssh/transport';
import { fromNodeStream } from '@ssh/transport/node';
import { authenticateClient } from '../../src/client/authenticate.js';
import type { ClientAuthOptions } from '../../src/client/options.js';

/** A client transport (and its socket) to a running server, after the key exchange, trusting only its host keys. */
export async function clientTransport(server: RunningServer): Promise<{ t: Transport; sock: net.Socket }> {
  const trusted = new Set(server.hostKeys.map((k) => k.publicLine.split(' ')[1]));
  const sock = net.connect({ host: '127.0.0.1', port: server.port });
  await new Promise((r, j) => sock.once('connect', r).once('error', j));
  const t = new Transport(fromNodeStream(sock), {
    role: 'client',
    verifyHostKey: (key: SSHKey) => trusted.has(Buffer.from(key.publicData).toString('base64')),
  });
  await t.ready;
  return { t, sock };
}

/**
 * Connect, authenticate with `auth` (or what it makes of the socket),
 * disconnect; resolves with the transport, rejects as auth does.
 */
export async function login(
  server: RunningServer,
  auth: ClientAuthOptions | ((sock: net.Socket) => ClientAuthOptions | Promise<ClientAuthOptions>),
): Promise<Transport> {
  const { t, sock } = await clientTransport(server);
  try {
    await authenticateClient(t, typeof auth === 'function' ? await auth(sock) : auth);
  } finally {
    t.disconnect();
  }
  return t;
}
