import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SSHConnection } from '@ssh/channels';
import { hasAsyncSsh, missingPeer, type RunningServer, startAsyncSshServer } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACE4_APPEND_DATA,
  ACE4_READ_ATTRIBUTES,
  ACE4_READ_DATA,
  ACE4_WRITE_ATTRIBUTES,
  ACE4_WRITE_DATA,
  DEFAULT_STAT_FLAGS,
  FILEXFER_TYPE_DIRECTORY,
  FILEXFER_TYPE_REGULAR,
  FXF_APPEND_DATA,
  FXF_CREATE_NEW,
  FXF_CREATE_TRUNCATE,
  FXF_OPEN_EXISTING,
  FXF_OPEN_OR_CREATE,
  FXF_TRUNCATE_EXISTING,
  FXR_ATOMIC,
  FXR_NATIVE,
  FXR_OVERWRITE,
  FXRP_NO_CHECK,
  FXRP_STAT_ALWAYS,
  FXRP_STAT_IF_EXISTS,
  SFTPAttrs,
  type SFTPClient,
  SFTPError,
  SFTPName,
  SFTPNoSuchFile,
  SFTPOpUnsupported,
  startSftpClient,
} from '../src/index.js';
import { nodeLocalFs } from '../src/node.js';
import { connectClient, randomFile, sha256 } from './client-peer.js';

const MiB = 1024 * 1024;
const missing = hasAsyncSsh('debian12') ? null : missingPeer('AsyncSSH', 'apt-get install python3-asyncssh');

for (const version of [3, 4, 5, 6]) {
  describe.skipIf(missing !== null)(`SFTPClient against AsyncSSH's SFTP server, version ${version}`, () => {
    let server: RunningServer;
    let conn: SSHConnection;
    let sftp: SFTPClient;
    let root: string;

    beforeAll(async () => {
      server = await startAsyncSshServer({ listenOptions: { sftp_version: String(version) } });
      conn = await connectClient(server);
      sftp = await startSftpClient(conn, { sftpVersion: version, localFs: nodeLocalFs });
      root = server.workdir.file('area').local;
      mkdirSync(root);
    }, 30_000);

    afterAll(async () => {
      sftp?.exit();
      await sftp?.waitClosed();
      conn?.close();
      await server?.stop();
    });

    const r = (name: string) => path.join(root, name);

    it('negotiates the version; no limits extension means 16 KiB blocks', () => {
      expect(sftp.version).toBe(version);
      expect(sftp.limits.maxReadLen).toBe(16384);
      expect(sftp.supportsRemoteCopy).toBe(false);
    });

    it('put and get files, checked by hash (several MiB on v3 and v6)', async () => {
      const hash = randomFile(r('local/big.bin'), (version === 3 || version === 6 ? 3 * MiB : 200_000) + 777);
      await sftp.put(r('local/big.bin'), r('up.bin'));
      expect(sha256(r('up.bin'))).toBe(hash);
      await sftp.get(r('up.bin'), r('local/down.bin'));
      expect(sha256(r('local/down.bin'))).toBe(hash);
    });

    it('file and directory operations', async () => {
      const f = await sftp.open(r('t.txt'), 'w+');
      await f.write('abcdef');
      expect(await f.read(3, 1)).toBe('bcd');
      await f.truncate(4);
      expect((await f.stat()).size).toBe(4);
      await f.fsync();
      await f.close();
      await sftp.makedirs(r('x/y'));
      expect((await sftp.stat(r('x'))).type).toBe(FILEXFER_TYPE_DIRECTORY);
      expect((await sftp.stat(r('t.txt'))).type).toBe(FILEXFER_TYPE_REGULAR);
      expect(await sftp.listdir(r('x'))).toEqual(['y']);
      await sftp.symlink('t.txt', r('t.link'));
      expect(await sftp.readlink(r('t.link'))).toBe('t.txt');
      expect(await sftp.islink(r('t.link'))).toBe(true);
      await sftp.link(r('t.txt'), r('t.hard'));
      expect(statSync(r('t.hard')).nlink).toBe(2);
      await sftp.rename(r('t.hard'), r('t.moved'));
      await sftp.posixRename(r('t.moved'), r('t.txt'));
      expect(readFileSync(r('t.txt'), 'utf8')).toBe('abcd');
      await sftp.rmtree(r('x'));
      await expect(sftp.stat(r('x'))).rejects.toBeInstanceOf(SFTPNoSuchFile);
      expect((await sftp.statvfs(root)).namemax).toBeGreaterThan(0);
      expect(await sftp.glob(r('t.*'))).toEqual(expect.arrayContaining([r('t.txt'), r('t.link')]));
      await sftp.chdir(root);
      expect(await sftp.getcwd()).toBe(root);
      expect(await sftp.exists('t.txt')).toBe(true);
      await sftp.chdir('/');
    });

    it.skipIf(version < 4)('v4+: nanosecond times, owner and group names, creation time', async () => {
      writeFileSync(r('ns.txt'), 'n');
      await sftp.utime(r('ns.txt'), { ns: [1_500_000_000_123_456_789n, 1_600_000_000_987_654_321n] });
      expect(await sftp.getmtimeNs(r('ns.txt'))).toBe(1_600_000_000_987_654_321n);
      expect(await sftp.getatimeNs(r('ns.txt'))).toBe(1_500_000_000_123_456_789n);
      const a = await sftp.stat(r('ns.txt'));
      expect(a.owner).toBe('root');
      expect(a.group).toBe('root');
      expect(a.mtimeNs).toBe(987_654_321);
      expect(typeof (await sftp.getcrtime(r('ns.txt')))).toBe('number');
      expect(typeof (await sftp.getcrtimeNs(r('ns.txt')))).toBe('bigint');
      await sftp.chown(r('ns.txt'), 'root', 'root');
      await sftp.setstat(r('ns.txt'), new SFTPAttrs({ permissions: 0o640 }));
      expect(statSync(r('ns.txt')).mode & 0o777).toBe(0o640);
    });

    it.skipIf(version < 5)('v5+: open56 with access and disposition, rename flags', async () => {
      const w = await sftp.open56(r('o56.bin'), ACE4_WRITE_DATA, FXF_CREATE_TRUNCATE, { encoding: null });
      await w.write(Uint8Array.of(9, 8, 7));
      await w.close();
      const rd = await sftp.open56(r('o56.bin'), ACE4_READ_DATA, FXF_OPEN_EXISTING, { encoding: null });
      expect(await rd.read()).toEqual(Uint8Array.of(9, 8, 7));
      await rd.close();
      writeFileSync(r('other'), 'o');
      await expect(sftp.rename(r('o56.bin'), r('other'))).rejects.toBeInstanceOf(SFTPError);
      await sftp.rename(r('o56.bin'), r('other'), FXR_OVERWRITE | FXR_ATOMIC | FXR_NATIVE);
      expect(readFileSync(r('other'))).toEqual(Buffer.from([9, 8, 7]));
      await expect(sftp.open56(r('other'), ACE4_WRITE_DATA, FXF_CREATE_NEW)).rejects.toBeInstanceOf(
        SFTPError,
      );
      const ap = await sftp.open56(
        r('other'),
        ACE4_WRITE_DATA | ACE4_APPEND_DATA | ACE4_WRITE_ATTRIBUTES,
        FXF_OPEN_OR_CREATE | FXF_APPEND_DATA,
        {
          encoding: null,
        },
      );
      await ap.write(Uint8Array.of(6));
      await ap.close();
      expect(readFileSync(r('other'))).toEqual(Buffer.from([9, 8, 7, 6]));
      const tr = await sftp.open56(r('other'), ACE4_WRITE_DATA | ACE4_READ_ATTRIBUTES, FXF_TRUNCATE_EXISTING);
      expect((await tr.stat(DEFAULT_STAT_FLAGS)).size).toBe(0);
      await tr.close();
      expect(DEFAULT_STAT_FLAGS).toBe(2147484157);
    });

    it.skipIf(version < 6)('v6: realpath with a control byte and compose paths, link, locks', async () => {
      mkdirSync(r('rp/sub'), { recursive: true });
      expect(await sftp.realpath(r('rp'), 'sub')).toBe(r('rp/sub'));
      expect(await sftp.realpath(r('rp/sub/..'), { check: FXRP_NO_CHECK })).toBe(r('rp'));
      const n = await sftp.realpath(r('rp'), { check: FXRP_STAT_ALWAYS });
      expect(n).toBeInstanceOf(SFTPName);
      expect((n as SFTPName<string>).attrs.type).toBe(FILEXFER_TYPE_DIRECTORY);
      const missingName = await sftp.realpath(r('rp/none'), { check: FXRP_STAT_IF_EXISTS });
      expect((missingName as SFTPName<string>).filename).toBe(r('rp/none'));
      const a = await sftp.stat(r('rp'));
      expect(a.nlink).toBeGreaterThanOrEqual(3);
      expect(a.ctime).toBeGreaterThan(0);
      expect(a.ctimeNs).not.toBeNull();
      expect(a.crtimeNs).not.toBeNull();
      expect(a.atimeNs).not.toBeNull();
      // AsyncSSH leaves these v5/v6 fields unset; they are sent only when set.
      for (const unset of [
        a.allocSize,
        a.acl,
        a.attribBits,
        a.attribValid,
        a.textHint,
        a.mimeType,
        a.untransName,
      ]) {
        expect(unset).toBeNull();
      }
      expect(a.extended).toEqual([]);
      expect(a.uid).toBeNull();
      expect(a.gid).toBeNull();
      expect(a.permissions).toBe(statSync(r('rp')).mode & 0o7777);
      expect(a.size).toBeGreaterThan(0);
      writeFileSync(r('lk'), 'l');
      await sftp.symlink('lk', r('lk.sym'));
      expect(await sftp.readlink(r('lk.sym'))).toBe('lk');
      const f = await sftp.open(r('lk'), 'r+');
      await expect(f.lock(0, 1, 0)).rejects.toBeInstanceOf(SFTPOpUnsupported);
      await expect(f.unlock(0, 1)).rejects.toBeInstanceOf(SFTPOpUnsupported);
      await f.close();
    });
  });
}
