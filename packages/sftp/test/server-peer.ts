import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { authenticateClient, authenticateServer } from '@ssh/auth';
import { acceptSessions, type ServerSessionOptions, SSHConnection } from '@ssh/channels';
import { generatePrivateKey, importPrivateKey, type SSHKey } from '@ssh/crypto';
import type { RunningServer } from '@ssh/testing';
import { Transport } from '@ssh/transport';
import { fromNodeStream } from '@ssh/transport/node';

/** sha256 of a file, hex. */
export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Connect our client to a real server, log in with its client key, and start the connection layer. */
export async function connectTo(server: RunningServer): Promise<SSHConnection> {
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

/** Our server on 127.0.0.1 for OpenSSH clients: any public key logs in; sessions go to `options`. */
export async function startOurServer(options: ServerSessionOptions): Promise<{
  port: number;
  hostKey: SSHKey;
  userKey: SSHKey;
  userKeyText: string;
  knownHosts: string;
  close(): void;
}> {
  const hostKey = generatePrivateKey('ssh-ed25519');
  const userKey = generatePrivateKey('ssh-ed25519');
  const transports: Transport[] = [];
  const server = net.createServer((sock) => {
    sock.setNoDelay(true);
    let conn: SSHConnection | undefined;
    const t = new Transport(
      fromNodeStream(sock),
      { role: 'server', serverHostKeys: [hostKey] },
      { drain: () => conn?.transportDrained() },
    );
    transports.push(t);
    t.ready
      .then(() => authenticateServer(t, { hooks: { validatePublicKey: () => true } }))
      .then(() => {
        conn = new SSHConnection(t);
        acceptSessions(conn, options);
      })
      .catch(() => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  const pub = new TextDecoder().decode(hostKey.exportPublicKey('openssh')).trim();
  return {
    port,
    hostKey,
    userKey,
    userKeyText: new TextDecoder().decode(userKey.exportPrivateKey('openssh')),
    knownHosts: `[127.0.0.1]:${port} ${pub}\n`,
    close: () => {
      for (const t of transports) t.abort();
      server.close();
    },
  };
}

/** Connect our own client to our own server (started by startOurServer). */
export async function connectToOurs(server: {
  port: number;
  hostKey: SSHKey;
  userKey: SSHKey;
}): Promise<SSHConnection> {
  const trusted = Buffer.from(server.hostKey.publicData).toString('base64');
  const sock = net.connect({ host: '127.0.0.1', port: server.port });
  sock.setNoDelay(true);
  await new Promise((r) => sock.once('connect', r));
  let conn: SSHConnection | undefined;
  const t = new Transport(
    fromNodeStream(sock),
    {
      role: 'client',
      verifyHostKey: (key: SSHKey) => Buffer.from(key.publicData).toString('base64') === trusted,
    },
    { drain: () => conn?.transportDrained() },
  );
  await t.ready;
  await authenticateClient(t, { username: 'tester', clientKeys: [server.userKey] });
  conn = new SSHConnection(t);
  return conn;
}
