import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { GENERATIONS, makePeerWorkdir, missingPeer, peerHost } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignalReceived } from '../../src/index.js';
import { startOurServer } from './our-server.js';

let server: Awaited<ReturnType<typeof startOurServer>>;

beforeAll(async () => {
  // A tiny shell behind the line editor: echoes lines, reports ^C, ends on "exit".
  server = await startOurServer({
    processFactory: async (p) => {
      p.stdout.write('$ ');
      for (;;) {
        try {
          const line = ((await p.stdin.readline()) as string).trim();
          if (line === 'exit' || line === '') break;
          p.stdout.write(`got ${line}\n$ `);
        } catch (e) {
          if (e instanceof SignalReceived) p.stdout.write(`signal ${e.signal}\n$ `);
        }
      }
      p.exit(0);
    },
  });
});
afterAll(() => server?.close());

for (const generation of GENERATIONS) {
  const host = peerHost(generation);
  const skip = host?.has('/usr/bin/ssh')
    ? false
    : missingPeer(`OpenSSH ssh (${generation})`, 'apt-get install openssh-client; pnpm peers').skip;
  describe.skipIf(skip)(`interactive ssh -tt (${generation}) with our line editor`, () => {
    it('edits, echoes, recalls history, delivers ^C as a signal, exits with the status', async () => {
      if (!host) return;
      const wd = makePeerWorkdir(host, 'ssh-tt');
      writeFileSync(wd.file('known_hosts').local, server.knownHosts);
      writeFileSync(
        wd.file('id').local,
        new TextDecoder().decode(server.userKey.exportPrivateKey('openssh')),
        {
          mode: 0o600,
        },
      );
      const argv = [
        'ssh',
        '-tt',
        '-F',
        '/dev/null',
        '-p',
        String(server.port),
        '-i',
        wd.file('id').peer,
        '-o',
        'BatchMode=yes',
        '-o',
        'IdentitiesOnly=yes',
        '-o',
        'StrictHostKeyChecking=yes',
        '-o',
        `UserKnownHostsFile=${wd.file('known_hosts').peer}`,
        'alice@127.0.0.1',
      ];
      const cmd = host.command(argv);
      const child = spawn(cmd.file, cmd.args, { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      const waiters: { want: string; resolve(): void }[] = [];
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        for (const w of waiters.splice(0)) {
          if (out.includes(w.want)) w.resolve();
          else waiters.push(w);
        }
      });
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
      });
      const until = (want: string) =>
        out.includes(want)
          ? Promise.resolve()
          : new Promise<void>((resolve, reject) => {
              waiters.push({ want, resolve });
              setTimeout(
                () => reject(new Error(`no ${JSON.stringify(want)} in ${JSON.stringify(out)} ${err}`)),
                5000,
              );
            });
      const exited = new Promise<number | null>((r) => child.on('close', r));
      try {
        await until('$ ');
        child.stdin.write('helo\x1b[D\x1b[Dl\r');
        await until('got hello');
        child.stdin.write('\x1b[A\r');
        await until('hello\r\ngot hello');
        child.stdin.write('\x03');
        await until('signal INT');
        child.stdin.write('exit\r');
        expect(await exited).toBe(0);
        expect(out).toContain('helo\x1b[1D');
      } finally {
        child.kill();
        wd.remove();
      }
    });
  });
}
