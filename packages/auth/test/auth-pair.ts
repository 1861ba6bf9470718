import { generatePrivateKey, type SSHKey } from '@ssh/crypto';
import { createMemoryStreamPair, Transport } from '@ssh/transport';

let host: SSHKey | undefined;

/** A client and a server transport over an in-memory pair, after the first key exchange. */
export async function readyPair(): Promise<{ client: Transport; server: Transport }> {
  host ??= generatePrivateKey('ssh-ed25519');
  const [a, b] = createMemoryStreamPair();
  const server = new Transport(b, { role: 'server', serverHostKeys: [host] });
  const client = new Transport(a, { role: 'client', verifyHostKey: () => true });
  await Promise.all([client.ready, server.ready]);
  return { client, server };
}
