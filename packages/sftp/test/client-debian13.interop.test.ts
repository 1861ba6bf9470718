import { mkdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SSHConnection } from '@ssh/channels';
import {
  DEBIAN13_HINT,
  hasAsyncSsh,
  missingPeer,
  peerHost,
  type RunningServer,
  startAsyncSshServer,
  startOpenSshd,
} from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SFTPClient, SFTPNoSuchFile, startSftpClient } from '../src/index.js';
import { nodeLocalFs } from '../src/node.js';
import { connectClient, randomFile, sha256 } from './client-peer.js';

const MiB = 1024 * 1024;
const noDebian13 = peerHost('debian13') ? null : missingPeer('Debian 13 peers', DEBIAN13_HINT);

const peers = [
  {
    name: 'OpenSSH 10 sshd (internal-sftp, v3)',
    start: () => startOpenSshd({ generation: 'debian13' }),
    version: 3,
  },
  {
    name: 'AsyncSSH 2.20 (v6)',
    start: () => startAsyncSshServer({ generation: 'debian13', listenOptions: { sftp_version: '6' } }),
    version: 6,
    skip: !hasAsyncSsh('debian13'),
  },
];

for (const peer of peers) {
  describe.skipIf(noDebian13 !== null || peer.skip === true)(
    `SFTPClient against Debian 13 ${peer.name}`,
    () => {
      let server: RunningServer;
      let conn: SSHConnection;
      let sftp: SFTPClient;
      let remote: string;
      let local: string;

      beforeAll(async () => {
        server = await peer.start();
        conn = await connectClient(server);
        sftp = await startSftpClient(conn, { sftpVersion: peer.version, localFs: nodeLocalFs });
        const area = server.workdir.file('area');
        mkdirSync(area.local);
        remote = area.peer;
        local = area.local;
      }, 30_000);

      afterAll(async () => {
        sftp?.exit();
        await sftp?.waitClosed();
        conn?.close();
        await server?.stop();
      });

      const rp = (n: string) => path.posix.join(remote, n);
      const lp = (n: string) => path.join(local, n);

      it('negotiates, then moves a few MiB both ways checked by hash', async () => {
        expect(sftp.version).toBe(peer.version);
        const hash = randomFile(lp('src/in.bin'), 4 * MiB + 3);
        await sftp.put(lp('src/in.bin'), rp('up.bin'));
        expect(sha256(lp('up.bin'))).toBe(hash);
        await sftp.get(rp('up.bin'), lp('src/down.bin'));
        expect(sha256(lp('src/down.bin'))).toBe(hash);
        await sftp.copy(rp('up.bin'), rp('copy.bin'));
        expect(sha256(lp('copy.bin'))).toBe(hash);
      });

      it('names, links, attributes and errors', async () => {
        writeFileSync(lp('a.txt'), 'abc');
        await sftp.symlink('a.txt', rp('a.link'));
        expect(readlinkSync(lp('a.link'))).toBe('a.txt');
        await sftp.rename(rp('a.txt'), rp('b.txt'));
        expect(readFileSync(lp('b.txt'), 'utf8')).toBe('abc');
        expect((await sftp.listdir(remote)).sort()).toEqual(['a.link', 'b.txt', 'copy.bin', 'src', 'up.bin']);
        expect(await sftp.getsize(rp('b.txt'))).toBe(3);
        expect((await sftp.statvfs(remote)).namemax).toBeGreaterThan(0);
        await expect(sftp.stat(rp('nope'))).rejects.toBeInstanceOf(SFTPNoSuchFile);
        const f = await sftp.open(rp('b.txt'), 'a+');
        await f.write('def');
        expect(await f.read(-1, 0)).toBe('abcdef');
        await f.close();
      });
    },
  );
}
