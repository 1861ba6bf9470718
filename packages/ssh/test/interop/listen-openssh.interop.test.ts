import { generatePrivateKey } from '@ssh/crypto';
import { GENERATIONS, missingPeer, peerHost, runOpenSshClient } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type SSHAcceptor } from '../../src/index.js';

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const hostKey = generatePrivateKey('ssh-ed25519');
const userKey = generatePrivateKey('ssh-ed25519');
let acceptor: SSHAcceptor;

beforeAll(async () => {
  acceptor = await listen({
    host: '127.0.0.1',
    port: 0,
    serverHostKeys: [hostKey],
    authorizedClientKeys: dec(userKey.exportPublicKey('openssh')),
    processFactory: async (proc) => {
      if (proc.command === 'upper') {
        let text = '';
        for await (const chunk of proc.stdin) text += chunk;
        proc.stdout.write(text.toUpperCase());
        proc.exit(0);
      } else {
        proc.stdout.write(`you said: ${proc.command}\n`);
        proc.stderr.write('and this is stderr\n');
        proc.exit(7);
      }
    },
  });
});
afterAll(() => acceptor?.close());

for (const generation of GENERATIONS) {
  const present = peerHost(generation)?.has('/usr/bin/ssh');
  const skip = present
    ? false
    : missingPeer(`OpenSSH ssh (${generation})`, 'apt-get install openssh-client; pnpm peers').skip;
  describe.skipIf(skip)(`OpenSSH ssh (${generation}) against listen()`, () => {
    it('runs a command: stdout, stderr and the exit status reach ssh', async () => {
      const run = await runOpenSshClient({
        generation,
        port: acceptor.port,
        knownHosts: `[127.0.0.1]:${acceptor.port} ${dec(hostKey.exportPublicKey('openssh')).trim()}\n`,
        identity: dec(userKey.exportPrivateKey('openssh')),
        command: 'hello there',
      });
      expect(run.stdout).toBe('you said: hello there\n');
      expect(run.stderr).toMatch(/and this is stderr/);
      expect(run.code).toBe(7);
    });
  });
}
