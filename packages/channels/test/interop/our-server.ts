import net from 'node:net';
import { authenticateServer } from '@ssh/auth';
import { generatePrivateKey, type SSHKey } from '@ssh/crypto';
import { Transport } from '@ssh/transport';
import { fromNodeStream } from '@ssh/transport/node';
import { acceptSessions, type ServerSessionOptions, SSHConnection } from '../../src/index.js';

/** Our server on 127.0.0.1: any public key logs in (anyone with `noAuth`), sessions go to `options`. */
export async function startOurServer(
  options: ServerSessionOptions,
  auth: { noAuth?: boolean; onConnection?: (conn: SSHConnection) => void } = {},
): Promise<{
  port: number;
  hostKey: SSHKey;
  userKey: SSHKey;
  knownHosts: string;
  close(): void;
}> {
  const hostKey = generatePrivateKey('ssh-ed25519');
  const userKey = generatePrivateKey('ssh-ed25519');
  const conns: Transport[] = [];
  const server = net.createServer((sock) => {
    let conn: SSHConnection | undefined;
    const t = new Transport(
      fromNodeStream(sock),
      { role: 'server', serverHostKeys: [hostKey] },
      { drain: () => conn?.transportDrained() },
    );
    conns.push(t);
    t.ready
      .then(() =>
        authenticateServer(t, {
          hooks: { validatePublicKey: () => true, ...(auth.noAuth ? { beginAuth: () => false } : {}) },
        }),
      )
      .then(() => {
        conn = new SSHConnection(t);
        acceptSessions(conn, options);
        auth.onConnection?.(conn);
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
    knownHosts: `[127.0.0.1]:${port} ${pub}\n`,
    close: () => {
      for (const t of conns) t.abort();
      server.close();
    },
  };
}
