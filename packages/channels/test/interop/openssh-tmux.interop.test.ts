import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { GENERATIONS, makePeerWorkdir, missingPeer, peerHost } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BreakReceived, SignalReceived, TerminalSizeChanged } from '../../src/index.js';
import { startOurServer } from './our-server.js';

let server: Awaited<ReturnType<typeof startOurServer>>;

beforeAll(async () => {
  // A tiny shell behind our line editor: answers lines, reports what else arrives on stdin.
  server = await startOurServer({
    processFactory: async (p) => {
      p.stdout.write(`tty ${p.termType} ${p.termSize[0]}x${p.termSize[1]}\n$ `);
      for (;;) {
        try {
          const line = ((await p.stdin.readline()) as string).trim();
          if (line === 'exit') break;
          if (line) p.stdout.write(`got ${line}\n`);
          p.stdout.write('$ ');
        } catch (e) {
          if (e instanceof SignalReceived) p.stdout.write(`signal ${e.signal}\n$ `);
          else if (e instanceof TerminalSizeChanged) p.stdout.write(`size ${e.width}x${e.height}\n$ `);
          else if (e instanceof BreakReceived) p.stdout.write(`break ${e.msec}\n$ `);
          else throw e;
        }
      }
      p.exit(3);
    },
  });
});
afterAll(() => server?.close());

const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Quote one argument for the shell tmux runs the pane command with. */
const sh = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

for (const generation of GENERATIONS) {
  const host = peerHost(generation);
  const skip = !hasTmux
    ? missingPeer('tmux', 'apt-get install tmux').skip
    : host?.has('/usr/bin/ssh')
      ? false
      : missingPeer(`OpenSSH ssh (${generation})`, 'apt-get install openssh-client; pnpm peers').skip;
  describe.skipIf(skip)(`ssh -t (${generation}) in a tmux terminal, against our line editor`, () => {
    it('typing, editing keys, history, ^C, a window resize, ~B break, and the exit status', async () => {
      if (!host) return;
      const wd = makePeerWorkdir(host, 'ssh-tmux');
      const socket = `${wd.local}/tmux.sock`;
      const tmux = (...args: string[]) =>
        execFileSync('tmux', ['-S', socket, ...args], {
          encoding: 'utf8',
          env: { ...process.env, TERM: 'xterm' },
        });
      writeFileSync(wd.file('known_hosts').local, server.knownHosts);
      writeFileSync(
        wd.file('id').local,
        new TextDecoder().decode(server.userKey.exportPrivateKey('openssh')),
        {
          mode: 0o600,
        },
      );
      const ssh = host.command([
        'ssh',
        '-t',
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
      ]);
      const line = [ssh.file, ...ssh.args].map(sh).join(' ');
      const screen = () => tmux('capture-pane', '-p', '-t', 't');
      const until = async (want: string | RegExp) => {
        for (let i = 0; i < 200; i++) {
          const s = screen();
          if (typeof want === 'string' ? s.includes(want) : want.test(s)) return s;
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error(`no ${want} on the screen:\n${screen()}`);
      };
      try {
        tmux('new-session', '-d', '-s', 't', '-x', '100', '-y', '30', `${line}; echo EXIT=$?; sleep 60`);
        await until(/tty \S+ 100x30/);
        tmux('send-keys', '-t', 't', 'helo', 'Left', 'Left', 'l', 'Enter');
        await until('got hello');
        tmux('send-keys', '-t', 't', 'Up', 'BSpace', 'BSpace', 'p', 'Enter');
        await until('got help');
        tmux('send-keys', '-t', 't', 'half typed', 'C-c');
        await until('signal INT');
        tmux('resize-window', '-t', 't', '-x', '120', '-y', '40');
        await until('size 120x40');
        tmux('send-keys', '-t', 't', 'Enter', '~B');
        await until(/break \d+/);
        tmux('send-keys', '-t', 't', 'exit', 'Enter');
        const last = await until('EXIT=3');
        // The edits were drawn on the terminal: the line shows as typed after the cursor moves.
        expect(last).toMatch(/\$ hello\s*\n\s*got hello/);
        expect(last).toMatch(/\$ help\s*\n\s*got help/);
        expect(last).toContain('half typed^C');
      } finally {
        try {
          tmux('kill-server');
        } catch {
          // already gone
        }
        wd.remove();
      }
    });
  });
}
