import { generatePrivateKey, type SSHKey } from '@ssh/crypto';
import { createMemoryStreamPair } from '../src/stream/memory-stream.js';
import { Transport, type TransportHandlers, type TransportOptions } from '../src/transport.js';

let cachedKeys: SSHKey[] | undefined;

/** Host keys of every common type, made once per test file. */
export function hostKeys(): SSHKey[] {
  cachedKeys ??= [generatePrivateKey('ssh-ed25519'), generatePrivateKey('ecdsa-sha2-nistp256')];
  return cachedKeys;
}

/** Our client and our server connected by an in-memory stream pair. */
export function transportPair(
  client: Partial<TransportOptions> = {},
  server: Partial<TransportOptions> = {},
  handlers: { client?: TransportHandlers; server?: TransportHandlers } = {},
): { client: Transport; server: Transport } {
  const [a, b] = createMemoryStreamPair();
  const srv = new Transport(b, { role: 'server', serverHostKeys: hostKeys(), ...server }, handlers.server);
  const cli = new Transport(a, { role: 'client', verifyHostKey: () => true, ...client }, handlers.client);
  return { client: cli, server: srv };
}
