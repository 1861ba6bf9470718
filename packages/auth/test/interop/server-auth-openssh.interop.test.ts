import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { generatePrivateKey, type SSHKey } from '@ssh/crypto';
import { GENERATIONS, missingPeer, peerHost, runOpenSshClient } from '@ssh/testing';
import { Transport } from '@ssh/transport';
import { fromNodeStream } from '@ssh/transport/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthResult, authenticateServer } from '../../src/server/authenticate.js';
import type { ServerAuthHooks } from '../../src/server/hooks.js';

// OpenSSH's `ssh` logs in to our server; the server ends the connection right
// after a successful login (the connection layer is not part of this test).

const PASSWORD = 'Open-Sesame-42';
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

let hostKey: SSHKey;
let userKeys: SSHKey[];
let server: net.Server;
let port: number;
const results: AuthResult[] = [];

let userCa: SSHKey;

const hooks: ServerAuthHooks = {
  validateCaKey: (user, ca) => user === 'dave' && same(ca.publicData, userCa.publicData),
  validatePublicKey: (user, key) =>
    user === 'alice' && userKeys.some((k) => same(k.publicData, key.publicData)),
  validatePassword: (user, pw) => user === 'bob' && pw === PASSWORD,
  getKbdintChallenge: () => ({
    name: '',
    instructions: '',
    lang: '',
    prompts: [{ prompt: 'Password: ', echo: false }],
  }),
  validateKbdintResponse: (user, r) => user === 'carol' && r[0] === PASSWORD,
};

beforeAll(async () => {
  hostKey = generatePrivateKey('ssh-ed25519');
  userCa = generatePrivateKey('ssh-ed25519');
  userKeys = [
    generatePrivateKey('ssh-ed25519'),
    generatePrivateKey('ecdsa-sha2-nistp256'),
    generatePrivateKey('ssh-rsa', { keySize: 2048 }),
  ];
  server = net.createServer((sock) => {
    const t = new Transport(fromNodeStream(sock), { role: 'server', serverHostKeys: [hostKey] });
    t.ready
      .then(() => authenticateServer(t, { hooks, banner: 'Welcome to the test server\n' }))
      .then((r) => {
        results.push(r);
        t.disconnect();
      })
      .catch(() => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => server?.close());

const knownHosts = () => `[127.0.0.1]:${port} ${dec(hostKey.exportPublicKey('openssh')).trim()}\n`;

for (const generation of GENERATIONS) {
  const present = peerHost(generation)?.has('/usr/bin/ssh');
  const skip = present
    ? false
    : missingPeer(`OpenSSH ssh (${generation})`, 'apt-get install openssh-client sshpass; pnpm peers').skip;
  describe.skipIf(skip)(`OpenSSH ssh (${generation}) logs in to our server`, () => {
    it('with publickey for ed25519, ECDSA and RSA keys', async () => {
      for (const key of userKeys) {
        const before = results.length;
        const run = await runOpenSshClient({
          generation,
          port,
          knownHosts: knownHosts(),
          user: 'alice',
          identity: dec(key.exportPrivateKey('openssh')),
          options: ['PreferredAuthentications=publickey'],
        });
        expect(run.stderr).toMatch(/Authenticated to .* using "publickey"/);
        expect(run.stderr).toMatch(/Welcome to the test server/);
        expect(results[before]).toMatchObject({ username: 'alice', method: 'publickey' });
      }
    });

    it('with delayed compression (ssh -C) after a publickey login', async () => {
      const run = await runOpenSshClient({
        generation,
        port,
        knownHosts: knownHosts(),
        user: 'alice',
        identity: dec((userKeys[0] as SSHKey).exportPrivateKey('openssh')),
        options: ['PreferredAuthentications=publickey', 'Compression=yes'],
      });
      expect(run.stderr).toMatch(/compression: zlib@openssh.com/);
      expect(run.stderr).toMatch(/Enabling compression at level/);
      expect(run.stderr).toMatch(/Authenticated to /);
    });

    it('with a user certificate signed by a CA the server trusts (validateCaKey)', async () => {
      const dir = mkdtempSync(path.join(peerHost(generation)?.hostPath('/tmp') ?? '/tmp', 'cert-'));
      try {
        const key = generatePrivateKey('ecdsa-sha2-nistp256');
        writeFileSync(path.join(dir, 'ca'), userCa.exportPrivateKey('openssh'), { mode: 0o600 });
        writeFileSync(path.join(dir, 'id'), key.exportPrivateKey('openssh'), { mode: 0o600 });
        writeFileSync(path.join(dir, 'id.pub'), key.exportPublicKey('openssh'));
        execFileSync('ssh-keygen', [
          '-q',
          '-s',
          path.join(dir, 'ca'),
          '-I',
          'dave-cert',
          '-n',
          'dave',
          '-V',
          '-5m:+1h',
          path.join(dir, 'id.pub'),
        ]);
        const before = results.length;
        const run = await runOpenSshClient({
          generation,
          port,
          knownHosts: knownHosts(),
          user: 'dave',
          identity: dec(key.exportPrivateKey('openssh')),
          options: [
            'PreferredAuthentications=publickey',
            `CertificateFile=${generation === 'debian12' ? dir : `/tmp/${path.basename(dir)}`}/id-cert.pub`,
          ],
        });
        expect(run.stderr).toMatch(/Authenticated to .* using "publickey"/);
        expect(results[before]).toMatchObject({ username: 'dave', method: 'publickey' });
        // The same certificate does not let its holder log in as someone else.
        const other = await runOpenSshClient({
          generation,
          port,
          knownHosts: knownHosts(),
          user: 'erin',
          identity: dec(key.exportPrivateKey('openssh')),
          options: [
            'PreferredAuthentications=publickey',
            `CertificateFile=${generation === 'debian12' ? dir : `/tmp/${path.basename(dir)}`}/id-cert.pub`,
          ],
        });
        expect(other.stderr).toMatch(/Permission denied/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('with a password (sshpass)', async () => {
      const run = await runOpenSshClient({
        generation,
        port,
        knownHosts: knownHosts(),
        user: 'bob',
        password: PASSWORD,
        options: ['PreferredAuthentications=password', 'PubkeyAuthentication=no'],
      });
      expect(run.stderr).toMatch(/Authenticated to .* using "password"/);
    });

    it('with keyboard-interactive (sshpass)', async () => {
      const run = await runOpenSshClient({
        generation,
        port,
        knownHosts: knownHosts(),
        user: 'carol',
        password: PASSWORD,
        options: ['PreferredAuthentications=keyboard-interactive', 'PubkeyAuthentication=no'],
      });
      expect(run.stderr).toMatch(/Authenticated to .* using "keyboard-interactive"/);
    });

    it('refuses a key it does not know and a wrong password', async () => {
      const before = results.length;
      const stranger = generatePrivateKey('ssh-ed25519');
      const r1 = await runOpenSshClient({
        generation,
        port,
        knownHosts: knownHosts(),
        user: 'alice',
        identity: dec(stranger.exportPrivateKey('openssh')),
        options: ['PreferredAuthentications=publickey'],
      });
      expect(r1.stderr).toMatch(/Permission denied/);
      const r2 = await runOpenSshClient({
        generation,
        port,
        knownHosts: knownHosts(),
        user: 'bob',
        password: 'wrong',
        options: [
          'PreferredAuthentications=password',
          'PubkeyAuthentication=no',
          'NumberOfPasswordPrompts=1',
        ],
      });
      expect(r2.stderr).toMatch(/Permission denied/);
      expect(results.length).toBe(before);
    });
  });
}
