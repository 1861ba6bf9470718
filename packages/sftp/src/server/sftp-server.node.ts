import { constants } from 'node:fs';
import {
  chmod,
  chown,
  type FileHandle,
  lchown,
  link,
  lstat,
  lutimes,
  mkdir,
  open,
  readdir,
  readlink,
  realpath,
  rename,
  rmdir,
  stat,
  statfs,
  symlink,
  truncate,
  unlink,
  utimes,
} from 'node:fs/promises';
import { homedir } from 'node:os';
import { resolve as resolvePath } from 'node:path';
import type { SSHConnection, SSHServerChannel } from '@ssh/channels';
import type { SSHLogger } from '@ssh/wire';
import type { SFTPAttrs } from '../codec/attrs.js';
import * as C from '../codec/constants.js';
import {
  SFTPFailure,
  SFTPFileAlreadyExists,
  SFTPFileIsADirectory,
  SFTPGroupInvalid,
  SFTPNoSuchFile,
  SFTPOpUnsupported,
  SFTPOwnerInvalid,
  SFTPPermissionDenied,
} from '../codec/errors.js';
import { SFTPName } from '../codec/name.js';
import type { SFTPVFSAttrs } from '../codec/vfs-attrs.js';
import { attrsFromStats, fractionalTime, vfsAttrsFromStatfs } from '../fs/local-attrs.node.js';
import { longnameOf } from '../fs/longname.js';
import { groupId, groupName, userId, userName } from '../fs/passwd.node.js';
import {
  bytesToLatin1,
  chrootMap,
  chrootReverse,
  dirnamePosix,
  isInside,
  latin1ToBytes,
  normalizePosix,
} from '../fs/paths.js';
import type { SFTPFileObject, SFTPServerHandler } from './handler.js';

/** A file the default SFTPServer opened: the Node handle and the local path it was opened by. */
export class LocalSFTPFile {
  constructor(
    readonly handle: FileHandle,
    /** Local path (latin1, one character per byte). */
    readonly localPath: string,
  ) {}
}

const fsPath = (local: string): Buffer => Buffer.from(local, 'latin1');
const utf8 = new TextEncoder();

function asLocalFile(file: SFTPFileObject): LocalSFTPFile {
  if (file instanceof LocalSFTPFile) return file;
  throw new SFTPFailure('Not a file opened by this server');
}

/** Whether a relative symlink target, followed from `dir` (virtual, absolute), climbs above the root. */
function escapesRoot(dir: string, target: string): boolean {
  let depth = dir.split('/').filter((p) => p !== '').length;
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    depth += part === '..' ? -1 : 1;
    if (depth < 0) return true;
  }
  return false;
}

/**
 * An SFTP server backed by the local file system (AsyncSSH's SFTPServer).
 * Subclass it and override any method (they may be async) to change what a
 * request does. With `chroot`, client paths live under that directory: '/'
 * is the chroot, '..' cannot climb out, symlink targets are kept inside, and
 * paths that resolve outside through existing symlinks are refused.
 */
export class SFTPServer implements SFTPServerHandler {
  /** The session channel of this SFTP server (user, environment, key options). */
  readonly channel: SSHServerChannel;
  private readonly root: string | null;
  private realRoot: Promise<string> | null = null;

  constructor(channel: SSHServerChannel, chroot: string | Uint8Array | null = null) {
    this.channel = channel;
    if (chroot === null) this.root = null;
    else {
      const text = typeof chroot === 'string' ? chroot : Buffer.from(chroot).toString('latin1');
      this.root = resolvePath(text);
    }
  }

  /** The connection that owns the channel. */
  get connection(): SSHConnection {
    return this.channel.connection;
  }

  /** The environment the client set for this session. */
  get env(): Record<string, string> {
    return this.channel.getEnvironment();
  }

  /** The logger of this SFTP server. */
  get logger(): SSHLogger {
    return this.channel.logger.getChild('sftp');
  }

  /** The chroot directory, or null. */
  get chroot(): string | null {
    return this.root;
  }

  formatUser(uid: number | null): string | Promise<string> {
    return userName(uid);
  }

  formatGroup(gid: number | null): string | Promise<string> {
    return groupName(gid);
  }

  async formatLongname(name: SFTPName<Uint8Array>): Promise<void> {
    const user = await this.formatUser(name.attrs.uid);
    const group = await this.formatGroup(name.attrs.gid);
    const head = utf8.encode(longnameOf('', name.attrs, user, group));
    const out = new Uint8Array(head.length + name.filename.length);
    out.set(head);
    out.set(name.filename, head.length);
    name.longname = out;
  }

  mapPath(path: Uint8Array): Uint8Array {
    if (this.root === null) return path;
    return latin1ToBytes(chrootMap(this.root, bytesToLatin1(path)));
  }

  reverseMapPath(path: Uint8Array): Uint8Array {
    if (this.root === null) return path;
    const shown = chrootReverse(this.root, bytesToLatin1(path));
    if (shown === null) throw new SFTPNoSuchFile('File not found');
    return latin1ToBytes(shown);
  }

  /** The local path for a client path, as a latin1 string. */
  private local(path: Uint8Array): string {
    return bytesToLatin1(this.mapPath(path));
  }

  private rootReal(): Promise<string> {
    if (this.root === null) return Promise.resolve('/');
    this.realRoot ??= realpath(fsPath(this.root), { encoding: 'buffer' })
      .then((b) => b.toString('latin1'))
      .catch(() => this.root as string);
    return this.realRoot;
  }

  /** The real path of `local`: its deepest existing part resolved, the rest appended. */
  private async resolveLocal(local: string): Promise<string> {
    const absolute = normalizePosix(resolvePath(local));
    let head = absolute;
    let tail = '';
    for (;;) {
      try {
        const real = (await realpath(fsPath(head), { encoding: 'buffer' })).toString('latin1');
        return tail === '' ? real : normalizePosix(`${real}/${tail}`);
      } catch (err) {
        if ((err as { code?: string }).code !== 'ENOENT' || head === '/') throw err;
        const base = head.slice(head.lastIndexOf('/') + 1);
        tail = tail === '' ? base : `${base}/${tail}`;
        head = dirnamePosix(head);
      }
    }
  }

  /**
   * Refuse a local path that leaves the chroot through symlinks: the path
   * itself when `followLast`, else its directory.
   */
  private async confine(local: string, followLast: boolean): Promise<void> {
    if (this.root === null) return;
    const rootReal = await this.rootReal();
    // The root's own parent is outside: the root itself is checked instead.
    const target = followLast || local === this.root ? local : dirnamePosix(local);
    const real = await this.resolveLocal(target);
    if (!isInside(rootReal, real)) throw new SFTPPermissionDenied('Path leaves the chroot');
    if (followLast) {
      try {
        await realpath(fsPath(target));
      } catch {
        const st = await lstat(fsPath(target)).catch(() => null);
        if (st?.isSymbolicLink()) throw new SFTPPermissionDenied('Dangling symlink');
      }
    }
  }

  private async openLocal(path: Uint8Array, flags: number, attrs: SFTPAttrs): Promise<LocalSFTPFile> {
    const local = this.local(path);
    await this.confine(local, true);
    const mode = (attrs.permissions ?? 0o666) & 0o7777;
    const handle = await open(fsPath(local), flags, mode);
    if ((await handle.stat()).isDirectory()) {
      await handle.close();
      throw new SFTPFileIsADirectory('Is a directory');
    }
    return new LocalSFTPFile(handle, local);
  }

  open(path: Uint8Array, pflags: number, attrs: SFTPAttrs): Promise<SFTPFileObject> {
    const r = (pflags & C.FXF_READ) !== 0;
    const w = (pflags & C.FXF_WRITE) !== 0;
    let flags = r && w ? constants.O_RDWR : w ? constants.O_WRONLY : constants.O_RDONLY;
    if (pflags & C.FXF_APPEND) flags |= constants.O_APPEND;
    if (pflags & C.FXF_CREAT) flags |= constants.O_CREAT;
    if (pflags & C.FXF_TRUNC) flags |= constants.O_TRUNC;
    if (pflags & C.FXF_EXCL) flags |= constants.O_EXCL;
    return this.openLocal(path, flags, attrs);
  }

  open56(path: Uint8Array, desiredAccess: number, flags: number, attrs: SFTPAttrs): Promise<SFTPFileObject> {
    const r = (desiredAccess & C.ACE4_READ_DATA) !== 0;
    const w = (desiredAccess & (C.ACE4_WRITE_DATA | C.ACE4_APPEND_DATA)) !== 0;
    let o = r && w ? constants.O_RDWR : w ? constants.O_WRONLY : constants.O_RDONLY;
    switch (flags & C.FXF_ACCESS_DISPOSITION) {
      case C.FXF_CREATE_NEW:
        o |= constants.O_CREAT | constants.O_EXCL;
        break;
      case C.FXF_CREATE_TRUNCATE:
        o |= constants.O_CREAT | constants.O_TRUNC;
        break;
      case C.FXF_OPEN_OR_CREATE:
        o |= constants.O_CREAT;
        break;
      case C.FXF_TRUNCATE_EXISTING:
        o |= constants.O_TRUNC;
        break;
      case C.FXF_OPEN_EXISTING:
        break;
      default:
        throw new SFTPOpUnsupported('Unsupported open disposition');
    }
    if (flags & (C.FXF_APPEND_DATA | C.FXF_APPEND_DATA_ATOMIC)) o |= constants.O_APPEND;
    return this.openLocal(path, o, attrs);
  }

  async close(file: SFTPFileObject): Promise<void> {
    await asLocalFile(file).handle.close();
  }

  async read(file: SFTPFileObject, offset: number, size: number): Promise<Uint8Array> {
    const { handle } = asLocalFile(file);
    const buf = new Uint8Array(size);
    let got = 0;
    while (got < size) {
      const { bytesRead } = await handle.read(buf, got, size - got, offset + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return got === size ? buf : buf.subarray(0, got);
  }

  async write(file: SFTPFileObject, offset: number, data: Uint8Array): Promise<number> {
    const { handle } = asLocalFile(file);
    let done = 0;
    while (done < data.length) {
      const { bytesWritten } = await handle.write(data, done, data.length - done, offset + done);
      done += bytesWritten;
    }
    return done;
  }

  async rename(oldpath: Uint8Array, newpath: Uint8Array): Promise<void> {
    const from = this.local(oldpath);
    const to = this.local(newpath);
    await this.confine(from, false);
    await this.confine(to, false);
    if (
      await lstat(fsPath(to)).then(
        () => true,
        () => false,
      )
    )
      throw new SFTPFileAlreadyExists('File already exists');
    await rename(fsPath(from), fsPath(to));
  }

  async posixRename(oldpath: Uint8Array, newpath: Uint8Array): Promise<void> {
    const from = this.local(oldpath);
    const to = this.local(newpath);
    await this.confine(from, false);
    await this.confine(to, false);
    await rename(fsPath(from), fsPath(to));
  }

  async remove(path: Uint8Array): Promise<void> {
    const local = this.local(path);
    await this.confine(local, false);
    await unlink(fsPath(local));
  }

  async readlink(path: Uint8Array): Promise<Uint8Array> {
    const local = this.local(path);
    await this.confine(local, false);
    const target = (await readlink(fsPath(local), { encoding: 'buffer' })).toString('latin1');
    if (this.root === null || !target.startsWith('/')) return latin1ToBytes(target);
    return this.reverseMapPath(latin1ToBytes(target));
  }

  async symlink(oldpath: Uint8Array, newpath: Uint8Array): Promise<void> {
    const local = this.local(newpath);
    await this.confine(local, false);
    let target = bytesToLatin1(oldpath);
    if (this.root !== null) {
      if (target.startsWith('/')) target = chrootMap(this.root, target);
      else {
        const dir = dirnamePosix(normalizePosix(`/${bytesToLatin1(newpath)}`));
        if (escapesRoot(dir, target)) throw new SFTPPermissionDenied('Symlink target leaves the chroot');
      }
    }
    await symlink(fsPath(target), fsPath(local));
  }

  async link(oldpath: Uint8Array, newpath: Uint8Array): Promise<void> {
    const from = this.local(oldpath);
    const to = this.local(newpath);
    await this.confine(from, false);
    await this.confine(to, false);
    await link(fsPath(from), fsPath(to));
  }

  async realpath(path: Uint8Array): Promise<Uint8Array> {
    const resolved = await this.resolveLocal(this.local(path));
    if (this.root === null) return this.reverseMapPath(latin1ToBytes(resolved));
    const rootReal = await this.rootReal();
    const shown = chrootReverse(rootReal, resolved);
    if (shown === null) throw new SFTPPermissionDenied('Path leaves the chroot');
    // Back under the chroot as configured (it may itself be reached through a symlink).
    return this.reverseMapPath(
      latin1ToBytes(shown === '/' ? this.root : this.root.replace(/\/+$/, '') + shown),
    );
  }

  async stat(path: Uint8Array): Promise<SFTPAttrs> {
    const local = this.local(path);
    await this.confine(local, true);
    return attrsFromStats(await stat(fsPath(local), { bigint: true }));
  }

  async lstat(path: Uint8Array): Promise<SFTPAttrs> {
    const local = this.local(path);
    await this.confine(local, false);
    return attrsFromStats(await lstat(fsPath(local), { bigint: true }));
  }

  async fstat(file: SFTPFileObject): Promise<SFTPAttrs> {
    return attrsFromStats(await asLocalFile(file).handle.stat({ bigint: true }));
  }

  async setstat(path: Uint8Array, attrs: SFTPAttrs): Promise<void> {
    const local = this.local(path);
    await this.confine(local, true);
    const p = fsPath(local);
    if (attrs.size !== null) await truncate(p, attrs.size);
    const ids = await this.owners(attrs);
    if (ids) await chown(p, ids[0], ids[1]);
    if (attrs.permissions !== null) await chmod(p, attrs.permissions & 0o7777);
    const times = await this.times(attrs, () => stat(p));
    if (times) await utimes(p, times[0], times[1]);
  }

  async lsetstat(path: Uint8Array, attrs: SFTPAttrs): Promise<void> {
    const local = this.local(path);
    await this.confine(local, false);
    const p = fsPath(local);
    const st = await lstat(p);
    if (st.isSymbolicLink() && (attrs.size !== null || attrs.permissions !== null)) {
      throw new SFTPOpUnsupported('Size and permissions of a symlink cannot be set');
    }
    if (attrs.size !== null) await truncate(p, attrs.size);
    const ids = await this.owners(attrs);
    if (ids) await lchown(p, ids[0], ids[1]);
    if (attrs.permissions !== null) await chmod(p, attrs.permissions & 0o7777);
    const times = await this.times(attrs, async () => st);
    if (times) await lutimes(p, times[0], times[1]);
  }

  async fsetstat(file: SFTPFileObject, attrs: SFTPAttrs): Promise<void> {
    const { handle } = asLocalFile(file);
    if (attrs.size !== null) await handle.truncate(attrs.size);
    const ids = await this.owners(attrs);
    if (ids) await handle.chown(ids[0], ids[1]);
    if (attrs.permissions !== null) await handle.chmod(attrs.permissions & 0o7777);
    const times = await this.times(attrs, () => handle.stat());
    if (times) await handle.utimes(times[0], times[1]);
  }

  /** The uid and gid to set: from uid/gid, else from owner/group names (v4+); null when neither is set. */
  private async owners(attrs: SFTPAttrs): Promise<[number, number] | null> {
    if (attrs.uid !== null && attrs.gid !== null) return [attrs.uid, attrs.gid];
    if (attrs.owner === null && attrs.group === null) return null;
    const uid = attrs.owner === null ? -1 : await userId(attrs.owner);
    if (uid === null) throw new SFTPOwnerInvalid(`Unknown owner ${attrs.owner}`);
    const gid = attrs.group === null ? -1 : await groupId(attrs.group);
    if (gid === null) throw new SFTPGroupInvalid(`Unknown group ${attrs.group}`);
    return [uid, gid];
  }

  /** The (atime, mtime) to set, taking a missing one from the current attributes; null when neither is set. */
  private async times(
    attrs: SFTPAttrs,
    current: () => Promise<{ atimeMs: number; mtimeMs: number }>,
  ): Promise<[number, number] | null> {
    if (attrs.atime === null && attrs.mtime === null) return null;
    const now = attrs.atime === null || attrs.mtime === null ? await current() : null;
    return [
      attrs.atime === null
        ? (now as { atimeMs: number }).atimeMs / 1000
        : fractionalTime(attrs.atime, attrs.atimeNs),
      attrs.mtime === null
        ? (now as { mtimeMs: number }).mtimeMs / 1000
        : fractionalTime(attrs.mtime, attrs.mtimeNs),
    ];
  }

  async statvfs(path: Uint8Array): Promise<SFTPVFSAttrs> {
    const local = this.local(path);
    await this.confine(local, true);
    return vfsAttrsFromStatfs(await statfs(fsPath(local)));
  }

  async fstatvfs(file: SFTPFileObject): Promise<SFTPVFSAttrs> {
    return vfsAttrsFromStatfs(await statfs(fsPath(asLocalFile(file).localPath)));
  }

  lock(_file: SFTPFileObject, _offset: number, _length: number, _flags: number): void {
    throw new SFTPOpUnsupported('Byte-range locks are not supported');
  }

  unlock(_file: SFTPFileObject, _offset: number, _length: number): void {
    throw new SFTPOpUnsupported('Byte-range locks are not supported');
  }

  async fsync(file: SFTPFileObject): Promise<void> {
    await asLocalFile(file).handle.sync();
  }

  async mkdir(path: Uint8Array, attrs: SFTPAttrs): Promise<void> {
    const local = this.local(path);
    await this.confine(local, false);
    await mkdir(fsPath(local), { mode: (attrs.permissions ?? 0o777) & 0o7777 });
  }

  async rmdir(path: Uint8Array): Promise<void> {
    const local = this.local(path);
    await this.confine(local, false);
    await rmdir(fsPath(local));
  }

  async *scandir(path: Uint8Array): AsyncGenerator<SFTPName<Uint8Array>> {
    const local = this.local(path);
    await this.confine(local, true);
    const dir = local.endsWith('/') ? local : `${local}/`;
    const entries = await readdir(fsPath(local), { encoding: 'buffer' });
    const names = [Buffer.from('.'), Buffer.from('..'), ...entries];
    for (const entry of names) {
      const st = await lstat(fsPath(dir + entry.toString('latin1')), { bigint: true }).catch(() => null);
      if (st) yield new SFTPName<Uint8Array>(new Uint8Array(entry), new Uint8Array(0), attrsFromStats(st));
    }
  }

  homeDirectory(_username: string | null): Uint8Array {
    if (this.root !== null) return Uint8Array.of(0x2f);
    return latin1ToBytes(Buffer.from(homedir()).toString('latin1'));
  }

  exit(): void {}
}
