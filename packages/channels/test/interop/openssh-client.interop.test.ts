import { GENERATIONS, missingPeer, peerHost, runOpenSshClient } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOurServer } from './our-server.js';

type Server = Awaited<ReturnType<typeof startOurServer>>;
let server: Server;

beforeAll(async () => {
  server = await startOurServer({
    processFactory: async (p) => {
      const cmd = p.command ?? '';
      if (cmd === 'signal') return p.exitWithSignal('TERM');
      if (cmd === 'pty') {
        p.stdout.write(`term=${p.termType} size=${p.termSize.slice(0, 2).join('x')}\r\n`);
        return p.exit(0);
      }
      if (cmd === 'env') {
        p.stdout.write(`FOO=${p.env.FOO}\n`);
        return p.exit(0);
      }
      const input = await p.stdin.read();
      p.stdout.write(`ran ${cmd}; stdin ${input.length}\n`);
      p.stderr.write('to stderr\n');
      p.exit(5);
    },
  });
});
afterAll(() => server?.close());

for (const generation of GENERATIONS) {
  const present = peerHost(generation)?.has('/usr/bin/ssh');
  const skip = present
    ? false
    : missingPeer(`OpenSSH ssh (${generation})`, 'apt-get install openssh-client; pnpm peers').skip;
  describe.skipIf(skip)(`OpenSSH ssh (${generation}) against our server`, () => {
    const ssh = (command: string, options: string[] = []) =>
      runOpenSshClient({
        generation,
        port: server.port,
        knownHosts: server.knownHosts,
        user: 'alice',
        identity: new TextDecoder().decode(server.userKey.exportPrivateKey('openssh')),
        command,
        options,
      });

    it('exec: stdout, stderr and the exit status seen by ssh', async () => {
      const r = await ssh('hello world');
      expect(r.stdout).toBe('ran hello world; stdin 0\n');
      expect(r.stderr).toContain('to stderr\n');
      expect(r.code).toBe(5);
    });

    it('an exit signal ends ssh with 255', async () => {
      const r = await ssh('signal');
      expect(r.code).toBe(255);
      expect(r.stderr).toMatch(/exit-signal|signal/);
    });

    it('ssh -tt gets a pty with its terminal type and size', async () => {
      const r = await ssh('pty', ['RequestTTY=force']);
      expect(r.stdout).toMatch(/term=\S+ size=\d+x\d+/);
      expect(r.code).toBe(0);
    });

    it('SetEnv reaches the session', async () => {
      const r = await ssh('env', ['SetEnv=FOO=bar']);
      expect(r.stdout).toBe('FOO=bar\n');
    });
  });
}
