import { GENERATIONS, hasAsyncSsh, missingPeer, type RunningServer } from '@ssh/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createProcess, openSession, run, type SSHConnection } from '../../src/index.js';
import { startAsyncSshSessionServer } from './asyncssh/start.js';
import { connectTo } from './connect.js';

// The sessions are written with AsyncSSH's own stream API (asyncssh/session_server.py), not
// redirected through asyncio subprocess pipes: AsyncSSH 2.10-2.20 starts a second reader task on
// a parked asyncio.StreamReader whenever the channel's writing is paused and resumed (our window
// filling up under load does that), and the RuntimeError it raises closes the whole connection.
for (const generation of GENERATIONS) {
  const skip = hasAsyncSsh(generation)
    ? false
    : missingPeer(`AsyncSSH (${generation})`, 'apt-get install python3-asyncssh; pnpm peers').skip;
  describe.skipIf(skip)(`our client over AsyncSSH's server (${generation})`, () => {
    let server: RunningServer;
    let conn: SSHConnection;
    beforeAll(async () => {
      server = await startAsyncSshSessionServer(generation);
    });
    beforeEach(async () => {
      conn = await connectTo(server);
    });
    afterEach(() => conn?.close());
    afterAll(async () => {
      await server?.stop();
    });

    it('exec with stdout, stderr and exit status', async () => {
      const r = await run(conn, 'split');
      expect(r).toMatchObject({ stdout: 'out\n', stderr: 'err\n', exitStatus: 4, returncode: 4 });
    });

    it('exit-signal with its message', async () => {
      const r = await run(conn, 'signal');
      expect(r.exitSignal).toEqual(['TERM', false, 'terminated', 'en-US']);
      expect(r.returncode).toBe(-15);
    });

    it('env reaches the session', async () => {
      expect((await run(conn, 'env', { env: { FOO_A: 'yes' } })).stdout).toBe('yes\n');
    });

    it('4 MiB through cat both ways in one write, with our window smaller than the data', async () => {
      const input = new Uint8Array(4 << 20).map((_, i) => (i * 31) & 255);
      const r = await run(conn, 'cat', { input, encoding: null, check: true, window: 256 * 1024 });
      expect(Buffer.compare(r.stdout as Uint8Array, input)).toBe(0);
    });

    it('a pty: type and size, then a window change, a signal and a break in order', async () => {
      const proc = await createProcess(conn, 'tty', { termType: 'vt100', termSize: [90, 33] });
      expect(await proc.stdout.readline()).toBe('term=vt100 size=90x33\n');
      proc.changeTerminalSize(120, 50);
      proc.sendSignal('INT');
      proc.sendBreak(300);
      const r = await proc.wait();
      expect(r.stdout).toBe('resize 120x50\nsignal INT\nbreak 300\n');
      expect(r.exitStatus).toBe(0);
    });

    it('a subsystem, in stream form', async () => {
      const [stdin, stdout] = await openSession(conn, { subsystem: 'echo' });
      stdin.write('ping\n');
      expect(await stdout.readline()).toBe('ping\n');
      stdin.writeEof();
      expect(await stdout.read()).toBe('');
    });

    it('several sessions at once', async () => {
      const rs = await Promise.all([1, 2, 3, 4, 5].map((i) => run(conn, 'cat', { input: `${i}\n` })));
      expect(rs.map((r) => r.stdout)).toEqual(['1\n', '2\n', '3\n', '4\n', '5\n']);
    });
  });
}
