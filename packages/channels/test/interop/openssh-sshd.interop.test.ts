import { createHash } from 'node:crypto';
import net from 'node:net';
import { GENERATIONS, missingPeer, peerHost, type RunningServer, startOpenSshd } from '@ssh/testing';
import { OPEN_REQUEST_X11_FORWARDING_FAILED, PTY_ECHO, PTY_ICANON, PTY_VINTR } from '@ssh/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcess, openConnection, openSession, run, type SSHConnection } from '../../src/index.js';
import { connectTo } from './connect.js';

/** Open the sftp subsystem, send SSH_FXP_INIT (version 3), and return the version the server answers. */
async function sftpVersion(conn: SSHConnection): Promise<number> {
  const [stdin, stdout] = await openSession(conn, { subsystem: 'sftp', encoding: null });
  stdin.write(Uint8Array.of(0, 0, 0, 5, 1, 0, 0, 0, 3));
  const head = (await stdout.readexactly(4)) as Uint8Array;
  const len = new DataView(head.buffer, head.byteOffset).getUint32(0);
  const body = (await stdout.readexactly(len)) as Uint8Array;
  stdin.close();
  await stdin.waitClosed();
  expect(body[0]).toBe(2);
  return new DataView(body.buffer, body.byteOffset).getUint32(1);
}

for (const generation of GENERATIONS) {
  const present = peerHost(generation)?.has('/usr/sbin/sshd');
  const skip = present
    ? false
    : missingPeer(`OpenSSH sshd (${generation})`, 'apt-get install openssh-server; pnpm peers').skip;
  describe.skipIf(skip)(`our client over OpenSSH sshd (${generation})`, () => {
    let server: RunningServer;
    let conn: SSHConnection;
    beforeAll(async () => {
      server = await startOpenSshd({
        generation,
        config: ['AcceptEnv FOO_*', 'MaxSessions 200', 'X11Forwarding yes'],
      });
      conn = await connectTo(server);
    });
    afterAll(async () => {
      conn?.close();
      await server?.stop();
    });

    it('exec: stdout, stderr and exit status', async () => {
      const r = await run(conn, 'echo out; echo err >&2; exit 3');
      expect(r).toMatchObject({ stdout: 'out\n', stderr: 'err\n', exitStatus: 3, returncode: 3 });
    });

    it('exit signal from kill -TERM $$', async () => {
      const r = await run(conn, 'kill -TERM $$');
      expect(r.exitSignal?.[0]).toBe('TERM');
      expect(r.returncode).toBe(-15);
    });

    it('env passed through AcceptEnv', async () => {
      const r = await run(conn, 'echo "$FOO_A/$BAR"', { env: { FOO_A: 'yes', BAR: 'no' } });
      expect(r.stdout).toBe('yes/\n');
    });

    const ptys = peerHost(generation)?.has('/dev/pts/ptmx');
    const noPty =
      !skip && !ptys
        ? missingPeer(`/dev/pts inside the ${generation} peer root`, 'mount -t devpts devpts <root>/dev/pts')
            .skip
        : false;
    it.skipIf(noPty)(
      'a pty: tty is a terminal, stty size shows the size, a window change reaches the shell',
      async () => {
        const r = await run(conn, 'tty; stty size', { termType: 'xterm', termSize: [100, 30] });
        expect(r.stdout).toMatch(/^\/dev\/pts\/\d+\r\n30 100\r\n$/);
        // Terminal modes from pty-req reach the terminal sshd sets up.
        const modes = await run(conn, 'stty -a', {
          termType: 'xterm',
          termModes: { [PTY_ECHO]: 0, [PTY_ICANON]: 1, [PTY_VINTR]: 7 },
        });
        expect(modes.stdout).toMatch(/(^|\s)-echo(\s|$)/);
        expect(modes.stdout).toMatch(/(^|\s)icanon(\s|$)/);
        expect(modes.stdout).toMatch(/intr = \^G/);
        // The shell itself gets SIGWINCH: its trap prints the new size.
        const proc = await createProcess(
          conn,
          "trap 'stty size; exit 0' WINCH; echo ready; while :; do sleep 0.1; done",
          { termType: 'xterm', termSize: [80, 24] },
        );
        expect(await proc.stdout.readline()).toBe('ready\r\n');
        proc.changeTerminalSize(132, 43);
        const done = await proc.wait();
        expect(done.stdout).toBe('43 132\r\n');
        expect(done.exitStatus).toBe(0);
      },
    );

    it('64 MiB through stdin and out of stdout intact', async () => {
      const proc = await createProcess(conn, 'cat', { encoding: null });
      const total = 64 * 1024 * 1024;
      const chunk = new Uint8Array(256 * 1024);
      const sent = createHash('sha256');
      const got = createHash('sha256');
      let received = 0;
      const reading = (async () => {
        for (;;) {
          const d = (await proc.stdout.read(1 << 20)) as Uint8Array;
          if (d.length === 0) return;
          received += d.length;
          got.update(d);
        }
      })();
      for (let off = 0; off < total; off += chunk.length) {
        for (let i = 0; i < chunk.length; i += 4096) chunk[i] = (off + i) & 0xff;
        chunk[chunk.length - 1] = (off >>> 18) & 0xff;
        sent.update(chunk);
        proc.stdin.write(chunk.slice());
        await proc.stdin.drain();
      }
      proc.stdin.writeEof();
      await reading;
      await proc.waitClosed();
      expect(received).toBe(total);
      expect(got.digest('hex')).toBe(sent.digest('hex'));
    });

    it('encodings other than UTF-8, both ways, and errors: replace on bytes UTF-8 cannot decode', async () => {
      const latin = await run(conn, "printf '\\351t\\351\\n'; od -An -tx1", {
        encoding: 'latin-1',
        input: 'ñ',
      });
      expect(latin.stdout).toBe('été\n f1\n');
      const sjis = await run(conn, "printf '\\202\\261'; od -An -tx1", {
        encoding: 'shift_jis',
        input: 'こ',
      });
      expect(sjis.stdout).toBe('こ 82 b1\n');
      expect((await run(conn, "printf 'a\\377b'", { errors: 'replace' })).stdout).toBe('a\ufffdb');
    });

    it('x11-req: sshd sets DISPLAY for the session, or refuses without xauth (ChannelOpenError)', async () => {
      const x11 = {
        singleConnection: false,
        authProtocol: 'MIT-MAGIC-COOKIE-1',
        authCookie: '0123456789abcdef0123456789abcdef',
        screen: 0,
      };
      if (peerHost(generation)?.has('/usr/bin/xauth')) {
        expect((await run(conn, 'echo $DISPLAY', { x11 })).stdout).toMatch(/^localhost:\d+\.0\n$/);
      } else {
        await expect(run(conn, 'true', { x11 })).rejects.toMatchObject({
          name: 'ChannelOpenError',
          code: OPEN_REQUEST_X11_FORWARDING_FAILED,
        });
      }
    });

    it('direct-tcpip through sshd to a local TCP server', async () => {
      const tcp = net.createServer((sock) => {
        sock.write('hello\n');
        sock.pipe(sock);
      });
      await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
      try {
        const port = (tcp.address() as net.AddressInfo).port;
        const [reader, writer] = await openConnection(conn, '127.0.0.1', port);
        expect(new TextDecoder().decode((await reader.readuntil('\n')) as Uint8Array)).toBe('hello\n');
        writer.write(new TextEncoder().encode('ping'));
        expect(new TextDecoder().decode((await reader.readexactly(4)) as Uint8Array)).toBe('ping');
        writer.close();
      } finally {
        tcp.close();
      }
    });

    it('a subsystem: sftp answers SSH_FXP_INIT with its version', async () => {
      expect(await sftpVersion(conn)).toBe(3);
    });

    // Subsystems, not exec: exec runs root's login shell, whose rc files here may serialise on a lock.
    it('100 channels at once on one connection', async () => {
      const versions = await Promise.all(Array.from({ length: 100 }, () => sftpVersion(conn)));
      expect(versions).toEqual(new Array(100).fill(3));
    });
  });
}
