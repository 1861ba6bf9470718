import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { missingPeer, peerHost, runOpenSshClient } from '@ssh/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePrivateKey, listen, SSHServer } from '../../src/index.js';

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const skip = peerHost('debian12')?.has('/usr/bin/sshpass')
  ? false
  : missingPeer('OpenSSH ssh with sshpass', 'apt-get install openssh-client sshpass; pnpm peers').skip;
const dir = mkdtempSync(path.join(tmpdir(), 'ssh-match-auth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(skip)(
  'sshd_config Match blocks switch auth methods per user (listen with config), with OpenSSH ssh',
  () => {
    it('PasswordAuthentication no for one user only', async () => {
      const hostKey = generatePrivateKey('ssh-ed25519');
      const cfg = path.join(dir, 'sshd_config');
      writeFileSync(cfg, 'PasswordAuthentication yes\nMatch User bob\n  PasswordAuthentication no\n');
      class Server extends SSHServer {
        override passwordAuthSupported() {
          return true;
        }
        override validatePassword(_user: string, password: string) {
          return password === 'open sesame';
        }
      }
      await using acceptor = await listen({
        host: '127.0.0.1',
        port: 0,
        config: cfg,
        serverHostKeys: [hostKey],
        serverFactory: () => new Server(),
        processFactory: (proc) => {
          proc.stdout.write(`hello ${proc.getExtraInfo('username')}\n`);
          proc.exit(0);
        },
      });
      const port = acceptor.getPort();
      const as = (user: string) =>
        runOpenSshClient({
          generation: 'debian12',
          port,
          user,
          knownHosts: `[127.0.0.1]:${port} ${dec(hostKey.exportPublicKey('openssh')).trim()}\n`,
          password: 'open sesame',
          options: ['PreferredAuthentications=password', 'NumberOfPasswordPrompts=1'],
          command: 'x',
        });
      const alice = await as('alice');
      expect(alice.stdout, alice.stderr.slice(-800)).toBe('hello alice\n');
      const bob = await as('bob');
      expect(bob.stdout).toBe('');
      expect(bob.stderr).toMatch(/Permission denied/);
      expect(bob.stderr).not.toMatch(/Authentications that can continue: [^\n]*password/);
    });
  },
);
