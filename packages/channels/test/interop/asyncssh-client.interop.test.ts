import { spawn } from 'node:child_process';
import { GENERATIONS, hasAsyncSsh, missingPeer, runAsyncSshClient } from '@ssh/testing';
import { PacketWriter } from '@ssh/wire';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  BreakReceived,
  openConnection,
  SignalReceived,
  type SSHServerProcess,
  TerminalSizeChanged,
} from '../../src/index.js';
import { nodeSink } from '../../src/node.js';
import { runAsyncSshSessionClient } from './asyncssh/client.js';
import { startOurServer } from './our-server.js';

const text = new TextEncoder();

/** The commands of asyncssh/session_server.py, served by our server in bytes mode. */
async function serve(p: SSHServerProcess): Promise<void> {
  const say = (s: string) => p.stdout.write(text.encode(s));
  if (p.subsystem === 'echo') {
    for await (const line of p.stdin) p.stdout.write(line);
    return p.exit(0);
  }
  switch (p.command) {
    case 'split':
      say('out\n');
      p.stderr.write(text.encode('err\n'));
      return p.exit(4);
    case 'signal':
      return p.exitWithSignal('TERM', false, 'terminated');
    case 'upper': {
      // SSHServerProcess.redirect to and from a local child process's pipes.
      const child = spawn('tr', ['a-z', 'A-Z'], { stdio: ['pipe', 'pipe', 'ignore'] });
      const status = new Promise<number>((r) => child.on('close', (c) => r(c ?? 255)));
      await p.redirect(nodeSink(child.stdin), child.stdout);
      return p.exit(await status);
    }
    case 'env':
      say(`${p.env.FOO_A}\n`);
      return p.exit(0);
    case 'cat':
      for (;;) {
        const d = await p.stdin.read(65536);
        if (d.length === 0) break;
        p.stdout.write(d);
        await p.stdout.drain();
      }
      return p.exit(0);
    case 'tty':
      say(`term=${p.termType} size=${p.termSize[0]}x${p.termSize[1]}\n`);
      for (;;) {
        try {
          const d = await p.stdin.read(4096);
          if (d.length === 0) break;
        } catch (e) {
          if (e instanceof TerminalSizeChanged) say(`resize ${e.width}x${e.height}\n`);
          else if (e instanceof SignalReceived) say(`signal ${e.signal}\n`);
          else if (e instanceof BreakReceived) {
            say(`break ${e.msec}\n`);
            break;
          }
        }
      }
      return p.exit(0);
    default:
      return p.exit(127);
  }
}

const forwarded: string[] = [];
let server: Awaited<ReturnType<typeof startOurServer>>;
let basic: Awaited<ReturnType<typeof startOurServer>>;

beforeAll(async () => {
  server = await startOurServer(
    { encoding: null, processFactory: serve },
    {
      // Answer tcpip-forward without listening, then open a forwarded-tcpip channel back at once.
      onConnection: (conn) => {
        conn.registerGlobalRequest('tcpip-forward', (r) => {
          const host = r.readUtf8('address');
          r.readUint32('port');
          setTimeout(() => {
            void openConnection(conn, host, 6000, { origHost: '198.51.100.7', origPort: 5555 }).then(
              async ([reader, writer]) => {
                writer.write(text.encode('hello'));
                forwarded.push(new TextDecoder().decode((await reader.read()) as Uint8Array));
                writer.close();
              },
            );
          });
          return new PacketWriter().writeUint32(6000).toBytes();
        });
        conn.registerGlobalRequest('cancel-tcpip-forward', () => true);
      },
    },
  );
  basic = await startOurServer(
    {
      processFactory: (p) => {
        p.stdout.write(`ran ${p.command}\n`);
        p.stderr.write('to stderr\n');
        p.exit(5);
      },
    },
    { noAuth: true },
  );
});
afterAll(() => {
  server?.close();
  basic?.close();
});

for (const generation of GENERATIONS) {
  const skip = hasAsyncSsh(generation)
    ? false
    : missingPeer(`AsyncSSH (${generation})`, 'apt-get install python3-asyncssh; pnpm peers').skip;
  describe.skipIf(skip)(`AsyncSSH's client (${generation}) against our server`, () => {
    it('conn.run(): stdout and exit status', async () => {
      const out = await runAsyncSshClient({
        generation,
        port: basic.port,
        knownHosts: basic.knownHosts,
        user: 'alice',
        command: 'hello',
      });
      expect(out).toBe(`OK 5 'ran hello\\n'`);
    });

    it('stderr, exit-signal, env, 4 MiB through cat, a pty with resize/signal/break, a subsystem, server-side redirect, forwarded-tcpip', async () => {
      const r = await runAsyncSshSessionClient(generation, server);
      expect(r).toEqual({
        split: ['out\n', 'err\n', 4],
        signal: [['TERM', false, 'terminated', 'en-US'], -15],
        env: 'yes\n',
        cat: [4 << 20, true],
        tty: ['term=vt100 size=90x33\n', 'resize 120x50\nsignal INT\nbreak 300\n', 0],
        subsystem: ['ping\n', 0],
        upper: ['HELLO\n', 0],
        listen: [6000, 'hello', ['198.51.100.7', 5555]],
      });
      await vi.waitFor(() => expect(forwarded.at(-1)).toBe('HELLO'));
    });
  });
}
