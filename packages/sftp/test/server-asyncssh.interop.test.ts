import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GENERATIONS, missingPeer, peerHost } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSftpServer } from '../src/index.js';
import { SFTPServer } from '../src/node.js';
import { driveAsyncSshSftp } from './server-asyncssh-driver.js';
import { startOurServer } from './server-peer.js';

type Server = Awaited<ReturnType<typeof startOurServer>>;

let server: Server;
let root: string;
const exits: number[] = [];

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'sftp-asyncssh-'));
  server = await startOurServer({
    encoding: null,
    processFactory: (p) => {
      const s = new SFTPServer(p.channel, root);
      const exit = s.exit.bind(s);
      s.exit = () => {
        exits.push(1);
        exit();
      };
      return runSftpServer(p, s, { sftpVersion: 6 });
    },
  });
});
afterAll(() => {
  server?.close();
  rmSync(root, { recursive: true, force: true });
});

for (const generation of GENERATIONS) {
  const host = peerHost(generation);
  const skip = host?.has('/usr/lib/python3/dist-packages/asyncssh')
    ? false
    : missingPeer(`AsyncSSH (${generation})`, 'apt-get install python3-asyncssh; pnpm peers').skip;

  describe.skipIf(skip)(`AsyncSSH's SFTP client (${generation}) against our SFTPServer`, () => {
    it('serves every operation on SFTP versions 3 to 6', async () => {
      const versions = generation === 'debian12' ? [3, 6] : [3, 4, 5, 6];
      const results = await driveAsyncSshSftp(generation, server, versions);
      expect(results).toHaveLength(versions.length);
      for (const r of results) {
        const v = r.version_asked as number;
        expect(r.error, JSON.stringify(r)).toBeUndefined();
        expect(r).toMatchObject({
          version: v,
          cwd: '/',
          roundtrip: true,
          listdir: ['.', '..', 'e'],
          isdir: true,
          size: 1024 * 1024 + 5,
          readlink: `/${generation}-v${v}/up.bin`,
          islink: true,
          hard_size: 1024 * 1024 + 5,
          mode: 0o640,
          mtime: 1_100_000_000,
          atime: 1_000_000_000,
          target_mtime_kept: 1_100_000_000,
          statvfs: true,
          truncated: 10,
          fstatvfs: true,
          rename_existing: v >= 4 ? 'SFTPFileAlreadyExists' : 'SFTPFailure',
          stat_missing: 'SFTPNoSuchFile',
          mkdir_existing: v >= 4 ? 'SFTPFileAlreadyExists' : 'SFTPFailure',
          rmdir_nonempty: v >= 6 ? 'SFTPDirNotEmpty' : 'SFTPFailure',
          open_dir: v >= 6 ? 'SFTPFileIsADirectory' : 'SFTPFailure',
          escape: '/',
          after: ['.', '..', 'up.bin', 'w.txt'],
        });
        if (generation === 'debian13') {
          expect(r.link_mtime).toBe(1_300_000_000);
          // AsyncSSH keeps only the read and write lengths of limits@openssh.com.
          expect(r.limits).toEqual([0, 262144, 262144, 0]);
        }
        if (generation === 'debian13') expect(r.remote_copy).toBe('hello world');
        if (v === 6) expect([r.lock, r.unlock]).toEqual(['SFTPOpUnsupported', 'SFTPOpUnsupported']);
        if (v >= 4) {
          // Owner and group travel as names; an unknown one is OWNER_INVALID on v6, FAILURE before.
          expect(r.owner).toEqual(['root', 'root']);
          expect(r.chown_unknown).toBe(v >= 6 ? 'SFTPOwnerInvalid' : 'SFTPFailure');
        }
        const d = `/${generation}-v${v}/d`;
        expect(r.glob).toEqual([`${d}/e`, `${d}/hard`, `${d}/link`]);
      }
      expect(exits.length).toBeGreaterThanOrEqual(versions.length);
    });
  });
}
