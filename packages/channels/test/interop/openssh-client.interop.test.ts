import { GENERATIONS, missingPeer, peerHost, runOpenSshClient } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SSHServerChannel, SSHServerSession, type X11Request } from '../../src/index.js';
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

/** A callback-style session that accepts x11-req and reports what it asked for. */
class X11Reporter extends SSHServerSession {
  private chan: SSHServerChannel | null = null;
  private x11: X11Request | null = null;
  override connectionMade(chan: unknown): void {
    this.chan = chan as SSHServerChannel;
  }
  override x11Requested(request: X11Request): boolean {
    this.x11 = request;
    return true;
  }
  override execRequested(): boolean {
    return true;
  }
  override sessionStarted(): void {
    const x = this.x11;
    this.chan?.write(x ? `x11 ${x.authProtocol} ${x.authCookie.length} screen ${x.screen}\n` : 'no x11\n');
    this.chan?.exit(0);
  }
}

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

    it('ssh -X sends x11-req, seen by a callback session', async () => {
      const x = await startOurServer({ sessionRequested: () => new X11Reporter() });
      const display = process.env.DISPLAY;
      process.env.DISPLAY = ':0';
      try {
        const r = await runOpenSshClient({
          generation,
          port: x.port,
          knownHosts: x.knownHosts,
          user: 'alice',
          identity: new TextDecoder().decode(x.userKey.exportPrivateKey('openssh')),
          command: 'x',
          options: ['ForwardX11=yes', 'ForwardX11Trusted=yes'],
        });
        expect(r.stdout).toMatch(/^x11 MIT-MAGIC-COOKIE-1 32 screen 0\n$/);
        expect(r.code).toBe(0);
      } finally {
        if (display === undefined) delete process.env.DISPLAY;
        else process.env.DISPLAY = display;
        x.close();
      }
    });

    it('SetEnv reaches the session', async () => {
      const r = await ssh('env', ['SetEnv=FOO=bar']);
      expect(r.stdout).toBe('FOO=bar\n');
    });
  });
}
