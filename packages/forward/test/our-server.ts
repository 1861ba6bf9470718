import net from 'node:net';
import { authenticateServer } from '@ssh/auth';
import { SSHConnection } from '@ssh/channels';
import { generatePrivateKey, type SSHKey } from '@ssh/crypto';
import { Transport } from '@ssh/transport';
import { fromNodeStream } from '@ssh/transport/node';

/** Our server on 127.0.0.1: any public key logs in; `onConnection` gets each logged-in connection layer. */
export async function startOurServer(onConnection: (conn: SSHConnection) => void): Promise<{
  port: number;
  knownHosts: string;
  close(): void;
}> {
  const hostKey: SSHKey = generatePrivateKey('ssh-ed25519');
  const transports: Transport[] = [];
  const server = net.createServer((sock) => {
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
        onConnection(conn);
      })
      .catch(() => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  const pub = new TextDecoder().decode(hostKey.exportPublicKey('openssh')).trim();
  return {
    port,
    knownHosts: `[127.0.0.1]:${port} ${pub}\n`,
    close: () => {
      for (const t of transports) t.abort();
      server.close();
    },
  };
}
