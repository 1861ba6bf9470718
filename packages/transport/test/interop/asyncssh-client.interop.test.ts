import { cipherRegistry, kexRegistry, macRegistry, SUPPORTED_PUBLIC_KEY_ALGORITHMS } from '@ssh/crypto';
import { GENERATIONS, hasAsyncSsh, missingPeer, runAsyncSshClient } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OurServer, startOurServer } from '../our-server.js';

// AsyncSSH's client against our transport server. Our server refuses auth,
// so AsyncSSH's PermissionDenied ("AUTHFAIL") shows the key exchange and the
// ssh-userauth service request completed; the negotiated algorithm is read on
// our side. Algorithms this AsyncSSH lacks answer "UNSUPPORTED" and are listed.

let server: OurServer;
beforeAll(async () => {
  server = await startOurServer();
});
afterAll(() => server?.close());

for (const generation of GENERATIONS) {
  const skip = hasAsyncSsh(generation)
    ? false
    : missingPeer(`AsyncSSH (${generation})`, 'apt-get install python3-asyncssh; pnpm peers').skip;
  describe.skipIf(skip)(`AsyncSSH client (${generation}) against our transport server`, () => {
    async function matrix(
      kind: 'kex' | 'encryption' | 'mac' | 'server-host-key',
      names: readonly string[],
      field: 'kex' | 'encryptionCtoS' | 'macCtoS' | 'hostKey',
    ) {
      const batch = names.map((name) =>
        kind === 'mac' ? { mac: name, encryption: 'aes128-ctr' } : { [kind]: name },
      );
      const before = server.negotiated.length;
      const verdicts = (
        await runAsyncSshClient({
          generation,
          port: server.port,
          knownHosts: server.knownHosts(),
          batch,
          timeoutMs: 100_000,
        })
      ).split('\n');
      const attempted = server.negotiated.slice(before);
      const failures: string[] = [];
      const unsupported: string[] = [];
      let ok = 0;
      names.forEach((name, i) => {
        const verdict = verdicts[i] ?? '(no verdict)';
        if (verdict.startsWith('UNSUPPORTED')) {
          unsupported.push(name);
          return;
        }
        const got = attempted.shift()?.[field];
        if (verdict !== 'AUTHFAIL' || got !== name) failures.push(`${name}: ${verdict} (negotiated ${got})`);
        else ok++;
      });
      if (unsupported.length)
        console.log(`AsyncSSH (${generation}) lacks ${kind}: ${unsupported.join(', ')}`);
      expect(failures).toEqual([]);
      expect(ok).toBeGreaterThan(1);
    }

    it('every key exchange method both support', { timeout: 120_000 }, () =>
      matrix('kex', kexRegistry.supported, 'kex'),
    );
    it('every host key algorithm both support', { timeout: 120_000 }, () =>
      matrix(
        'server-host-key',
        SUPPORTED_PUBLIC_KEY_ALGORITHMS.filter((a) => !/dss|ed448|1\.3\.132/.test(a)),
        'hostKey',
      ),
    );
    it('every cipher both support', { timeout: 120_000 }, () =>
      matrix('encryption', cipherRegistry.supported, 'encryptionCtoS'),
    );
    it('every MAC both support', { timeout: 120_000 }, () => matrix('mac', macRegistry.supported, 'macCtoS'));
  });
}
