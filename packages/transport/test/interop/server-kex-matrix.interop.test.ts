import net from 'node:net';
import {
  cipherRegistry,
  generatePrivateKey,
  kexRegistry,
  macRegistry,
  type SSHKey,
  SUPPORTED_PUBLIC_KEY_ALGORITHMS,
} from '@ssh/crypto';
import { GENERATIONS, missingPeer, opensshAlgorithms, peerHost, runOpenSshClient } from '@ssh/testing';
import { DISC_NO_MORE_AUTH_METHODS_AVAILABLE } from '@ssh/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromNodeStream } from '../../src/node/socket-stream.js';
import { Transport } from '../../src/transport.js';

// OpenSSH's `ssh -vvv` against our transport server: each algorithm both
// support must complete the key exchange and get ssh-userauth accepted (our
// server then ends the connection at the first auth request). Algorithms `ssh`
// lacks (curve448, secp256k1, @ssh.com groups, rsa kex, the other ML-KEM
// hybrids, ssh-ed448) are covered by our client against our server.

let hostKeys: SSHKey[];
let server: net.Server;
let port: number;

beforeAll(async () => {
  hostKeys = [
    'ssh-ed25519',
    'ecdsa-sha2-nistp256',
    'ecdsa-sha2-nistp384',
    'ecdsa-sha2-nistp521',
    'ssh-rsa',
  ].map((a) => generatePrivateKey(a, a === 'ssh-rsa' ? { keySize: 2048 } : {}));
  server = net.createServer((sock) => {
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
    t.closedPromise.catch(() => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(() => {
  server?.close();
});

function knownHosts(): string {
  return hostKeys
    .map(
      (k) =>
        `[127.0.0.1]:${port} ${new TextDecoder().decode(k.exportPublicKey('openssh')).trim().split(' ').slice(0, 2).join(' ')}`,
    )
    .join('\n');
}

for (const generation of GENERATIONS) {
  const present = peerHost(generation)?.has('/usr/bin/ssh');
  const skip = present
    ? false
    : missingPeer(`OpenSSH ssh (${generation})`, 'apt-get install openssh-client; pnpm peers').skip;
  describe.skipIf(skip)(`OpenSSH ssh (${generation}) against our transport server`, () => {
    async function sshWith(options: string[], expectInLog: RegExp): Promise<string | undefined> {
      const option = options.join(' ');
      const run = await runOpenSshClient({ generation, port, knownHosts: knownHosts(), options });
      const log = run.stderr;
      if (!/SSH2_MSG_SERVICE_ACCEPT received/.test(log))
        return `${option}: no service accept; ${log
          .split('\n')
          .filter((l) => /error|fatal|Unable|no matching/i.test(l))
          .join(' | ')}`;
      if (!expectInLog.test(log)) return `${option}: log does not show ${expectInLog}`;
      if (!/is known and matches/.test(log)) return `${option}: host key not matched in known_hosts`;
      return undefined;
    }

    async function matrix(
      kind: 'kex' | 'cipher' | 'mac' | 'HostKeyAlgorithms',
      ours: readonly string[],
      option: string,
      shows: (n: string) => RegExp,
      extra: string[] = [],
    ) {
      const theirs = opensshAlgorithms(generation, kind);
      const names = ours.filter((n) => theirs.includes(n));
      expect(names.length).toBeGreaterThan(1);
      const failures: string[] = [];
      for (const n of names) {
        const f = await sshWith([...extra, `${option}=${n}`], shows(n));
        if (f) failures.push(f);
      }
      expect(failures).toEqual([]);
    }

    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

    it('every key exchange method both support', () =>
      matrix('kex', kexRegistry.supported, 'KexAlgorithms', (n) => new RegExp(`kex: algorithm: ${esc(n)}`)));
    it('every host key algorithm both support', () =>
      matrix(
        'HostKeyAlgorithms',
        SUPPORTED_PUBLIC_KEY_ALGORITHMS.filter((a) => a !== 'ssh-dss' && a !== 'ssh-ed448'),
        'HostKeyAlgorithms',
        (n) => new RegExp(`kex: host key algorithm: ${esc(n)}`),
      ));
    it('every cipher both support', () =>
      matrix(
        'cipher',
        cipherRegistry.supported,
        'Ciphers',
        (n) => new RegExp(`kex: server->client cipher: ${esc(n)}`),
      ));
    it('every MAC both support', () =>
      matrix('mac', macRegistry.supported, 'MACs', (n) => new RegExp(`MAC: ${esc(n)}`), [
        'Ciphers=aes128-ctr',
      ]));
  });
}
