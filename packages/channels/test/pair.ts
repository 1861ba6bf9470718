import { generatePrivateKey, type SSHKey } from '@ssh/crypto';
import { createMemoryStreamPair, Transport } from '@ssh/transport';
import { SSHConnection, type SSHConnectionOptions } from '../src/index.js';

let key: SSHKey | undefined;

function hostKey(): SSHKey {
  key ??= generatePrivateKey('ssh-ed25519');
  return key;
}

/** Two transports over an in-memory stream pair, after the first key exchange. */
export async function transportPair(): Promise<{
  client: Transport;
  server: Transport;
  drains: { client?: () => void; server?: () => void };
}> {
  const [a, b] = createMemoryStreamPair();
  const drains: { client?: () => void; server?: () => void } = {};
  const server = new Transport(
    b,
    { role: 'server', serverHostKeys: [hostKey()] },
    { drain: () => drains.server?.() },
  );
  const client = new Transport(
    a,
    { role: 'client', verifyHostKey: () => true },
    { drain: () => drains.client?.() },
  );
  await Promise.all([client.ready, server.ready]);
  return { client, server, drains };
}

/** A client and a server connection layer over an in-memory transport pair. */
export async function connectionPair(
  clientOptions: SSHConnectionOptions = {},
  serverOptions: SSHConnectionOptions = {},
): Promise<{ client: SSHConnection; server: SSHConnection; close(): void }> {
  const t = await transportPair();
  const client = new SSHConnection(t.client, clientOptions);
  const server = new SSHConnection(t.server, serverOptions);
  t.drains.client = () => client.transportDrained();
  t.drains.server = () => server.transportDrained();
  return { client, server, close: () => t.client.disconnect() };
}
