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
import type { SSHConnection } from '@ssh/channels';
import { type RunningServer, startOpenSshd } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FILEXFER_TYPE_DIRECTORY,
  FXF_APPEND,
  FXF_CREAT,
  FXF_EXCL,
  FXF_READ,
  FXF_TRUNC,
  FXF_WRITE,
  SEEK_CUR,
  SEEK_END,
  SEEK_SET,
  SFTPAttrs,
  type SFTPClient,
  SFTPClientFile,
  SFTPError,
  SFTPFailure,
  SFTPNoSuchFile,
  SFTPOpUnsupported,
  startSftpClient,
} from '../src/index.js';
import { nodeLocalFs } from '../src/node.js';
import { connectClient, randomFile, sha256 } from './client-peer.js';

const MiB = 1024 * 1024;

describe('SFTPClient against OpenSSH sshd (internal-sftp, SFTP v3)', () => {
  let server: RunningServer;
  let conn: SSHConnection;
  let sftp: SFTPClient;
  let root: string;

  beforeAll(async () => {
    server = await startOpenSshd();
    conn = await connectClient(server);
    sftp = await startSftpClient(conn, { localFs: nodeLocalFs });
    // debian12 peers run on this machine: remote and local paths are the same.
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

  it('negotiates version 3 and reads limits@openssh.com', () => {
    expect(sftp.version).toBe(3);
    expect(sftp.limits.maxReadLen).toBeGreaterThan(16384);
    expect(sftp.limits.maxWriteLen).toBeGreaterThan(16384);
    expect(sftp.limits.maxPacketLen).toBeGreaterThan(sftp.limits.maxReadLen);
    expect(sftp.limits.maxOpenHandles).toBeGreaterThan(0);
    expect(sftp.supportsRemoteCopy).toBe(true);
    expect(sftp.logger).toBeDefined();
  });

  it('put and get move several MiB both ways, checked by hash, with progress', async () => {
    const src = r('local/big.bin');
    const hash = randomFile(src, 5 * MiB + 12345);
    const seen: number[] = [];
    await sftp.put(src, r('up.bin'), { progressHandler: (_s, _d, done, total) => seen.push(done, total) });
    expect(sha256(r('up.bin'))).toBe(hash);
    expect(seen.at(-1)).toBe(5 * MiB + 12345);
    await sftp.get(r('up.bin'), r('local/down.bin'), { blockSize: 65536, maxRequests: 8 });
    expect(sha256(r('local/down.bin'))).toBe(hash);
    expect(await sftp.getsize(r('up.bin'))).toBe(5 * MiB + 12345);
  });

  it('sparse copies leave zero blocks as holes (default), sparse false writes them', async () => {
    const data = new Uint8Array(6 * MiB);
    data.fill(7, MiB, MiB + 1000);
    writeFileSync(r('local/sparse.bin'), data);
    const hash = sha256(data);
    await sftp.put(r('local/sparse.bin'), r('sparse-up.bin'));
    expect(sha256(r('sparse-up.bin'))).toBe(hash);
    expect(statSync(r('sparse-up.bin')).blocks * 512).toBeLessThan(2 * MiB);
    await sftp.get(r('sparse-up.bin'), r('local/sparse-down.bin'));
    expect(sha256(r('local/sparse-down.bin'))).toBe(hash);
    expect(statSync(r('local/sparse-down.bin')).blocks * 512).toBeLessThan(2 * MiB);
    await sftp.get(r('sparse-up.bin'), r('local/dense-down.bin'), { sparse: false });
    expect(sha256(r('local/dense-down.bin'))).toBe(hash);
    expect(statSync(r('local/dense-down.bin')).blocks * 512).toBeGreaterThanOrEqual(6 * MiB);
  });

  it('get, put and copy with recurse and preserve; mget, mput, mcopy with globs', async () => {
    const tree = r('tree');
    randomFile(path.join(tree, 'a.txt'), 1000);
    randomFile(path.join(tree, 'sub/b.txt'), 70_000);
    symlinkSync('a.txt', path.join(tree, 'link'));
    const { utimesSync, chmodSync } = await import('node:fs');
    chmodSync(path.join(tree, 'a.txt'), 0o640);
    utimesSync(path.join(tree, 'a.txt'), 1_000_000, 1_000_000);
    await sftp.put(tree, r('tree-up'), { recurse: true, preserve: true });
    expect(sha256(r('tree-up/sub/b.txt'))).toBe(sha256(path.join(tree, 'sub/b.txt')));
    expect(statSync(r('tree-up/a.txt')).mtimeMs).toBe(1_000_000_000);
    expect(statSync(r('tree-up/a.txt')).mode & 0o777).toBe(0o640);
    expect(readlinkSync(r('tree-up/link'))).toBe('a.txt');
    await sftp.get(r('tree-up'), r('tree-down'), { recurse: true, followSymlinks: true });
    expect(lstatSync(r('tree-down/link')).isSymbolicLink()).toBe(false);
    expect(readFileSync(r('tree-down/link'))).toEqual(readFileSync(path.join(tree, 'a.txt')));
    await expect(sftp.get(r('tree-up'), r('no-recurse'))).rejects.toBeInstanceOf(SFTPFailure);
    await sftp.copy(r('tree-up'), r('tree-copy'), { recurse: true });
    expect(sha256(r('tree-copy/sub/b.txt'))).toBe(sha256(path.join(tree, 'sub/b.txt')));

    mkdirSync(r('mdown'));
    await sftp.mget(r('tree-up/*.txt'), r('mdown'));
    expect(existsSync(r('mdown/a.txt'))).toBe(true);
    await sftp.mkdir(r('mup'));
    await sftp.mput(path.join(tree, '*'), r('mup'), { recurse: true });
    expect(existsSync(r('mup/sub/b.txt'))).toBe(true);
    await sftp.mkdir(r('mcopy'));
    await sftp.mcopy(r('tree-up/s*'), r('mcopy'), { recurse: true });
    expect(existsSync(r('mcopy/sub/b.txt'))).toBe(true);

    const errors: Error[] = [];
    await sftp.get([r('missing-1'), r('tree-up/a.txt')], r('mdown'), { errorHandler: (e) => errors.push(e) });
    expect(errors[0]).toBeInstanceOf(SFTPNoSuchFile);
  });

  it('open modes and SFTPClientFile read/write/seek/tell/stat/setstat/truncate/chmod/utime/fsync/close', async () => {
    const f = await sftp.open(r('file.txt'), 'w');
    expect(f).toBeInstanceOf(SFTPClientFile);
    expect(await f.write('hello world')).toBe(11);
    expect(await f.tell()).toBe(11);
    await f.fsync();
    await f.close();
    const g = await sftp.open(r('file.txt'), 'r+');
    expect(await g.read(5)).toBe('hello');
    expect(await g.seek(1, SEEK_CUR)).toBe(6);
    expect(await g.read()).toBe('world');
    expect(await g.seek(-3, SEEK_END)).toBe(8);
    await g.write('LD');
    expect(await g.read(100, 0)).toBe('hello woLDd');
    await g.truncate(5);
    expect((await g.stat()).size).toBe(5);
    await g.chmod(0o600);
    await g.utime({ times: [2_000_000, 3_000_000] });
    await g.setstat(new SFTPAttrs({ permissions: 0o604 }));
    const st = await g.stat();
    expect(st.mtime).toBe(3_000_000);
    expect(st.permissions ? st.permissions & 0o777 : 0).toBe(0o604);
    expect((await g.statvfs()).namemax).toBeGreaterThan(0);
    await g.chown(0, 0);
    await g.close();
    const a = await sftp.open(r('file.txt'), 'a');
    await a.write('+tail');
    await a.close();
    const b = await sftp.open(r('file.txt'), 'rb');
    expect(new TextDecoder().decode(await b.read())).toBe('hello+tail');
    await b.close();
    await expect(sftp.open(r('file.txt'), 'x')).rejects.toBeInstanceOf(SFTPError);
    const p = await sftp.open(r('pflags.bin'), FXF_READ | FXF_WRITE | FXF_CREAT, {
      encoding: null,
      blockSize: 4096,
    });
    const big = new Uint8Array(100_000).map((_, i) => i & 0xff);
    await p.write(big);
    expect(await p.read(-1, 0)).toEqual(big);
    const blocks: number[] = [];
    for await (const [off, data] of p.readParallel(20_000, 0)) blocks.push(off, data.length);
    expect(blocks.filter((_, i) => i % 2 === 1).reduce((x, y) => x + y, 0)).toBe(20_000);
    await p.close();
    await expect(p.read()).rejects.toThrow(/closed file/);
    const t = await sftp.open(r('flags.txt'), FXF_WRITE | FXF_CREAT | FXF_TRUNC);
    await t.write('one');
    await t.close();
    const ap = await sftp.open(r('flags.txt'), FXF_WRITE | FXF_APPEND);
    await ap.write('two');
    expect(await ap.seek(1, SEEK_SET)).toBe(1);
    await ap.close();
    expect(readFileSync(r('flags.txt'), 'utf8')).toBe('onetwo');
    await expect(sftp.open(r('flags.txt'), FXF_WRITE | FXF_CREAT | FXF_EXCL)).rejects.toBeInstanceOf(
      SFTPError,
    );
    await expect(g.lock(0, 1, 0)).rejects.toThrow();
  });

  it('stat, lstat, setstat, exists, isdir/isfile/islink, times, chmod, chown, utime, truncate, statvfs', async () => {
    writeFileSync(r('s.txt'), 'abc');
    symlinkSync(r('s.txt'), r('s.link'));
    symlinkSync(r('nowhere'), r('dangling'));
    expect((await sftp.stat(r('s.link'))).size).toBe(3);
    expect((await sftp.lstat(r('s.link'))).type).not.toBe((await sftp.stat(r('s.link'))).type);
    expect(await sftp.exists(r('s.txt'))).toBe(true);
    expect(await sftp.exists(r('dangling'))).toBe(false);
    expect(await sftp.lexists(r('dangling'))).toBe(true);
    expect(await sftp.isdir(root)).toBe(true);
    expect(await sftp.isfile(r('s.txt'))).toBe(true);
    expect(await sftp.islink(r('s.link'))).toBe(true);
    expect(await sftp.islink(r('missing'))).toBe(false);
    await sftp.utime(r('s.txt'), { times: [1_234_567, 7_654_321] });
    expect(await sftp.getatime(r('s.txt'))).toBe(1_234_567);
    expect(await sftp.getmtime(r('s.txt'))).toBe(7_654_321);
    expect(await sftp.getatimeNs(r('s.txt'))).toBe(1_234_567_000_000_000n);
    expect(await sftp.getmtimeNs(r('s.txt'))).toBe(7_654_321_000_000_000n);
    expect(await sftp.getcrtime(r('s.txt'))).toBeNull();
    expect(await sftp.getcrtimeNs(r('s.txt'))).toBeNull();
    await sftp.utime(r('s.txt'));
    expect(Math.abs((await sftp.getmtime(r('s.txt'))) ?? 0 - Date.now() / 1000)).toBeGreaterThan(0);
    await sftp.chmod(r('s.txt'), 0o611);
    expect(statSync(r('s.txt')).mode & 0o777).toBe(0o611);
    await sftp.chown(r('s.txt'), 0, 0);
    await sftp.setstat(r('s.txt'), new SFTPAttrs({ permissions: 0o644 }));
    await sftp.setstat(r('s.link'), new SFTPAttrs({ atime: 5, mtime: 6 }), { followSymlinks: false });
    expect(lstatSync(r('s.link')).mtimeMs).toBe(6000);
    await sftp.truncate(r('s.txt'), 1);
    expect(readFileSync(r('s.txt'), 'utf8')).toBe('a');
    const vfs = await sftp.statvfs(root);
    const { statfsSync } = await import('node:fs');
    const local = statfsSync(root);
    expect(vfs.bsize).toBe(local.bsize);
    expect(vfs.frsize).toBeGreaterThan(0);
    expect(vfs.blocks).toBe(local.blocks);
    expect(vfs.bfree).toBeGreaterThan(0);
    expect(vfs.bavail).toBeLessThanOrEqual(vfs.bfree);
    expect(vfs.files).toBe(local.files);
    expect(vfs.ffree).toBeGreaterThan(0);
    expect(vfs.favail).toBeLessThanOrEqual(vfs.ffree);
    expect(typeof vfs.fsid).toBe('number');
    expect(vfs.flags & 1).toBe(0);
    expect(vfs.namemax).toBe(255);
    await expect(sftp.stat(r('missing'))).rejects.toBeInstanceOf(SFTPNoSuchFile);
  });

  it('directories: mkdir, makedirs, listdir, readdir, scandir, chdir, getcwd, realpath, rmdir, rmtree', async () => {
    await sftp.makedirs(r('d/e/f'));
    await expect(sftp.makedirs(r('d/e/f'))).rejects.toBeInstanceOf(SFTPFailure);
    await sftp.makedirs(r('d/e/f'), { existOk: true });
    await sftp.mkdir(r('d/g'), new SFTPAttrs({ permissions: 0o700 }));
    expect(statSync(r('d/g')).mode & 0o777).toBe(0o700);
    writeFileSync(r('d/file'), 'x');
    expect((await sftp.listdir(r('d'))).sort()).toEqual(['e', 'file', 'g']);
    const entries = await sftp.readdir(r('d'));
    expect(entries.find((n) => n.filename === 'e')?.attrs.type).toBe(FILEXFER_TYPE_DIRECTORY);
    expect(entries[0]?.longname).toMatch(/root/);
    const seen: string[] = [];
    for await (const n of sftp.scandir(r('d'))) seen.push(n.filename);
    expect(seen.sort()).toEqual(['e', 'file', 'g']);
    const bytes = await sftp.listdir(new TextEncoder().encode(r('d')));
    expect(bytes[0]).toBeInstanceOf(Uint8Array);
    await sftp.chdir(r('d'));
    expect(await sftp.getcwd()).toBe(r('d'));
    expect(await sftp.realpath('e/../g')).toBe(r('d/g'));
    expect(await sftp.realpath('e', 'f')).toBe(r('d/e/f'));
    expect((await sftp.listdir()).sort()).toEqual(['e', 'file', 'g']);
    await sftp.rmdir('g');
    await sftp.chdir('/');
    await expect(sftp.rmdir(r('d'))).rejects.toBeInstanceOf(SFTPError);
    const errs: string[] = [];
    await sftp.rmtree(r('missing-tree'), { onerror: (fn) => errs.push(fn) });
    await sftp.rmtree(r('missing-tree'), { ignoreErrors: true });
    await sftp.rmtree(r('d'));
    expect(existsSync(r('d'))).toBe(false);
  });

  it('rename, posixRename, remove, unlink, symlink, readlink, link, glob, globSftpname, expandPath', async () => {
    writeFileSync(r('n1'), '1');
    writeFileSync(r('n2'), '2');
    await expect(sftp.rename(r('n1'), r('n2'))).rejects.toBeInstanceOf(SFTPError);
    await sftp.posixRename(r('n1'), r('n2'));
    expect(readFileSync(r('n2'), 'utf8')).toBe('1');
    await sftp.rename(r('n2'), r('n3'));
    await sftp.symlink('n3', r('sym'));
    expect(readlinkSync(r('sym'))).toBe('n3');
    expect(await sftp.readlink(r('sym'))).toBe('n3');
    await sftp.link(r('n3'), r('hard'));
    expect(statSync(r('hard')).nlink).toBe(2);
    mkdirSync(r('g/x/y'), { recursive: true });
    writeFileSync(r('g/x/y/z.log'), '');
    writeFileSync(r('g/a.log'), '');
    writeFileSync(r('g/b.txt'), '');
    expect((await sftp.glob(r('g/*.log'))).sort()).toEqual([r('g/a.log')]);
    expect((await sftp.glob(r('g/**/*.log'))).sort()).toEqual([r('g/a.log'), r('g/x/y/z.log')]);
    expect(await sftp.glob(r('g/*/'))).toEqual([r('g/x')]);
    expect(await sftp.glob(r('g/[ab].txt'))).toEqual([r('g/b.txt')]);
    await expect(sftp.glob(r('g/*.none'))).rejects.toBeInstanceOf(SFTPNoSuchFile);
    const errs: Error[] = [];
    expect(await sftp.glob([r('g/*.none'), r('g/b.t?t')], (e) => errs.push(e))).toEqual([r('g/b.txt')]);
    expect(errs).toHaveLength(1);
    const names = await sftp.globSftpname(r('g/?.log'));
    expect(names[0]?.filename).toBe(r('g/a.log'));
    await sftp.remove(r('hard'));
    await sftp.unlink(r('sym'));
    expect(existsSync(r('sym'))).toBe(false);
    expect(await sftp.expandPath('~')).toBe('/root');
    expect(await sftp.homeDirectory('root')).toBe('/root');
  });

  it('remoteCopy with copy-data when the server has it, else SFTPOpUnsupported', async () => {
    writeFileSync(r('rc-src'), '0123456789');
    if (sftp.supportsRemoteCopy) {
      await sftp.remoteCopy(r('rc-src'), r('rc-dst'), { srcOffset: 2, srcLength: 5 });
      expect(readFileSync(r('rc-dst'), 'utf8')).toBe('23456');
    } else {
      await expect(sftp.remoteCopy(r('rc-src'), r('rc-dst'))).rejects.toBeInstanceOf(SFTPOpUnsupported);
    }
  });

  it('bytes paths with pathEncoding null, and env on the session', async () => {
    const raw = await startSftpClient(conn, { pathEncoding: null, env: { LANG: 'C' } });
    const name = Uint8Array.from([...new TextEncoder().encode(`${root}/`), 0xff, 0x41]);
    const f = await raw.open(name, 'wb');
    await f.write(Uint8Array.of(1, 2, 3));
    await f.close();
    const list = await raw.listdir(new TextEncoder().encode(root));
    expect(list.some((n) => n instanceof Uint8Array && n.at(-2) === 0xff)).toBe(true);
    await expect(raw.stat('text' as unknown as Uint8Array)).rejects.toThrow(TypeError);
    raw.exit();
    await raw.waitClosed();
    await expect(raw.stat(new Uint8Array([47]))).rejects.toBeInstanceOf(SFTPError);
  });
});
