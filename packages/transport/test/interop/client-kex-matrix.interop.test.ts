import net from 'node:net';
import {
  cipherRegistry,
  kexRegistry,
  macRegistry,
  type SSHKey,
  SUPPORTED_PUBLIC_KEY_ALGORITHMS,
} from '@ssh/crypto';
import { missingPeer, type RunningServer, serverPeers, startOpenSshd } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KexInit } from '../../src/kex/kexinit.js';
import { fromNodeStream } from '../../src/node/socket-stream.js';
import { Transport, type TransportOptions } from '../../src/transport.js';
import { probeServer } from '../probe.js';

// What a peer lacks is computed from its KEXINIT and printed; known gaps:
// - OpenSSH 9.2 has no ML-KEM; 10.0 dropped ssh-dss and its DSA host keys;
// - AsyncSSH (server) offers only its defaults here;
// - Dropbear offers a small fixed set (curve25519, ecdh, group14, aes-ctr/chacha, hmac-sha2);
// - none of them speaks curve448, secp256k1, the @ssh.com groups, rsa kex, the
//   other ML-KEM hybrids or UMAC ... those are covered by our client against our server.

/** Connect our transport client, finish kex and get ssh-userauth accepted. */
async function handshake(server: RunningServer, opts: Partial<TransportOptions>): Promise<Transport> {
  const trusted = new Set(server.hostKeys.map((k) => k.publicLine.split(' ')[1]));
  const sock = net.connect({ host: '127.0.0.1', port: server.port });
  await new Promise<void>((resolve, reject) => {
    sock.once('connect', resolve);
    sock.once('error', reject);
  });
  sock.setNoDelay(true);
  const t = new Transport(fromNodeStream(sock), {
    role: 'client',
    verifyHostKey: (key: SSHKey) => trusted.has(Buffer.from(key.publicData).toString('base64')),
    ...opts,
  });
  await t.ready;
  await t.requestService('ssh-userauth');
  t.disconnect();
  return t;
}

/** Try each of `names` in turn; collect failures so one run names every broken algorithm. */
async function eachAlgorithm(
  names: readonly string[],
  options: (name: string) => Partial<TransportOptions>,
  check: (t: Transport, name: string) => void,
  server: RunningServer,
): Promise<void> {
  const failures: string[] = [];
  for (const name of names) {
    try {
      check(await handshake(server, options(name)), name);
    } catch (err) {
      failures.push(`${name}: ${(err as Error).message}`);
    }
  }
  expect(failures).toEqual([]);
}

for (const peer of serverPeers()) {
  const missing = peer.missing();
  const skip = missing ? missingPeer(peer.name, missing).skip : false;
  describe.skipIf(skip)(`our transport client against ${peer.name}`, () => {
    let server: RunningServer;
    let offer: KexInit;
    beforeAll(async () => {
      server =
        peer.kind === 'openssh'
          ? await startOpenSshd({
              generation: peer.generation,
              allAlgorithms: true,
              hostKeyTypes:
                peer.generation === 'debian12'
                  ? ['ed25519', 'ecdsa', 'rsa', 'dsa']
                  : ['ed25519', 'ecdsa', 'rsa'],
            })
          : await peer.start();
      offer = (await probeServer(server.port)).kexinit;
    });
    afterAll(async () => {
      await server?.stop();
    });

    const both = (ours: readonly string[], theirs: readonly string[]) => {
      const common = ours.filter((n) => theirs.includes(n));
      const lacking = ours.filter((n) => !theirs.includes(n));
      if (lacking.length > 0) console.log(`${peer.name} does not offer: ${lacking.join(', ')}`);
      return common;
    };

    it('every key exchange method both support', { timeout: 180_000 }, async () => {
      const names = both(kexRegistry.supported, offer.kexAlgs);
      expect(names.length).toBeGreaterThan(2);
      await eachAlgorithm(
        names,
        (kex) => ({ kexAlgs: [kex] }),
        (t, kex) => expect(t.algorithms?.kex).toBe(kex),
        server,
      );
    });

    it('every host key algorithm both support', { timeout: 120_000 }, async () => {
      // Dropbear lists RSA even without an RSA host key: try only the keys the server has.
      const types = server.hostKeys.map((k) => k.publicLine.split(' ')[0] as string);
      const usable = (alg: string) =>
        types.includes(alg) || (alg.startsWith('rsa-sha2-') && types.includes('ssh-rsa'));
      const names = both(SUPPORTED_PUBLIC_KEY_ALGORITHMS, offer.hostKeyAlgs).filter(usable);
      expect(names.length).toBeGreaterThan(1);
      await eachAlgorithm(
        names,
        (alg) => ({ serverHostKeyAlgs: [alg] }),
        (t, alg) => expect(t.algorithms?.hostKey).toBe(alg),
        server,
      );
    });

    it('every cipher both support', { timeout: 120_000 }, async () => {
      const names = both(cipherRegistry.supported, offer.encryptionStoC);
      expect(names.length).toBeGreaterThan(1);
      await eachAlgorithm(
        names,
        (c) => ({ encryptionAlgs: [c] }),
        (t, c) => expect(t.algorithms?.encryptionStoC).toBe(c),
        server,
      );
    });

    it('every MAC both support', { timeout: 120_000 }, async () => {
      const names = both(macRegistry.supported, offer.macStoC);
      expect(names.length).toBeGreaterThan(0);
      const cipher = offer.encryptionCtoS.find((c) => c.endsWith('-ctr')) ?? 'aes128-ctr';
      await eachAlgorithm(
        names,
        (m) => ({ encryptionAlgs: [cipher], macAlgs: [m] }),
        (t, m) => expect(t.algorithms?.macStoC).toBe(m),
        server,
      );
    });
  });
}
