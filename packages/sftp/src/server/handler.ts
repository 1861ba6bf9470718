import type { SFTPAttrs } from '../codec/attrs.js';
import type { SFTPName } from '../codec/name.js';
import type { SFTPVFSAttrs } from '../codec/vfs-attrs.js';

/** Whatever a server's `open` returns; the session hands it back to read, write, fstat... and close. */
export type SFTPFileObject = unknown;

/** A value or a promise of it: every handler method may be async. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * The operations an SFTP session asks of a server (AsyncSSH's SFTPServer
 * methods). Paths are bytes, as the client sent them; errors are reported
 * to the client by throwing SFTPError subclasses (other errors become
 * SFTPFailure, or the matching code for Node file system errors).
 */
export interface SFTPServerHandler {
  /** Name of a uid for long names ('' when there is none). */
  formatUser(uid: number | null): MaybePromise<string>;
  /** Name of a gid for long names. */
  formatGroup(gid: number | null): MaybePromise<string>;
  /** Fill `name.longname` in `ls -l` style. */
  formatLongname(name: SFTPName<Uint8Array>): MaybePromise<void>;
  /** Client path to local path (enforcing a chroot). */
  mapPath(path: Uint8Array): Uint8Array;
  /** Local path to the path shown to the client. */
  reverseMapPath(path: Uint8Array): Uint8Array;
  /** Open a file with FXF_* pflags (v3, v4); `attrs` apply when it is created. */
  open(path: Uint8Array, pflags: number, attrs: SFTPAttrs): MaybePromise<SFTPFileObject>;
  /** Open a file with ACE4_* access and FXF_* disposition flags (v5, v6). */
  open56(
    path: Uint8Array,
    desiredAccess: number,
    flags: number,
    attrs: SFTPAttrs,
  ): MaybePromise<SFTPFileObject>;
  close(file: SFTPFileObject): MaybePromise<void>;
  /** Up to `size` bytes at `offset`; empty at end of file. */
  read(file: SFTPFileObject, offset: number, size: number): MaybePromise<Uint8Array>;
  /** Write `data` at `offset`; returns the bytes written. */
  write(file: SFTPFileObject, offset: number, data: Uint8Array): MaybePromise<number>;
  /** Rename without replacing an existing target. */
  rename(oldpath: Uint8Array, newpath: Uint8Array): MaybePromise<void>;
  /** Rename, replacing an existing target. */
  posixRename(oldpath: Uint8Array, newpath: Uint8Array): MaybePromise<void>;
  /** Delete a file or symlink. */
  remove(path: Uint8Array): MaybePromise<void>;
  readlink(path: Uint8Array): MaybePromise<Uint8Array>;
  /** Create a symlink at `newpath` pointing to `oldpath`. */
  symlink(oldpath: Uint8Array, newpath: Uint8Array): MaybePromise<void>;
  /** Create a hard link at `newpath` to `oldpath`. */
  link(oldpath: Uint8Array, newpath: Uint8Array): MaybePromise<void>;
  /** Canonical form of a path. */
  realpath(path: Uint8Array): MaybePromise<Uint8Array>;
  /** Attributes, following symlinks. */
  stat(path: Uint8Array): MaybePromise<SFTPAttrs>;
  /** Attributes of a symlink itself. */
  lstat(path: Uint8Array): MaybePromise<SFTPAttrs>;
  fstat(file: SFTPFileObject): MaybePromise<SFTPAttrs>;
  /** Set the set fields of `attrs`, following symlinks. */
  setstat(path: Uint8Array, attrs: SFTPAttrs): MaybePromise<void>;
  /** Set the set fields of `attrs` on a symlink itself (lsetstat@openssh.com). */
  lsetstat(path: Uint8Array, attrs: SFTPAttrs): MaybePromise<void>;
  fsetstat(file: SFTPFileObject, attrs: SFTPAttrs): MaybePromise<void>;
  statvfs(path: Uint8Array): MaybePromise<SFTPVFSAttrs>;
  fstatvfs(file: SFTPFileObject): MaybePromise<SFTPVFSAttrs>;
  /** Take a byte-range lock (v6). */
  lock(file: SFTPFileObject, offset: number, length: number, flags: number): MaybePromise<void>;
  /** Release a byte-range lock (v6). */
  unlock(file: SFTPFileObject, offset: number, length: number): MaybePromise<void>;
  /** Flush a file to stable storage (fsync@openssh.com). */
  fsync(file: SFTPFileObject): MaybePromise<void>;
  mkdir(path: Uint8Array, attrs: SFTPAttrs): MaybePromise<void>;
  rmdir(path: Uint8Array): MaybePromise<void>;
  /** The entries of a directory with their attributes. */
  scandir(path: Uint8Array): AsyncIterable<SFTPName<Uint8Array>> | Iterable<SFTPName<Uint8Array>>;
  /** The home directory shown to the client, for '~' in expand-path and home-directory. */
  homeDirectory?(username: string | null): MaybePromise<Uint8Array>;
  /** Session shutdown hook. */
  exit(): MaybePromise<void>;
}
