import { GENERATIONS, hasAsyncSsh, missingPeer, type RunningServer, startAsyncSshServer } from '@ssh/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createProcess, run, type SSHConnection } from '../../src/index.js';
import { connectTo } from './connect.js';

for (const generation of GENERATIONS) {
  const skip = hasAsyncSsh(generation)
    ? false
    : missingPeer(`AsyncSSH (${generation})`, 'apt-get install python3-asyncssh; pnpm peers').skip;
  describe.skipIf(skip)(`our client over AsyncSSH's server (${generation})`, () => {
    // One connection per test: the peer's own exec script (tools/testing/python/asyncssh_server.py)
    // can drop a connection when its stdout and stderr pipes end in a race; keep that from spilling over.
    let server: RunningServer;
    let conn: SSHConnection;
    beforeAll(async () => {
      server = await startAsyncSshServer({ generation });
    });
    beforeEach(async () => {
      conn = await connectTo(server);
    });
    afterEach(() => conn?.close());
    afterAll(async () => {
      await server?.stop();
    });

    it('exec with stdout, stderr and exit status', async () => {
      const r = await run(conn, 'echo err >&2; sleep 0.2; echo out; exit 4');
      expect(r).toMatchObject({ stdout: 'out\n', stderr: 'err\n', exitStatus: 4 });
    });

    // Written in chunks with drain(): one 4 MiB write (a 2 MiB burst, then EOF) has been seen to stall
    // AsyncSSH's own redirect to the child's pipes, with window left on both sides.
    it('stdin through cat, 4 MiB in bytes', async () => {
      const input = new Uint8Array(4 << 20).map((_, i) => (i * 31) & 255);
      const proc = await createProcess(conn, 'cat', { encoding: null });
      const done = proc.wait({ check: true });
      done.catch(() => undefined);
      for (let off = 0; off < input.length; off += 65536) {
        proc.stdin.write(input.subarray(off, off + 65536));
        await proc.stdin.drain();
      }
      proc.stdin.writeEof();
      const r = await done;
      expect(Buffer.compare(r.stdout as Uint8Array, input)).toBe(0);
    });

    it('several sessions at once', async () => {
      const rs = await Promise.all([1, 2, 3, 4, 5].map((i) => run(conn, `echo ${i}`)));
      expect(rs.map((r) => r.stdout)).toEqual(['1\n', '2\n', '3\n', '4\n', '5\n']);
    });
  });
}
