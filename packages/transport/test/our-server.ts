import net from 'node:net';
import {
  cipherRegistry,
  generatePrivateKey,
  kexRegistry,
  macRegistry,
  type SSHKey,
  SUPPORTED_PUBLIC_KEY_ALGORITHMS,
} from '@ssh/crypto';
import { DISC_NO_MORE_AUTH_METHODS_AVAILABLE } from '@ssh/wire';
import type { NegotiatedAlgorithms } from '../src/kex/negotiate.js';
import { fromNodeStream } from '../src/node/socket-stream.js';
import { Transport } from '../src/transport.js';

/** Our transport server on 127.0.0.1 with every algorithm enabled; it ends each connection at its first auth request. */
export interface OurServer {
  readonly port: number;
  readonly hostKeys: readonly SSHKey[];
  /** Per connection, in order: the algorithms of its first key exchange, or undefined when it failed. */
  readonly negotiated: (NegotiatedAlgorithms | undefined)[];
  /** known_hosts lines for the host keys. */
  knownHosts(): string;
  close(): void;
}

/** Start it. */
export async function startOurServer(): Promise<OurServer> {
  const hostKeys = [
    'ssh-ed25519',
    'ecdsa-sha2-nistp256',
    'ecdsa-sha2-nistp384',
    'ecdsa-sha2-nistp521',
    'ssh-rsa',
  ].map((a) => generatePrivateKey(a, a === 'ssh-rsa' ? { keySize: 2048 } : {}));
  const negotiated: (NegotiatedAlgorithms | undefined)[] = [];
  const server = net.createServer((sock) => {
    sock.setNoDelay(true);
    const t: Transport = new Transport(
      fromNodeStream(sock),
      {
        role: 'server',
        serverHostKeys: hostKeys,
        kexAlgs: kexRegistry.supported,
        encryptionAlgs: cipherRegistry.supported,
        macAlgs: macRegistry.supported,
        signatureAlgs: SUPPORTED_PUBLIC_KEY_ALGORITHMS,
      },
      { message: () => t.disconnect(DISC_NO_MORE_AUTH_METHODS_AVAILABLE, 'this test server stops at auth') },
    );
    t.ready.then(
      () => negotiated.push(t.algorithms),
      () => negotiated.push(undefined),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    hostKeys,
    negotiated,
    knownHosts: () =>
      hostKeys
        .map(
          (k) =>
            `[127.0.0.1]:${port} ${new TextDecoder().decode(k.exportPublicKey('openssh')).trim().split(' ').slice(0, 2).join(' ')}`,
        )
        .join('\n'),
    close: () => server.close(),
  };
}
