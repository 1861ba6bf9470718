import { readFileSync } from 'node:fs';
import net from 'node:net';
import { authenticateClient } from '@ssh/auth';
import { importPrivateKey, type SSHKey } from '@ssh/crypto';
import type { RunningServer } from '@ssh/testing';
import { Transport } from '@ssh/transport';
import { fromNodeStream } from '@ssh/transport/node';
import { SSHConnection, type SSHConnectionOptions } from '../../src/index.js';

/** Connect our client to a real server, log in with its client key, and start the connection layer. */
export async function connectTo(
  server: RunningServer,
  options: SSHConnectionOptions = {},
): Promise<SSHConnection> {
  const trusted = new Set(server.hostKeys.map((k) => k.publicLine.split(' ')[1]));
  const sock = net.connect({ host: '127.0.0.1', port: server.port });
  sock.setNoDelay(true);
  await new Promise((r) => sock.once('connect', r));
  let conn: SSHConnection | undefined;
  const t = new Transport(
    fromNodeStream(sock),
    {
      role: 'client',
      verifyHostKey: (key: SSHKey) => trusted.has(Buffer.from(key.publicData).toString('base64')),
    },
    { drain: () => conn?.transportDrained() },
  );
  await t.ready;
  await authenticateClient(t, {
    username: server.user,
    clientKeys: [importPrivateKey(readFileSync(server.clientKey.path))],
  });
  conn = new SSHConnection(t, options);
  return conn;
}
