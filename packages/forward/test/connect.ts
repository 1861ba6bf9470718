import { readFileSync } from 'node:fs';
import net from 'node:net';
import { authenticateClient } from '@ssh/auth';
import { SSHConnection, type SSHConnectionOptions } from '@ssh/channels';
import { importPrivateKey, type SSHKey } from '@ssh/crypto';
import type { RunningServer } from '@ssh/testing';
import { Transport } from '@ssh/transport';
import { fromNodeStream } from '@ssh/transport/node';

/** Log our client in to a real server with its client key and return the connection layer over it. */
export async function loginTo(
  server: RunningServer,
  options: SSHConnectionOptions = {},
): Promise<SSHConnection> {
  const trusted = new Set(server.hostKeys.map((k) => k.publicLine.split(' ')[1]));
  const sock = net.connect({ host: '127.0.0.1', port: server.port });
  sock.setNoDelay(true);
  await new Promise((resolve, reject) => {
    sock.once('connect', resolve);
    sock.once('error', reject);
  });
  let conn: SSHConnection | undefined;
  const transport = new Transport(
    fromNodeStream(sock),
    {
      role: 'client',
      verifyHostKey: (key: SSHKey) => trusted.has(Buffer.from(key.publicData).toString('base64')),
    },
    { drain: () => conn?.transportDrained() },
  );
  await transport.ready;
  await authenticateClient(transport, {
    username: server.user,
    clientKeys: [importPrivateKey(readFileSync(server.clientKey.path))],
  });
  conn = new SSHConnection(transport, options);
  return conn;
}
