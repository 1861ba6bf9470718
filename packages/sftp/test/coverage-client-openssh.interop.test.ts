// Our SFTP client against OpenSSH sshd's sftp-server (SFTP v3 with the OpenSSH extensions): one
// observable check per client method, file method, attribute field and constant group.
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  statfsSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { SSHConnection } from '@ssh/channels';
import { type RunningServer, startOpenSshd } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FX_NO_SUCH_FILE,
  FXF_CREAT,
  FXF_READ,
  FXF_WRITE,
  type OpenMode,
  SEEK_CUR,
  SEEK_END,
  SEEK_SET,
  SFTP_BLOCK_SIZE,
  SFTPAttrs,
  type SFTPClient,
  SFTPNoSuchFile,
  startSftpClient,
} from '../src/index.js';
import { nodeLocalFs, scp } from '../src/node.js';
import { connectClient, randomFile, sha256 } from './client-peer.js';

describe('SFTPClient coverage against OpenSSH sshd', () => {
  let server: RunningServer;
  let conn: SSHConnection;
  let sftp: SFTPClient;
  let root: string;

  beforeAll(async () => {
    server = await startOpenSshd();
    conn = await connectClient(server);
    sftp = await startSftpClient(conn, { localFs: nodeLocalFs });
    // The peer runs on this machine: remote and local paths are the same.
    root = server.workdir.file('cov').local;
    mkdirSync(root);
  }, 30_000);

  afterAll(async () => {
    sftp?.exit();
    await sftp?.waitClosed();
    conn?.close();
    await server?.stop();
  });

  const r = (...names: string[]) => path.join(root, ...names);
  const star = (dir: string, pattern: string) => `${dir}${path.sep}${pattern}`;

  it('speaks SFTP v3; limits@openssh.com raises the block size above SFTP_BLOCK_SIZE', () => {
    expect(sftp.version).toBe(3);
    expect(sftp.serverExtensions.has('limits@openssh.com')).toBe(true);
    // Without limits@openssh.com the client would fall back to SFTP_BLOCK_SIZE.
    expect(SFTP_BLOCK_SIZE).toBe(16384);
    expect(sftp.limits.maxReadLen).toBeGreaterThan(SFTP_BLOCK_SIZE);
  });

  it('posix-rename, statvfs, hardlink, fsync and lsetstat extensions do their job', async () => {
    const ext = sftp.serverExtensions;
    writeFileSync(r('x1'), 'first');
    writeFileSync(r('x2'), 'second');
    expect(ext.has('posix-rename@openssh.com')).toBe(true);
    await sftp.posixRename(r('x1'), r('x2'));
    expect(readFileSync(r('x2'), 'utf8')).toBe('first');
    expect(existsSync(r('x1'))).toBe(false);
    expect(ext.has('hardlink@openssh.com')).toBe(true);
    await sftp.link(r('x2'), r('x3'));
    expect(statSync(r('x2')).nlink).toBe(2);
    expect(ext.has('statvfs@openssh.com')).toBe(true);
    expect((await sftp.statvfs(root)).namemax).toBe(255);
    expect(ext.has('fsync@openssh.com')).toBe(true);
    const f = await sftp.open(r('x2'), 'a');
    await f.write('+synced');
    await f.fsync();
    await f.close();
    expect(readFileSync(r('x3'), 'utf8')).toBe('first+synced');
    expect(ext.has('lsetstat@openssh.com')).toBe(true);
    symlinkSync('x2', r('x-link'));
    await sftp.setstat(r('x-link'), new SFTPAttrs({ atime: 7, mtime: 8 }), { followSymlinks: false });
    expect(lstatSync(r('x-link')).mtimeMs).toBe(8000);
    expect(statSync(r('x2')).mtimeMs).not.toBe(8000);
  });

  it('mput uploads glob matches, mcopy copies them on the server', async () => {
    const local = r('local');
    const h1 = randomFile(path.join(local, 'one.dat'), 3000);
    const h2 = randomFile(path.join(local, 'two.dat'), 40_000);
    writeFileSync(path.join(local, 'skip.txt'), 'not matched');
    await sftp.mkdir(r('up'));
    await sftp.mput(star(local, '*.dat'), r('up'));
    expect(sha256(r('up', 'one.dat'))).toBe(h1);
    expect(sha256(r('up', 'two.dat'))).toBe(h2);
    expect(existsSync(r('up', 'skip.txt'))).toBe(false);
    await sftp.mkdir(r('copied'));
    await sftp.mcopy(star(r('up'), 't*.dat'), r('copied'));
    expect(sha256(r('copied', 'two.dat'))).toBe(h2);
    expect(existsSync(r('copied', 'one.dat'))).toBe(false);
  });

  it('remoteCopy copies a byte range on the server with copy-data', async () => {
    writeFileSync(r('rc.txt'), 'abcdefghij');
    expect(sftp.serverExtensions.has('copy-data')).toBe(true);
    await sftp.remoteCopy(r('rc.txt'), r('rc-out.txt'), { srcOffset: 3, srcLength: 4 });
    expect(readFileSync(r('rc-out.txt'), 'utf8')).toBe('defg');
  });

  it('unlink, lstat, lexists, isdir, isfile, chmod, getatime, getmtime', async () => {
    writeFileSync(r('plain.txt'), 'hello');
    symlinkSync(r('gone'), r('dangling'));
    expect(await sftp.isdir(root)).toBe(true);
    expect(await sftp.isdir(r('plain.txt'))).toBe(false);
    expect(await sftp.isfile(r('plain.txt'))).toBe(true);
    expect(await sftp.isfile(root)).toBe(false);
    expect(await sftp.lexists(r('dangling'))).toBe(true);
    expect(await sftp.lexists(r('gone'))).toBe(false);
    const link = await sftp.lstat(r('dangling'));
    expect(link.type).not.toBe((await sftp.stat(r('plain.txt'))).type);
    await expect(sftp.stat(r('dangling'))).rejects.toBeInstanceOf(SFTPNoSuchFile);
    await sftp.chmod(r('plain.txt'), 0o604);
    expect(statSync(r('plain.txt')).mode & 0o777).toBe(0o604);
    await sftp.utime(r('plain.txt'), { times: [1_111_111, 2_222_222] });
    expect(await sftp.getatime(r('plain.txt'))).toBe(1_111_111);
    expect(await sftp.getmtime(r('plain.txt'))).toBe(2_222_222);
    await sftp.unlink(r('dangling'));
    expect(await sftp.lexists(r('dangling'))).toBe(false);
    const err = await sftp.unlink(r('dangling')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SFTPNoSuchFile);
    expect((err as SFTPNoSuchFile).code).toBe(FX_NO_SUCH_FILE);
  });

  it('readdir and scandir list names with OpenSSH longnames; globSftpname matches', async () => {
    mkdirSync(r('dir', 'sub'), { recursive: true });
    writeFileSync(r('dir', 'a.log'), 'a');
    writeFileSync(r('dir', 'b.txt'), 'bb');
    const entries = await sftp.readdir(r('dir'));
    expect(entries.map((n) => n.filename).sort()).toEqual(['a.log', 'b.txt', 'sub']);
    const sub = entries.find((n) => n.filename === 'sub');
    expect(sub?.longname).toMatch(/^d/);
    expect(entries.find((n) => n.filename === 'b.txt')?.longname).toMatch(/^-.* b\.txt$/);
    const scanned: string[] = [];
    for await (const n of sftp.scandir(r('dir'))) scanned.push(n.filename);
    expect(scanned.sort()).toEqual(['a.log', 'b.txt', 'sub']);
    const names = await sftp.globSftpname(star(r('dir'), '?.log'));
    expect(names.map((n) => n.filename)).toEqual([r('dir', 'a.log')]);
    expect(names[0]?.attrs.size).toBe(1);
  });

  it('SFTPClientFile: seek and tell, readParallel yields the whole file, chmod', async () => {
    const data = new Uint8Array(150_000).map((_, i) => (i * 7) & 0xff);
    writeFileSync(r('par.bin'), data);
    const f = await sftp.open(r('par.bin'), FXF_READ | FXF_WRITE, { encoding: null, blockSize: 8192 });
    expect(await f.tell()).toBe(0);
    expect(await f.seek(100, SEEK_SET)).toBe(100);
    expect(await f.seek(50, SEEK_CUR)).toBe(150);
    expect(await f.tell()).toBe(150);
    expect(Array.from(await f.read(2))).toEqual([data[150], data[151]]);
    expect(await f.tell()).toBe(152);
    expect(await f.seek(-10, SEEK_END)).toBe(data.length - 10);
    const got = new Uint8Array(data.length);
    let total = 0;
    for await (const [off, block] of f.readParallel(-1, 0)) {
      got.set(block, off);
      total += block.length;
    }
    expect(total).toBe(data.length);
    expect(sha256(got)).toBe(sha256(data));
    await f.chmod(0o640);
    expect(statSync(r('par.bin')).mode & 0o777).toBe(0o640);
    await f.close();
    chmodSync(r('par.bin'), 0o644);
  });

  it('open with mode strings and pflags', async () => {
    const modes: OpenMode[] = ['w', 'a', 'r'];
    const [w, a, rd] = modes;
    const f = await sftp.open(r('mode.txt'), w);
    await f.write('one');
    await f.close();
    const g = await sftp.open(r('mode.txt'), a);
    await g.write('two');
    await g.close();
    const h = await sftp.open(r('mode.txt'), rd);
    expect(await h.read()).toBe('onetwo');
    await h.close();
    const c = await sftp.open(r('flags.txt'), FXF_WRITE | FXF_CREAT);
    await c.write('x');
    await c.close();
    expect(readFileSync(r('flags.txt'), 'utf8')).toBe('x');
  });

  it('statvfs fills the SFTPVFSAttrs fields from the server file system', async () => {
    const vfs = await sftp.statvfs(root);
    const local = statfsSync(root);
    expect(vfs.bsize).toBe(local.bsize);
    expect(vfs.frsize).toBeGreaterThan(0);
    expect(vfs.bfree).toBeGreaterThan(0);
    expect(vfs.bavail).toBeGreaterThan(0);
    expect(vfs.bavail).toBeLessThanOrEqual(vfs.bfree);
    expect(vfs.ffree).toBeGreaterThan(0);
    expect(vfs.favail).toBeLessThanOrEqual(vfs.ffree);
    expect(typeof vfs.fsid).toBe('number');
    const f = await sftp.open(r('plain.txt'), 'r');
    expect((await f.statvfs()).fsid).toBe(vfs.fsid);
    await f.close();
  });

  it('scp with an errorHandler reports the missing source and copies the rest', async () => {
    writeFileSync(r('scp-present.txt'), 'present');
    mkdirSync(r('scp-down'));
    const errors: Error[] = [];
    await scp(
      [
        [conn, r('scp-absent.txt')],
        [conn, r('scp-present.txt')],
      ],
      r('scp-down'),
      { errorHandler: (e) => errors.push(e) },
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(SFTPNoSuchFile);
    expect(readFileSync(r('scp-down', 'scp-present.txt'), 'utf8')).toBe('present');
  });
});
