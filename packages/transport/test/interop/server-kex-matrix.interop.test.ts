import { cipherRegistry, kexRegistry, macRegistry, SUPPORTED_PUBLIC_KEY_ALGORITHMS } from '@ssh/crypto';
import { GENERATIONS, missingPeer, opensshAlgorithms, peerHost, runOpenSshClient } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OurServer, startOurServer } from '../our-server.js';

// OpenSSH's `ssh -vvv` against our transport server: each algorithm both
// support must complete the key exchange and get ssh-userauth accepted (our
// server then ends the connection at the first auth request). Algorithms `ssh`
// lacks (curve448, secp256k1, @ssh.com groups, rsa kex, the other ML-KEM
// hybrids, ssh-ed448) are covered by our client against our server.

let server: OurServer;

beforeAll(async () => {
  server = await startOurServer();
});

afterAll(() => {
  server?.close();
});

for (const generation of GENERATIONS) {
  const present = peerHost(generation)?.has('/usr/bin/ssh');
  const skip = present
    ? false
    : missingPeer(`OpenSSH ssh (${generation})`, 'apt-get install openssh-client; pnpm peers').skip;
  describe.skipIf(skip)(`OpenSSH ssh (${generation}) against our transport server`, () => {
    async function sshWith(options: string[], expectInLog: RegExp): Promise<string | undefined> {
      const option = options.join(' ');
      const run = await runOpenSshClient({
        generation,
        port: server.port,
        knownHosts: server.knownHosts(),
        options,
      });
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

    it('every key exchange method both support', { timeout: 120_000 }, () =>
      matrix('kex', kexRegistry.supported, 'KexAlgorithms', (n) => new RegExp(`kex: algorithm: ${esc(n)}`)),
    );
    it('every host key algorithm both support', { timeout: 120_000 }, () =>
      matrix(
        'HostKeyAlgorithms',
        SUPPORTED_PUBLIC_KEY_ALGORITHMS.filter((a) => a !== 'ssh-dss' && a !== 'ssh-ed448'),
        'HostKeyAlgorithms',
        (n) => new RegExp(`kex: host key algorithm: ${esc(n)}`),
      ),
    );
    it('every cipher both support', { timeout: 120_000 }, () =>
      matrix(
        'cipher',
        cipherRegistry.supported,
        'Ciphers',
        (n) => new RegExp(`kex: server->client cipher: ${esc(n)}`),
      ),
    );
    it('every MAC both support', { timeout: 120_000 }, () =>
      matrix('mac', macRegistry.supported, 'MACs', (n) => new RegExp(`MAC: ${esc(n)}`), [
        'Ciphers=aes128-ctr',
      ]),
    );
  });
}
