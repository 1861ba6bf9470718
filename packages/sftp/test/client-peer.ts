import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { authenticateClient } from '@ssh/auth';
import { SSHConnection } from '@ssh/channels';
import { importPrivateKey, type SSHKey } from '@ssh/crypto';
import type { RunningServer } from '@ssh/testing';
import { Transport } from '@ssh/transport';
import { fromNodeStream } from '@ssh/transport/node';

/** Log our client in to a real server with its client key and start the connection layer. */
export async function connectClient(server: RunningServer): Promise<SSHConnection> {
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
  conn = new SSHConnection(t);
  return conn;
}

/** sha256 of bytes or a file, hex. */
export function sha256(data: Uint8Array | string): string {
  return createHash('sha256')
    .update(typeof data === 'string' ? readFileSync(data) : data)
    .digest('hex');
}

/** Write a file of `size` random bytes (making its folder) and return its hash. */
export function randomFile(file: string, size: number): string {
  mkdirSync(path.dirname(file), { recursive: true });
  const data = randomBytes(size);
  writeFileSync(file, data);
  return sha256(data);
}
