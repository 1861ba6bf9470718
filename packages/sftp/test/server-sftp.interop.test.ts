import { randomBytes } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { GENERATIONS, makePeerWorkdir, missingPeer, type PeerWorkdir, peerHost } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isScpCommand, runScpServer, runSftpServer } from '../src/index.js';
import { SFTPServer } from '../src/node.js';
import { runOpenSshTool } from './server-openssh-tools.js';
import { sha256File, startOurServer } from './server-peer.js';

const MiB = 1024 * 1024;
type Server = Awaited<ReturnType<typeof startOurServer>>;

let jailed: Server;
let open: Server;
let served: PeerWorkdir;

/** A server whose SFTP and SCP sessions run through SFTPServer (chrooted to `root` when given). */
function serve(root: string | null): Promise<Server> {
  return startOurServer({
    encoding: null,
    processFactory: (p) => {
      const server = new SFTPServer(p.channel, root);
      if (p.subsystem === 'sftp') return runSftpServer(p, server);
      if (isScpCommand(p.command)) return runScpServer(p, server);
      return p.exit(127);
    },
  });
}

beforeAll(async () => {
  served = makePeerWorkdir(peerHost('debian12') as NonNullable<ReturnType<typeof peerHost>>, 'sftp-served');
  jailed = await serve(served.local);
  open = await serve(null);
});
afterAll(() => {
  jailed?.close();
  open?.close();
  served?.remove();
});

for (const generation of GENERATIONS) {
  const host = peerHost(generation);
  const skip = host?.has('/usr/bin/sftp')
    ? false
    : missingPeer(`OpenSSH sftp (${generation})`, 'apt-get install openssh-client; pnpm peers').skip;

  describe.skipIf(skip)(`OpenSSH sftp (${generation}) against our SFTPServer`, () => {
    let client: PeerWorkdir;
    const g = generation;
    beforeAll(() => {
      client = makePeerWorkdir(host as NonNullable<typeof host>, 'sftp-client');
      mkdirSync(path.join(served.local, g));
    });
    afterAll(() => client?.remove());

    /** The chroot's view of a path, and the same file on this machine. */
    const s = (name: string) => path.join(served.local, g, name);
    const v = (name: string) => `/${g}/${name}`;
    const c = (name: string) => client.file(name);
    const batch = (server: Server, lines: string[]) =>
      runOpenSshTool(generation, 'sftp', server, ['-b', '-', '127.0.0.1'], `${lines.join('\n')}\n`);

    it('put and get a 5 MiB file, byte for byte', async () => {
      writeFileSync(c('big.bin').local, randomBytes(5 * MiB + 11));
      const r = await batch(jailed, [
        `put ${c('big.bin').peer} ${v('big.bin')}`,
        `get ${v('big.bin')} ${c('back.bin').peer}`,
      ]);
      expect(r.stderr).not.toMatch(/error|denied|failure/i);
      expect(r.code).toBe(0);
      expect(sha256File(s('big.bin'))).toBe(sha256File(c('big.bin').local));
      expect(sha256File(c('back.bin').local)).toBe(sha256File(c('big.bin').local));
    });

    it('mkdir, ls -l, rename, chmod, symlink, ln, rm and rmdir', async () => {
      writeFileSync(s('one.txt'), 'one');
      const r = await batch(jailed, [
        `cd /${g}`,
        'mkdir made',
        'rename one.txt made/two.txt',
        'chmod 600 made/two.txt',
        'symlink two.txt made/link',
        'ln made/two.txt made/hard',
        'cd made',
        'ls -l',
        'df .',
        'cd ..',
        'rm made/hard',
        'mkdir gone',
        'rmdir gone',
      ]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(readFileSync(s('made/two.txt'), 'utf8')).toBe('one');
      expect(existsSync(s('one.txt'))).toBe(false);
      expect(statSync(s('made/two.txt')).mode & 0o777).toBe(0o600);
      expect(readlinkSync(s('made/link'))).toBe('two.txt');
      expect(existsSync(s('made/hard'))).toBe(false);
      expect(existsSync(s('gone'))).toBe(false);
      // sftp formats `ls -l` itself, with names from users-groups-by-id (our formatUser/formatGroup).
      expect(r.stdout).toMatch(/-rw------- +\S+ +root +root +3 \w{3} [ \d]\d [\d:]{5} two\.txt\n/);
      expect(r.stdout).toMatch(/lrwxrwxrwx +\S+ +root .* link\n/);
      expect(r.stdout).toMatch(/Size +Used +Avail/);
    });

    it('errors come back typed (missing files, non-empty directories); rename replaces via posix-rename', async () => {
      mkdirSync(s('full'));
      writeFileSync(s('full/x'), 'x');
      writeFileSync(s('a'), 'a');
      writeFileSync(s('b'), 'b');
      const r = await batch(jailed, [
        `cd /${g}`,
        '-get nothere.txt',
        '-rmdir full',
        'rename a b',
        '-rm nothere',
      ]);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/nothere\.txt.*not found|No such file/i);
      expect(r.stderr).toMatch(/Couldn't remove directory|Failure/);
      expect(r.stderr).toMatch(/remote delete .*nothere: No such file/);
      expect(readFileSync(s('b'), 'utf8')).toBe('a');
      expect(existsSync(s('a'))).toBe(false);
    });

    it('the chroot holds: .. stops at its root, and symlinks cannot lead out', async () => {
      symlinkSync('/etc', s('planted'));
      const r = await batch(jailed, [
        'cd ../../..',
        'pwd',
        `-get ../../../etc/hostname ${c('escaped1').peer}`,
        `-get /${g}/planted/hostname ${c('escaped2').peer}`,
        `cd /${g}`,
        'symlink /etc/hostname abs-link',
        '-symlink ../../../../etc/hostname rel-link',
        `-get abs-link ${c('escaped3').peer}`,
        '-ls planted/',
      ]);
      expect(r.stdout).toMatch(/Remote working directory: \/\n/);
      for (const n of ['escaped1', 'escaped2', 'escaped3']) expect(existsSync(c(n).local)).toBe(false);
      expect(readlinkSync(s('abs-link'))).toBe(path.join(served.local, 'etc/hostname'));
      expect(existsSync(s('rel-link'))).toBe(false);
      expect(lstatSync(s('planted')).isSymbolicLink()).toBe(true);
      expect(r.stderr).toMatch(/denied|Permission/i);
    });

    it('scp -O sessions go through the same chrooted server', async () => {
      writeFileSync(c('via-scp.bin').local, randomBytes(MiB));
      const up = await runOpenSshTool(g, 'scp', jailed, [
        '-O',
        c('via-scp.bin').peer,
        `127.0.0.1:${v('via-scp.bin')}`,
      ]);
      expect(up.code).toBe(0);
      expect(sha256File(s('via-scp.bin'))).toBe(sha256File(c('via-scp.bin').local));
      const esc = await runOpenSshTool(g, 'scp', jailed, [
        '-O',
        '127.0.0.1:../../../etc/hostname',
        c('h').peer,
      ]);
      expect(esc.code).toBe(1);
      expect(existsSync(c('h').local)).toBe(false);
    });

    it("OpenSSH's default scp (SFTP mode, no -O) runs over the SFTP server", async () => {
      writeFileSync(c('sftp-mode.bin').local, randomBytes(MiB + 1));
      const up = await runOpenSshTool(g, 'scp', jailed, [
        c('sftp-mode.bin').peer,
        `127.0.0.1:${v('sftp-mode.bin')}`,
      ]);
      expect(up.code).toBe(0);
      expect(sha256File(s('sftp-mode.bin'))).toBe(sha256File(c('sftp-mode.bin').local));
      const down = await runOpenSshTool(g, 'scp', jailed, [
        `127.0.0.1:${v('sftp-mode.bin')}`,
        c('sftp-back.bin').peer,
      ]);
      expect(down.code).toBe(0);
      expect(sha256File(c('sftp-back.bin').local)).toBe(sha256File(c('sftp-mode.bin').local));
    });

    it('without a chroot, absolute paths are the machine paths', async () => {
      writeFileSync(c('plain.txt').local, 'plain');
      const r = await batch(open, [`put ${c('plain.txt').peer} ${s('plain.txt')}`, `ls ${s('plain.txt')}`]);
      expect(r.code).toBe(0);
      expect(readFileSync(s('plain.txt'), 'utf8')).toBe('plain');
    });
  });
}
