import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATIONS, type Generation, makePeerWorkdir, missingPeer, peerHost } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSftpServer } from '../src/index.js';
import { SFTPServer } from '../src/node.js';
import { startOurServer } from './server-peer.js';

const SCRIPT = fileURLToPath(new URL('./python/sftp_server_ops.py', import.meta.url));
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

/** Run the AsyncSSH script of one generation for the given SFTP versions; one result per version. */
async function drive(generation: Generation, versions: number[]): Promise<Record<string, unknown>[]> {
  const host = peerHost(generation) as NonNullable<ReturnType<typeof peerHost>>;
  const wd = makePeerWorkdir(host, 'asyncssh-sftp');
  try {
    copyFileSync(SCRIPT, wd.file('ops.py').local);
    writeFileSync(wd.file('known_hosts').local, server.knownHosts);
    writeFileSync(wd.file('id').local, server.userKeyText, { mode: 0o600 });
    const argv = ['/usr/bin/python3', '-W', 'ignore', wd.file('ops.py').peer, String(server.port)];
    argv.push(wd.file('known_hosts').peer, wd.file('id').peer, wd.peer, generation, ...versions.map(String));
    const cmd = host.command(argv);
    const out = await new Promise<string>((resolve) => {
      const child = spawn(cmd.file, cmd.args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => {
        text += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.on('close', () => {
        clearTimeout(timer);
        resolve(text.trim() || `{"error": ${JSON.stringify(err.slice(-500))}}`);
      });
    });
    return out.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  } finally {
    wd.remove();
  }
}

for (const generation of GENERATIONS) {
  const host = peerHost(generation);
  const skip = host?.has('/usr/lib/python3/dist-packages/asyncssh')
    ? false
    : missingPeer(`AsyncSSH (${generation})`, 'apt-get install python3-asyncssh; pnpm peers').skip;

  describe.skipIf(skip)(`AsyncSSH's SFTP client (${generation}) against our SFTPServer`, () => {
    it('serves every operation on SFTP versions 3 to 6', async () => {
      const versions = generation === 'debian12' ? [3, 6] : [3, 4, 5, 6];
      const results = await drive(generation, versions);
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
        const d = `/${generation}-v${v}/d`;
        expect(r.glob).toEqual([`${d}/e`, `${d}/hard`, `${d}/link`]);
      }
      expect(exits.length).toBeGreaterThanOrEqual(versions.length);
    });
  });
}
