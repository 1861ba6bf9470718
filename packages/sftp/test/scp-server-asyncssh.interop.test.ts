import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GENERATIONS, hasAsyncSsh, missingPeer } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isScpCommand, runScpServer } from '../src/index.js';
import { SFTPServer } from '../src/node.js';
import { driveAsyncSshScp } from './server-asyncssh-driver.js';
import { startOurServer } from './server-peer.js';

type Server = Awaited<ReturnType<typeof startOurServer>>;
let server: Server;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'scp-asyncssh-'));
  server = await startOurServer({
    encoding: null,
    processFactory: (p) =>
      isScpCommand(p.command) ? runScpServer(p, new SFTPServer(p.channel, root)) : p.exit(127),
  });
});
afterAll(() => {
  server?.close();
  rmSync(root, { recursive: true, force: true });
});

for (const generation of GENERATIONS) {
  const skip = hasAsyncSsh(generation)
    ? false
    : missingPeer(`AsyncSSH (${generation})`, 'apt-get install python3-asyncssh; pnpm peers').skip;

  describe.skipIf(skip)(`asyncssh.scp (${generation}) against our chrooted SCP server`, () => {
    it('copies files and trees both ways, expands wildcards, reports errors, stays in the chroot', async () => {
      mkdirSync(path.join(root, generation));
      const r = await driveAsyncSshScp(generation, server);
      expect(r).toMatchObject({
        roundtrip: true,
        mode: 0o640,
        mtime: 1_100_000_000,
        glob: ['x.txt'],
        // The client's path in the message, not the local one.
        missing: ['SFTPFailure', `scp: No such file or directory: /${generation}/missing.txt`],
        escape: 'SFTPFailure',
      });
      expect(statSync(path.join(root, generation, 'big.bin')).size).toBe(2 * 1024 * 1024 + 3);
      expect(statSync(path.join(root, generation, 'tree/sub/x.txt')).mode & 0o777).toBe(0o640);
    });
  });
}
