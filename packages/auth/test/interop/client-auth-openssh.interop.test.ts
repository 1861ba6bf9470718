import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { importCertificate, importPrivateKey, type SSHKey, SSHKeyPair } from '@ssh/crypto';
import {
  GENERATIONS,
  missingPeer,
  peerHost,
  type RunningServer,
  setTestUserPassword,
  sshKeygen,
  startOpenSshd,
  TEST_USER,
  waitForLog,
} from '@ssh/testing';
import { Transport } from '@ssh/transport';
import { fromNodeStream } from '@ssh/transport/node';
import { PermissionDenied } from '@ssh/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateClient, type ClientAuthOptions } from '../../src/client/authenticate.js';

const PASSWORD = 'interop-Pa55word';

async function login(server: RunningServer, auth: ClientAuthOptions): Promise<Transport> {
  const trusted = new Set(server.hostKeys.map((k) => k.publicLine.split(' ')[1]));
  const sock = net.connect({ host: '127.0.0.1', port: server.port });
  await new Promise((r) => sock.once('connect', r));
  const t = new Transport(fromNodeStream(sock), {
    role: 'client',
    verifyHostKey: (key: SSHKey) => trusted.has(Buffer.from(key.publicData).toString('base64')),
  });
  await t.ready;
  try {
    await authenticateClient(t, auth);
  } finally {
    t.disconnect();
  }
  return t;
}

for (const generation of GENERATIONS) {
  const present = peerHost(generation)?.has('/usr/sbin/sshd');
  const skip = present
    ? false
    : missingPeer(`OpenSSH sshd (${generation})`, 'apt-get install openssh-server; pnpm peers').skip;
  describe.skipIf(skip)(`our auth client against OpenSSH sshd (${generation})`, () => {
    let server: RunningServer;
    const userKeys: Record<string, SSHKey> = {};
    beforeAll(async () => {
      server = await startOpenSshd({
        generation,
        config: ['PasswordAuthentication yes', 'KbdInteractiveAuthentication yes', 'UsePAM yes'],
      });
      const extra = [
        ['ecdsa', 256],
        ['ecdsa', 384],
        ['ecdsa', 521],
        ['rsa', 2048],
      ] as const;
      const lines = [server.clientKey.publicLine];
      userKeys.ed25519 = importPrivateKey(readFileSync(server.clientKey.path));
      for (const [type, bits] of extra) {
        const k = sshKeygen(type, path.join(server.workdir.local, `id_${type}_${bits}`), { bits });
        lines.push(k.publicLine);
        userKeys[`${type}-${bits}`] = importPrivateKey(readFileSync(k.path));
      }
      const { appendFileSync } = await import('node:fs');
      appendFileSync(path.join(server.workdir.local, 'authorized_keys'), `${lines.slice(1).join('\n')}\n`);
      setTestUserPassword(PASSWORD, peerHost(generation));
    });
    let certServer: RunningServer;
    let caDir: string;
    let caPath: string;
    beforeAll(async () => {
      // A second sshd that trusts a user CA, written (inside the peer's root) before it starts.
      caDir = mkdtempSync(path.join(peerHost(generation)?.hostPath('/tmp') ?? '/tmp', 'user-ca-'));
      const ca = sshKeygen('ed25519', path.join(caDir, 'user_ca'));
      caPath = ca.path;
      writeFileSync(path.join(caDir, 'trusted'), `${ca.publicLine}\n`);
      const peerDir = generation === 'debian12' ? caDir : `/tmp/${path.basename(caDir)}`;
      certServer = await startOpenSshd({ generation, config: [`TrustedUserCAKeys ${peerDir}/trusted`] });
    });
    afterAll(async () => {
      await server?.stop();
      await certServer?.stop();
      if (caDir) rmSync(caDir, { recursive: true, force: true });
    });

    it('publickey with every key type, RSA with rsa-sha2 from server-sig-algs', async () => {
      for (const [name, key] of Object.entries(userKeys)) {
        const t = await login(server, { username: 'root', clientKeys: [key] }).catch((e: Error) => {
          throw new Error(`${name}: ${e.message}`);
        });
        expect(t.peerExtensions.get('server-sig-algs')).toBeDefined();
      }
      await waitForLog(server, /Accepted publickey for root .* RSA SHA256/);
    });

    it('publickey with a user certificate signed by a CA in TrustedUserCAKeys', async () => {
      const userKey = sshKeygen('ecdsa', path.join(caDir, 'id_cert_user'), { bits: 256 });
      execFileSync('ssh-keygen', [
        '-q',
        '-s',
        caPath,
        '-I',
        'test-user',
        '-n',
        'root',
        '-V',
        '-5m:+1h',
        `${userKey.path}.pub`,
      ]);
      const cert = importCertificate(readFileSync(`${userKey.path}-cert.pub`));
      const pair = new SSHKeyPair(importPrivateKey(readFileSync(userKey.path)), cert);
      await login(certServer, { username: 'root', clientKeys: [pair] });
      await waitForLog(certServer, /Accepted publickey for root .* ID test-user/);
    });

    it('a key the server does not know, then the right one', async () => {
      const stranger = importPrivateKey(
        readFileSync(sshKeygen('ed25519', path.join(server.workdir.local, 'stranger')).path),
      );
      await login(server, { username: 'root', clientKeys: [stranger, userKeys.ed25519 as SSHKey] });
    });

    it('password', async () => {
      await login(server, { username: TEST_USER, password: PASSWORD, preferredAuth: ['password'] });
      await waitForLog(server, new RegExp(`Accepted password for ${TEST_USER}`));
    });

    it('keyboard-interactive (PAM asks for the password)', async () => {
      await login(server, {
        username: TEST_USER,
        password: PASSWORD,
        preferredAuth: ['keyboard-interactive'],
      });
      await waitForLog(server, new RegExp(`Accepted keyboard-interactive/pam for ${TEST_USER}`));
    });

    it('a wrong password and no usable key give PermissionDenied', async () => {
      await expect(
        login(server, { username: TEST_USER, password: 'nope', preferredAuth: ['password'] }),
      ).rejects.toThrow(PermissionDenied);
    });
  });
}
