import { readFileSync } from 'node:fs';
import net from 'node:net';
import { generatePrivateKey, importPrivateKey, type SSHKey } from '@ssh/crypto';
import {
  GENERATIONS,
  hasAsyncSsh,
  missingPeer,
  type RunningServer,
  runAsyncSshClient,
  startAsyncSshServer,
} from '@ssh/testing';
import { Transport } from '@ssh/transport';
import { fromNodeStream } from '@ssh/transport/node';
import { PermissionDenied } from '@ssh/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateClient } from '../../src/client/authenticate.js';
import { authenticateServer } from '../../src/server/authenticate.js';

const dec = (b: Uint8Array) => new TextDecoder().decode(b);

async function clientTransport(port: number, trusted: Set<string>): Promise<Transport> {
  const sock = net.connect({ host: '127.0.0.1', port });
  await new Promise((r) => sock.once('connect', r));
  const t = new Transport(fromNodeStream(sock), {
    role: 'client',
    verifyHostKey: (key: SSHKey) => trusted.has(Buffer.from(key.publicData).toString('base64')),
  });
  await t.ready;
  return t;
}

for (const generation of GENERATIONS) {
  const skip = hasAsyncSsh(generation)
    ? false
    : missingPeer(`AsyncSSH (${generation})`, 'apt-get install python3-asyncssh; pnpm peers').skip;

  describe.skipIf(skip)(`our auth client against AsyncSSH's server (${generation})`, () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startAsyncSshServer({ generation });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('logs in with publickey and is refused with a key it does not know', async () => {
      const trusted = new Set(server.hostKeys.map((k) => k.publicLine.split(' ')[1] as string));
      const t = await clientTransport(server.port, trusted);
      await authenticateClient(t, {
        username: 'root',
        clientKeys: [importPrivateKey(readFileSync(server.clientKey.path))],
      });
      t.disconnect();
      const t2 = await clientTransport(server.port, trusted);
      await expect(
        authenticateClient(t2, { username: 'root', clientKeys: [generatePrivateKey('ssh-ed25519')] }),
      ).rejects.toThrow(PermissionDenied);
      t2.abort();
    });
  });

  describe.skipIf(skip)(`AsyncSSH's client (${generation}) against our auth server`, () => {
    const hostKey = generatePrivateKey('ssh-ed25519');
    let srv: net.Server;
    let port: number;
    const logins: string[] = [];
    beforeAll(async () => {
      srv = net.createServer((sock) => {
        const t = new Transport(fromNodeStream(sock), { role: 'server', serverHostKeys: [hostKey] });
        t.ready
          .then(() =>
            authenticateServer(t, {
              hooks: {
                validatePublicKey: () => false,
                validatePassword: (u, p) => u === 'alice' && p === 'wonderland',
              },
            }),
          )
          .then((r) => {
            logins.push(`${r.username}/${r.method}`);
            t.disconnect();
          })
          .catch(() => undefined);
      });
      await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
      port = (srv.address() as net.AddressInfo).port;
    });
    afterAll(() => srv?.close());

    it('logs in with a password; a wrong one is refused', async () => {
      const knownHosts = `[127.0.0.1]:${port} ${dec(hostKey.exportPublicKey('openssh')).trim()}\n`;
      const script = { generation, port, knownHosts, user: 'alice' } as const;
      const ok = await runAsyncSshClient({ ...script, password: 'wonderland' });
      expect(ok).not.toMatch(/^ERROR|AUTHFAIL/);
      expect(logins).toContain('alice/password');
      expect(await runAsyncSshClient({ ...script, password: 'nope' })).toBe('AUTHFAIL');
    });
  });
}
