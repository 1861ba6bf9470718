import type { ErrorsPolicy } from '@ssh/channels';
import { PacketReader, type SSHLogger } from '@ssh/wire';
import { SFTPAttrs } from '../codec/attrs.js';
import * as C from '../codec/constants.js';
import {
  type SFTPError,
  SFTPFailure,
  SFTPNoSuchFile,
  SFTPNoSuchPath,
  SFTPOpUnsupported,
} from '../codec/errors.js';
import {
  EXT_COPY_DATA,
  EXT_EXPAND_PATH,
  EXT_HARDLINK,
  EXT_HOME_DIRECTORY,
  EXT_LIMITS,
  EXT_LSETSTAT,
  EXT_POSIX_RENAME,
  EXT_STATVFS,
  encodeExtendedData,
  type SFTPExtendedRequest,
} from '../codec/extensions.js';
import { decodeLimits, SFTPLimits } from '../codec/limits.js';
import { SFTPName } from '../codec/name.js';
import { decodeVfsAttrs, type SFTPVFSAttrs } from '../codec/vfs-attrs.js';
import {
  type CopyEndpoint,
  type CopyErrorHandler,
  type CopyFile,
  copyPaths,
  SFTP_BLOCK_SIZE,
  type SFTPCopyOptions,
} from './copy.js';
import { ownerAttrs, SFTPClientFile } from './file.js';
import { type GlobFS, type GlobMatch, globPattern } from './glob.js';
import type { SFTPLocalFS } from './local-fs.js';
import { type OpenMode, parseOpenMode, pflagsToV5 } from './open-mode.js';
import { readRemoteParallel } from './parallel.js';
import { dirnameBytes, isAbsoluteBytes, joinBytes, lit, type PathCodec, type SFTPPath } from './paths.js';
import {
  expectAttrs,
  expectExtended,
  expectHandle,
  expectNames,
  expectOk,
  expectOneName,
} from './replies.js';
import type { SFTPClientSession, SFTPRequestBody } from './session.js';
import { timesToAttrs, type UtimeOptions } from './times.js';

/** Options of SFTPClient.open (AsyncSSH open arguments after the mode). */
export interface SFTPOpenOptions {
  /** Attributes for a file that gets created. */
  attrs?: SFTPAttrs;
  /** Text encoding of the data (default 'utf-8'); null (or a 'b' mode) exchanges bytes. */
  encoding?: string | null;
  errors?: ErrorsPolicy;
  /** Request size for reads and writes; -1 (default) = server limit or 16 KiB; null = one request per call. */
  blockSize?: number | null;
  /** Parallel requests per call; -1 (default) = 16 to 128 by block size. */
  maxRequests?: number;
}

/** Options of stat, lstat and friends. */
export interface SFTPStatOptions {
  /** Attributes asked for (v4+; default every v4 attribute). */
  flags?: number;
  /** Follow a final symlink (default true). */
  followSymlinks?: boolean;
}

/** Options of realpath. */
export interface SFTPRealpathOptions {
  /** FXRP_NO_CHECK (default), FXRP_STAT_IF_EXISTS or FXRP_STAT_ALWAYS: the last two return an SFTPName. */
  check?: number;
}

/** Options of remoteCopy (copy-data). */
export interface SFTPRemoteCopyOptions {
  srcOffset?: number;
  /** Bytes to copy; 0 (default) = to the end of the source. */
  srcLength?: number;
  dstOffset?: number;
}

/** Options of rmtree. */
export interface SFTPRmtreeOptions {
  ignoreErrors?: boolean;
  /** Called with (function name, path, error) for each failure when not ignoring errors. */
  onerror?: ((fn: string, path: SFTPPath, err: Error) => void) | null;
}

/** Options of makedirs. */
export interface SFTPMakedirsOptions {
  attrs?: SFTPAttrs;
  /** Do not fail when the directory exists (default false). */
  existOk?: boolean;
}

/** Options of SFTPClient.copy: the common copy options plus remoteOnly. */
export interface SFTPRemoteCopyPathsOptions extends SFTPCopyOptions {
  /** Fail instead of copying through the client when the server lacks copy-data. */
  remoteOnly?: boolean;
}

type Name<P extends SFTPPath> = SFTPName<P extends string ? string : Uint8Array>;

const DOT = lit('.');
const NS = 1_000_000_000n;

/**
 * The client side of an SFTP session (AsyncSSH SFTPClient). Paths are text
 * (with the path encoding, UTF-8 by default) or bytes; results come back in
 * the type the path was given in.
 */
export class SFTPClient {
  /** Logger of this SFTP session. */
  readonly logger: SSHLogger;
  /** Server limits (from limits@openssh.com, else 16 KiB reads and writes). */
  limits: SFTPLimits;
  private readonly extensions: Map<string, Uint8Array>;
  private cwd: Uint8Array | null = null;
  private readonly nonstandardSymlink: boolean;

  /** @internal Made by startSftpClient. */
  constructor(
    private readonly session: SFTPClientSession,
    private readonly paths: PathCodec,
    extensions: ReadonlyArray<readonly [string, Uint8Array]>,
    serverVersion: string,
    private readonly localFs: SFTPLocalFS | null,
  ) {
    this.logger = session.logger;
    this.extensions = new Map(extensions.map(([k, v]) => [k, v]));
    this.limits = new SFTPLimits({ maxReadLen: SFTP_BLOCK_SIZE, maxWriteLen: SFTP_BLOCK_SIZE });
    // OpenSSH's sftp-server takes SSH_FXP_SYMLINK's paths in the opposite order (PROTOCOL §4.1).
    this.nonstandardSymlink = /OpenSSH/.test(serverVersion);
  }

  /** @internal Ask for limits when the server offers limits@openssh.com. */
  async init(): Promise<void> {
    if (!this.extensions.has(EXT_LIMITS)) return;
    const reply = await this.extended({ name: EXT_LIMITS });
    const l = decodeLimits(new PacketReader(reply));
    if (l.maxReadLen === 0) l.maxReadLen = SFTP_BLOCK_SIZE;
    if (l.maxWriteLen === 0) l.maxWriteLen = SFTP_BLOCK_SIZE;
    this.limits = l;
  }

  /** The negotiated SFTP version. */
  get version(): number {
    return this.session.version;
  }

  /** Whether the server can copy data itself (copy-data). */
  get supportsRemoteCopy(): boolean {
    return this.extensions.has(EXT_COPY_DATA);
  }

  /** The extensions the server announced, by name. */
  get serverExtensions(): ReadonlyMap<string, Uint8Array> {
    return this.extensions;
  }

  // ---- plumbing ----

  private request(body: SFTPRequestBody) {
    return this.session.request(body);
  }

  private async extended(ext: SFTPExtendedRequest): Promise<Uint8Array> {
    const data = encodeExtendedData(ext, this.version);
    return expectExtended(await this.request({ kind: 'extended', request: ext.name, data }));
  }

  private async extendedOk(ext: SFTPExtendedRequest): Promise<void> {
    const data = encodeExtendedData(ext, this.version);
    expectOk(await this.request({ kind: 'extended', request: ext.name, data }));
  }

  private requireExt(name: string, what: string): void {
    if (!this.extensions.has(name)) throw new SFTPOpUnsupported(`${what} not supported by the server`);
  }

  /** Wire bytes of a path, relative paths taken from the current directory. */
  private encode(path: SFTPPath): Uint8Array {
    const bytes = this.paths.encode(path);
    if (this.cwd && !isAbsoluteBytes(bytes)) return joinBytes(this.cwd, bytes);
    return bytes;
  }

  private decodeName<P extends SFTPPath>(n: SFTPName<Uint8Array>, like: P | undefined): Name<P> {
    return new SFTPName(
      this.paths.decodeLike(n.filename, like),
      this.paths.decodeLike(n.longname, like),
      n.attrs,
    ) as Name<P>;
  }

  // ---- files ----

  /**
   * Open a remote file by mode string ('r', 'w', 'a', 'x', with '+' and 'b')
   * or FXF_* pflags; v5+ servers get the matching access and disposition.
   */
  open(
    path: SFTPPath,
    mode: `${string}b${string}`,
    options?: SFTPOpenOptions,
  ): Promise<SFTPClientFile<Uint8Array>>;
  open(
    path: SFTPPath,
    mode: OpenMode | number | undefined,
    options: SFTPOpenOptions & { encoding: null },
  ): Promise<SFTPClientFile<Uint8Array>>;
  open(path: SFTPPath, mode?: OpenMode | number, options?: SFTPOpenOptions): Promise<SFTPClientFile<string>>;
  async open(
    path: SFTPPath,
    mode: OpenMode | number | string = C.FXF_READ,
    options: SFTPOpenOptions = {},
  ): Promise<SFTPClientFile> {
    let pflags: number;
    let encoding = options.encoding === undefined ? 'utf-8' : options.encoding;
    if (typeof mode === 'string') {
      const parsed = parseOpenMode(mode);
      pflags = parsed.pflags;
      if (parsed.binary) encoding = null;
    } else {
      pflags = mode;
    }
    const attrs = options.attrs ?? new SFTPAttrs();
    const filename = this.encode(path);
    let handle: Uint8Array;
    if (this.version >= 5) {
      const { desiredAccess, flags } = pflagsToV5(pflags);
      handle = expectHandle(await this.request({ kind: 'open56', filename, desiredAccess, flags, attrs }));
    } else {
      handle = expectHandle(await this.request({ kind: 'open', filename, pflags, attrs }));
    }
    return this.makeFile(handle, (pflags & C.FXF_APPEND) !== 0, encoding, options);
  }

  /** Open with v5/v6 desired access (ACE4_*) and flags (FXF_* disposition and more). */
  open56(
    path: SFTPPath,
    desiredAccess: number = C.ACE4_READ_DATA | C.ACE4_READ_ATTRIBUTES,
    flags: number = C.FXF_OPEN_EXISTING,
    options: SFTPOpenOptions = {},
  ): Promise<SFTPClientFile> {
    return (async () => {
      if (this.version < 5) throw new SFTPOpUnsupported('open56 needs SFTP version 5 or later');
      const attrs = options.attrs ?? new SFTPAttrs();
      const filename = this.encode(path);
      const handle = expectHandle(
        await this.request({ kind: 'open56', filename, desiredAccess, flags, attrs }),
      );
      const encoding = options.encoding === undefined ? 'utf-8' : options.encoding;
      return this.makeFile(handle, (flags & C.FXF_APPEND_DATA) !== 0, encoding, options);
    })();
  }

  private makeFile(
    handle: Uint8Array,
    appending: boolean,
    encoding: string | null,
    options: SFTPOpenOptions,
  ): SFTPClientFile {
    let block = options.blockSize === undefined ? -1 : options.blockSize;
    if (block !== null && block <= 0)
      block = Math.min(this.limits.maxReadLen, this.limits.maxWriteLen) || SFTP_BLOCK_SIZE;
    let max = options.maxRequests ?? -1;
    if (max <= 0)
      max = Math.max(16, Math.min(Math.floor((4 * 1024 * 1024) / (block ?? SFTP_BLOCK_SIZE)), 128));
    return new SFTPClientFile(
      { session: this.session, extensions: this.extensions },
      handle,
      appending,
      encoding,
      options.errors ?? 'strict',
      block,
      max,
    );
  }

  // ---- attributes ----

  /** Attributes of a path, following symlinks unless followSymlinks is false. */
  async stat(path: SFTPPath, options: SFTPStatOptions = {}): Promise<SFTPAttrs> {
    const kind = options.followSymlinks === false ? 'lstat' : 'stat';
    return expectAttrs(
      await this.request({ kind, path: this.encode(path), flags: options.flags ?? C.DEFAULT_STAT_FLAGS }),
    );
  }

  /** Attributes of a path without following a final symlink. */
  async lstat(path: SFTPPath, options: { flags?: number } = {}): Promise<SFTPAttrs> {
    return this.stat(path, { ...options, followSymlinks: false });
  }

  /** Set the initialized fields of `attrs` (on the link itself with followSymlinks false: lsetstat@openssh.com). */
  async setstat(path: SFTPPath, attrs: SFTPAttrs, options: { followSymlinks?: boolean } = {}): Promise<void> {
    const p = this.encode(path);
    if (options.followSymlinks === false) {
      this.requireExt(EXT_LSETSTAT, 'lsetstat');
      await this.extendedOk({ name: EXT_LSETSTAT, path: p, attrs });
      return;
    }
    expectOk(await this.request({ kind: 'setstat', path: p, attrs }));
  }

  /** File system attributes of the file system holding `path` (statvfs@openssh.com). */
  async statvfs(path: SFTPPath): Promise<SFTPVFSAttrs> {
    this.requireExt(EXT_STATVFS, 'statvfs');
    return decodeVfsAttrs(
      new PacketReader(await this.extended({ name: EXT_STATVFS, path: this.encode(path) })),
    );
  }

  /** Set a file's size (follows symlinks). */
  async truncate(path: SFTPPath, size: number): Promise<void> {
    await this.setstat(path, new SFTPAttrs({ size }));
  }

  /** Change owner and group: ids, or names on v4+. */
  async chown(
    path: SFTPPath,
    uidOrOwner: number | string,
    gidOrGroup: number | string,
    options: { followSymlinks?: boolean } = {},
  ): Promise<void> {
    await this.setstat(path, ownerAttrs(uidOrOwner, gidOrGroup), options);
  }

  /** Change permission bits. */
  async chmod(path: SFTPPath, mode: number, options: { followSymlinks?: boolean } = {}): Promise<void> {
    await this.setstat(path, new SFTPAttrs({ permissions: mode }), options);
  }

  /** Set access and modify times (`times` seconds or `ns` nanoseconds; now when both omitted). */
  async utime(path: SFTPPath, options: UtimeOptions & { followSymlinks?: boolean } = {}): Promise<void> {
    await this.setstat(path, timesToAttrs(options), { followSymlinks: options.followSymlinks ?? true });
  }

  private async typeOrNull(path: SFTPPath, follow: boolean): Promise<SFTPAttrs | null> {
    try {
      return await this.stat(path, { followSymlinks: follow });
    } catch (err) {
      if (err instanceof SFTPNoSuchFile || err instanceof SFTPNoSuchPath) return null;
      throw err;
    }
  }

  /** Whether the path exists (a dangling symlink does not). */
  async exists(path: SFTPPath): Promise<boolean> {
    return (await this.typeOrNull(path, true)) !== null;
  }

  /** Whether the path exists, links not followed. */
  async lexists(path: SFTPPath): Promise<boolean> {
    return (await this.typeOrNull(path, false)) !== null;
  }

  /** Whether the path is a directory. */
  async isdir(path: SFTPPath): Promise<boolean> {
    return (await this.typeOrNull(path, true))?.type === C.FILEXFER_TYPE_DIRECTORY;
  }

  /** Whether the path is a regular file. */
  async isfile(path: SFTPPath): Promise<boolean> {
    return (await this.typeOrNull(path, true))?.type === C.FILEXFER_TYPE_REGULAR;
  }

  /** Whether the path is a symlink. */
  async islink(path: SFTPPath): Promise<boolean> {
    return (await this.typeOrNull(path, false))?.type === C.FILEXFER_TYPE_SYMLINK;
  }

  /** Size in bytes. */
  async getsize(path: SFTPPath): Promise<number | null> {
    return (await this.stat(path)).size;
  }

  /** Last access time in seconds (with the fraction on v4+). */
  async getatime(path: SFTPPath): Promise<number | null> {
    const a = await this.stat(path);
    return a.atime === null ? null : a.atime + (a.atimeNs ?? 0) / 1e9;
  }

  /** Last access time in nanoseconds. */
  async getatimeNs(path: SFTPPath): Promise<bigint | null> {
    const a = await this.stat(path);
    return a.atime === null ? null : BigInt(a.atime) * NS + BigInt(a.atimeNs ?? 0);
  }

  /** Last modify time in seconds. */
  async getmtime(path: SFTPPath): Promise<number | null> {
    const a = await this.stat(path);
    return a.mtime === null ? null : a.mtime + (a.mtimeNs ?? 0) / 1e9;
  }

  /** Last modify time in nanoseconds. */
  async getmtimeNs(path: SFTPPath): Promise<bigint | null> {
    const a = await this.stat(path);
    return a.mtime === null ? null : BigInt(a.mtime) * NS + BigInt(a.mtimeNs ?? 0);
  }

  /** Creation time in seconds (v4+). */
  async getcrtime(path: SFTPPath): Promise<number | null> {
    const a = await this.stat(path);
    return a.crtime === null ? null : a.crtime + (a.crtimeNs ?? 0) / 1e9;
  }

  /** Creation time in nanoseconds (v4+). */
  async getcrtimeNs(path: SFTPPath): Promise<bigint | null> {
    const a = await this.stat(path);
    return a.crtime === null ? null : BigInt(a.crtime) * NS + BigInt(a.crtimeNs ?? 0);
  }

  // ---- names ----

  /**
   * The canonical form of a path (joined with any compose paths). With
   * check FXRP_STAT_IF_EXISTS or FXRP_STAT_ALWAYS, an SFTPName with attributes.
   */
  realpath<P extends SFTPPath>(path: P, ...composePaths: SFTPPath[]): Promise<P>;
  realpath<P extends SFTPPath>(
    path: P,
    ...rest: [...SFTPPath[], SFTPRealpathOptions & { check: number }]
  ): Promise<P | Name<P>>;
  async realpath<P extends SFTPPath>(
    path: P,
    ...rest: Array<SFTPPath | SFTPRealpathOptions>
  ): Promise<P | Name<P>> {
    const last = rest[rest.length - 1];
    const opts: SFTPRealpathOptions =
      last !== undefined && typeof last === 'object' && !(last instanceof Uint8Array)
        ? (rest.pop() as SFTPRealpathOptions)
        : {};
    const check = opts.check ?? C.FXRP_NO_CHECK;
    const compose = (rest as SFTPPath[]).map((p) => this.paths.encode(p));
    let p = this.encode(path);
    let name: SFTPName<Uint8Array>;
    if (this.version >= 6) {
      name = expectOneName(
        await this.request({ kind: 'realpath', path: p, control: check, composePaths: compose }),
      );
    } else {
      if (compose.length) p = joinBytes(p, ...compose);
      name = expectOneName(await this.request({ kind: 'realpath', path: p }));
      if (check !== C.FXRP_NO_CHECK) {
        try {
          name.attrs = expectAttrs(
            await this.request({ kind: 'stat', path: name.filename, flags: C.DEFAULT_STAT_FLAGS }),
          );
        } catch (err) {
          if (check === C.FXRP_STAT_ALWAYS || !(err instanceof SFTPNoSuchFile)) throw err;
        }
      }
    }
    if (check === C.FXRP_NO_CHECK) return this.paths.decodeLike(name.filename, path);
    return this.decodeName(name, path);
  }

  /** Change the client's remote working directory. */
  async chdir(path: SFTPPath): Promise<void> {
    this.cwd = await this.realpath(this.encode(path));
  }

  /** The remote working directory. */
  async getcwd(): Promise<SFTPPath> {
    if (!this.cwd) this.cwd = await this.realpath(DOT);
    return this.paths.decode(this.cwd);
  }

  /** Target of a symlink. */
  async readlink<P extends SFTPPath>(path: P): Promise<P> {
    const name = expectOneName(await this.request({ kind: 'readlink', path: this.encode(path) }));
    return this.paths.decodeLike(name.filename, path);
  }

  /** Make `newpath` a symlink to `oldpath` (os.symlink order). */
  async symlink(oldpath: SFTPPath, newpath: SFTPPath): Promise<void> {
    const target = this.paths.encode(oldpath);
    const link = this.encode(newpath);
    if (this.version >= 6) {
      expectOk(await this.request({ kind: 'link', newpath: link, oldpath: target, symlink: true }));
      return;
    }
    const [first, second] = this.nonstandardSymlink ? [target, link] : [link, target];
    expectOk(await this.request({ kind: 'symlink', first, second }));
  }

  /** Make a hard link `newpath` to `oldpath` (v6 LINK, else hardlink@openssh.com). */
  async link(oldpath: SFTPPath, newpath: SFTPPath): Promise<void> {
    const o = this.encode(oldpath);
    const n = this.encode(newpath);
    if (this.version >= 6) {
      expectOk(await this.request({ kind: 'link', newpath: n, oldpath: o, symlink: false }));
      return;
    }
    this.requireExt(EXT_HARDLINK, 'link');
    await this.extendedOk({ name: EXT_HARDLINK, oldpath: o, newpath: n });
  }

  /** Rename; `flags` (FXR_*) on v5+, or posix-rename when flags are given to an older server. */
  async rename(oldpath: SFTPPath, newpath: SFTPPath, flags = 0): Promise<void> {
    const o = this.encode(oldpath);
    const n = this.encode(newpath);
    if (flags && this.version < 5 && this.extensions.has(EXT_POSIX_RENAME)) {
      await this.extendedOk({ name: EXT_POSIX_RENAME, oldpath: o, newpath: n });
      return;
    }
    expectOk(await this.request({ kind: 'rename', oldpath: o, newpath: n, flags }));
  }

  /** Rename, replacing any existing target. */
  async posixRename(oldpath: SFTPPath, newpath: SFTPPath): Promise<void> {
    const o = this.encode(oldpath);
    const n = this.encode(newpath);
    if (this.version >= 5) {
      expectOk(
        await this.request({
          kind: 'rename',
          oldpath: o,
          newpath: n,
          flags: C.FXR_OVERWRITE | C.FXR_ATOMIC | C.FXR_NATIVE,
        }),
      );
      return;
    }
    this.requireExt(EXT_POSIX_RENAME, 'posix_rename');
    await this.extendedOk({ name: EXT_POSIX_RENAME, oldpath: o, newpath: n });
  }

  /** Delete a file or symlink. */
  async remove(path: SFTPPath): Promise<void> {
    expectOk(await this.request({ kind: 'remove', path: this.encode(path) }));
  }

  /** Alias of remove. */
  unlink(path: SFTPPath): Promise<void> {
    return this.remove(path);
  }

  /** The server's expansion of a path starting with '~' (expand-path@openssh.com). */
  async expandPath<P extends SFTPPath>(path: P): Promise<P> {
    this.requireExt(EXT_EXPAND_PATH, 'expand-path');
    const data = encodeExtendedData({ name: EXT_EXPAND_PATH, path: this.paths.encode(path) }, this.version);
    const name = expectOneName(await this.request({ kind: 'extended', request: EXT_EXPAND_PATH, data }));
    return this.paths.decodeLike(name.filename, path);
  }

  /** A user's home directory (home-directory extension). */
  async homeDirectory(username: string): Promise<SFTPPath> {
    this.requireExt(EXT_HOME_DIRECTORY, 'home-directory');
    const data = encodeExtendedData({ name: EXT_HOME_DIRECTORY, username: lit(username) }, this.version);
    const name = expectOneName(await this.request({ kind: 'extended', request: EXT_HOME_DIRECTORY, data }));
    return this.paths.decode(name.filename);
  }

  // ---- directories ----

  /** Create a directory. */
  async mkdir(path: SFTPPath, attrs: SFTPAttrs = new SFTPAttrs()): Promise<void> {
    expectOk(await this.request({ kind: 'mkdir', path: this.encode(path), attrs }));
  }

  /** Create a directory and any missing parents. */
  async makedirs(path: SFTPPath, options: SFTPMakedirsOptions = {}): Promise<void> {
    const full = this.encode(path);
    const attrs = options.attrs ?? new SFTPAttrs();
    const parts: Uint8Array[] = [];
    let p = full;
    while (p.length > 0 && !(p.length === 1 && p[0] === 0x2f)) {
      parts.unshift(p);
      p = dirnameBytes(p);
    }
    let created = false;
    for (const part of parts) {
      const st = await this.typeOrNull(part, true);
      if (st === null) {
        await this.mkdir(part, attrs);
        created = true;
      } else if (st.type !== C.FILEXFER_TYPE_DIRECTORY) {
        throw new SFTPFailure(`${String(this.paths.decode(part))} is not a directory`);
      }
    }
    if (!created && !options.existOk)
      throw new SFTPFailure(`${String(this.paths.decode(full))} already exists`);
  }

  /** Delete an empty directory. */
  async rmdir(path: SFTPPath): Promise<void> {
    expectOk(await this.request({ kind: 'rmdir', path: this.encode(path) }));
  }

  /** Delete a directory tree. */
  async rmtree(path: SFTPPath, options: SFTPRmtreeOptions = {}): Promise<void> {
    const report = (fn: string, p: Uint8Array, err: unknown) => {
      if (options.ignoreErrors) return;
      const e = err instanceof Error ? err : new Error(String(err));
      if (options.onerror) options.onerror(fn, this.paths.decode(p), e);
      else throw e;
    };
    const top = this.encode(path);
    try {
      if (await this.islink(top))
        throw new SFTPFailure(`${String(this.paths.decode(top))} is a symbolic link`);
    } catch (err) {
      report('islink', top, err);
      return;
    }
    const walk = async (dir: Uint8Array): Promise<void> => {
      let entries: SFTPName<Uint8Array>[] = [];
      try {
        entries = await this.readdirBytes(dir);
      } catch (err) {
        report('scandir', dir, err);
      }
      for (const e of entries) {
        const child = joinBytes(dir, e.filename);
        if (e.attrs.type === C.FILEXFER_TYPE_DIRECTORY) await walk(child);
        else {
          try {
            await this.remove(child);
          } catch (err) {
            report('remove', child, err);
          }
        }
      }
      try {
        await this.rmdir(dir);
      } catch (err) {
        report('rmdir', dir, err);
      }
    };
    await walk(top);
  }

  private async *scandirBytes(dir: Uint8Array): AsyncGenerator<SFTPName<Uint8Array>> {
    const handle = expectHandle(await this.request({ kind: 'opendir', path: dir }));
    try {
      for (;;) {
        const res = await this.request({ kind: 'readdir', handle });
        const names = expectNames(res);
        if (names === null) break;
        for (const n of names) {
          const f = n.filename;
          if ((f.length === 1 && f[0] === 0x2e) || (f.length === 2 && f[0] === 0x2e && f[1] === 0x2e))
            continue;
          yield n;
        }
        if (res.kind === 'name' && res.endOfList) break;
      }
    } finally {
      await this.request({ kind: 'close', handle }).catch(() => {});
    }
  }

  private async readdirBytes(dir: Uint8Array): Promise<SFTPName<Uint8Array>[]> {
    const out: SFTPName<Uint8Array>[] = [];
    for await (const n of this.scandirBytes(dir)) out.push(n);
    return out;
  }

  /** Entries of a directory as SFTPName (without '.' and '..'), as an async iterator. */
  async *scandir<P extends SFTPPath = string>(path?: P): AsyncGenerator<Name<P>> {
    for await (const n of this.scandirBytes(this.encode(path ?? DOT))) yield this.decodeName(n, path);
  }

  /** Entries of a directory as SFTPName (without '.' and '..'). */
  async readdir<P extends SFTPPath = string>(path?: P): Promise<Name<P>[]> {
    const out: Name<P>[] = [];
    for await (const n of this.scandir(path)) out.push(n);
    return out;
  }

  /** Names in a directory (without '.' and '..'). */
  async listdir<P extends SFTPPath = string>(path?: P): Promise<(P extends string ? string : Uint8Array)[]> {
    return (await this.readdir(path)).map((n) => n.filename) as (P extends string ? string : Uint8Array)[];
  }

  private globFs(): GlobFS {
    return {
      scandir: async (dir) => (await this.readdirBytes(this.encode(dir))).map((n) => [n.filename, n.attrs]),
      statOrNull: (p) => this.typeOrNull(p, true),
    };
  }

  private async globBytes(
    patterns: SFTPPath | readonly SFTPPath[],
    errorHandler?: CopyErrorHandler | null,
  ): Promise<GlobMatch[]> {
    const list = Array.isArray(patterns) ? patterns : [patterns as SFTPPath];
    const out: GlobMatch[] = [];
    for (const pat of list) {
      try {
        out.push(...(await globPattern(this.globFs(), this.encode(pat))));
      } catch (err) {
        if (!errorHandler) throw err;
        errorHandler(err instanceof Error ? err : new Error(String(err)));
      }
    }
    return out;
  }

  /** Paths matching glob patterns ('*', '?', '[...]', '**', trailing '/'); no match is SFTPNoSuchFile. */
  async glob<P extends SFTPPath = string>(
    patterns: P | readonly P[],
    errorHandler?: CopyErrorHandler | null,
  ): Promise<(P extends string ? string : Uint8Array)[]> {
    const like = (Array.isArray(patterns) ? patterns[0] : patterns) as P | undefined;
    return (await this.globBytes(patterns as SFTPPath | readonly SFTPPath[], errorHandler)).map(([p]) =>
      this.paths.decodeLike(p, like),
    ) as unknown as (P extends string ? string : Uint8Array)[];
  }

  /** Like glob, returning SFTPName entries with attributes. */
  async globSftpname<P extends SFTPPath = string>(
    patterns: P | readonly P[],
    errorHandler?: CopyErrorHandler | null,
  ): Promise<Name<P>[]> {
    const like = (Array.isArray(patterns) ? patterns[0] : patterns) as P | undefined;
    return (await this.globBytes(patterns as SFTPPath | readonly SFTPPath[], errorHandler)).map(([p, a]) =>
      this.decodeName(new SFTPName(p, new Uint8Array(0), a), like),
    );
  }

  // ---- transfers ----

  private remoteEndpoint(): CopyEndpoint {
    const session = this.session;
    return {
      maxReadLen: this.limits.maxReadLen,
      maxWriteLen: this.limits.maxWriteLen,
      stat: (p, follow) => this.stat(p, { followSymlinks: follow }),
      setstat: (p, a) => this.setstat(p, a),
      isdir: (p) => this.isdir(p),
      mkdir: (p) => this.mkdir(p),
      listdir: async (p) => (await this.readdirBytes(this.encode(p))).map((n) => n.filename),
      readlink: async (p) =>
        expectOneName(await this.request({ kind: 'readlink', path: this.encode(p) })).filename,
      symlink: (t, p) => this.symlink(t, p),
      open: async (p, mode): Promise<CopyFile> => {
        const pflags = mode === 'r' ? C.FXF_READ : C.FXF_WRITE | C.FXF_CREAT | C.FXF_TRUNC;
        const f = await this.open(p, pflags, { encoding: null, blockSize: null });
        return {
          remoteHandle: f.handle,
          readParallel: (size, block, max) => readRemoteParallel(session, f.handle, 0, size, block, max),
          write: async (data, offset) => {
            expectOk(await session.request({ kind: 'write', handle: f.handle, offset, data }));
          },
          truncate: (size) => f.truncate(size),
          close: () => f.close(),
        };
      },
      display: (p) => this.paths.decode(p),
      serverCopy: this.supportsRemoteCopy
        ? (from, to, size) => this.copyData(from, 0, size, to, 0)
        : undefined,
    };
  }

  private localEndpoint(like: SFTPPath | undefined): CopyEndpoint {
    const fs = this.localFs;
    if (!fs)
      throw new SFTPOpUnsupported('no local file system: pass localFs (nodeLocalFs from @ssh/sftp/node)');
    const dec = new TextDecoder();
    return {
      maxReadLen: 0,
      maxWriteLen: 0,
      stat: (p, follow) => fs.stat(p, follow),
      setstat: (p, a) => fs.setstat(p, a),
      isdir: async (p) => {
        try {
          return (await fs.stat(p, true)).type === C.FILEXFER_TYPE_DIRECTORY;
        } catch {
          return false;
        }
      },
      mkdir: (p) => fs.mkdir(p),
      listdir: (p) => fs.listdir(p),
      readlink: (p) => fs.readlink(p),
      symlink: (t, p) => fs.symlink(t, p),
      open: async (p, mode): Promise<CopyFile> => {
        const f = await fs.open(p, mode);
        return {
          async *readParallel(size, block) {
            for (let at = 0; at < size; ) {
              const data = await f.read(Math.min(block, size - at), at);
              if (data.length === 0) break;
              yield [at, data];
              at += data.length;
            }
          },
          write: (data, offset) => f.write(data, offset),
          truncate: (size) => f.truncate(size),
          close: () => f.close(),
        };
      },
      display: (p) => (like === undefined || typeof like === 'string' ? dec.decode(p) : p),
    };
  }

  private localBytes(p: SFTPPath): Uint8Array {
    return typeof p === 'string' ? lit(p) : p;
  }

  private remoteList(paths: SFTPPath | readonly SFTPPath[]): Uint8Array[] {
    return (Array.isArray(paths) ? paths : [paths as SFTPPath]).map((p) => this.encode(p));
  }

  /** Download remote files or directories into a local path (default: the local working directory). */
  async get(
    remotepaths: SFTPPath | readonly SFTPPath[],
    localpath: SFTPPath | null = null,
    options: SFTPCopyOptions = {},
  ): Promise<void> {
    const like = localpath ?? (Array.isArray(remotepaths) ? remotepaths[0] : remotepaths);
    await copyPaths(
      this.remoteEndpoint(),
      this.remoteList(remotepaths),
      this.localEndpoint(like as SFTPPath | undefined),
      localpath === null ? null : this.localBytes(localpath),
      options,
    );
  }

  /** Upload local files or directories into a remote path (default: the remote working directory). */
  async put(
    localpaths: SFTPPath | readonly SFTPPath[],
    remotepath: SFTPPath | null = null,
    options: SFTPCopyOptions = {},
  ): Promise<void> {
    const list = Array.isArray(localpaths) ? localpaths : [localpaths as SFTPPath];
    await copyPaths(
      this.localEndpoint(list[0]),
      list.map((p) => this.localBytes(p)),
      this.remoteEndpoint(),
      remotepath === null ? (this.cwd ?? null) : this.encode(remotepath),
      options,
    );
  }

  /** Copy remote files or directories to another remote path, with copy-data when the server has it. */
  async copy(
    srcpaths: SFTPPath | readonly SFTPPath[],
    dstpath: SFTPPath | null = null,
    options: SFTPRemoteCopyPathsOptions = {},
  ): Promise<void> {
    if (options.remoteOnly && !this.supportsRemoteCopy)
      throw new SFTPOpUnsupported('remote copy not supported');
    const remote = this.remoteEndpoint();
    await copyPaths(
      remote,
      this.remoteList(srcpaths),
      remote,
      dstpath === null ? this.cwd : this.encode(dstpath),
      options,
    );
  }

  private async copyData(
    readHandle: Uint8Array,
    readOffset: number,
    readLength: number,
    writeHandle: Uint8Array,
    writeOffset: number,
  ): Promise<void> {
    await this.extendedOk({
      name: EXT_COPY_DATA,
      readHandle,
      readOffset,
      readLength,
      writeHandle,
      writeOffset,
    });
  }

  /** get with glob patterns in the remote paths. */
  async mget(
    remotepaths: SFTPPath | readonly SFTPPath[],
    localpath: SFTPPath | null = null,
    options: SFTPCopyOptions = {},
  ): Promise<void> {
    const matches = await this.globBytes(remotepaths, options.errorHandler);
    const like = localpath ?? (Array.isArray(remotepaths) ? remotepaths[0] : remotepaths);
    await copyPaths(
      this.remoteEndpoint(),
      matches.map(([p]) => p),
      this.localEndpoint(like as SFTPPath | undefined),
      localpath === null ? null : this.localBytes(localpath),
      options,
    );
  }

  /** put with glob patterns in the local paths. */
  async mput(
    localpaths: SFTPPath | readonly SFTPPath[],
    remotepath: SFTPPath | null = null,
    options: SFTPCopyOptions = {},
  ): Promise<void> {
    const list = Array.isArray(localpaths) ? localpaths : [localpaths as SFTPPath];
    const local = this.localEndpoint(list[0]);
    const fs = this.localFs as SFTPLocalFS;
    const globFs: GlobFS = {
      scandir: async (dir) => {
        const out: Array<[Uint8Array, SFTPAttrs]> = [];
        for (const n of await fs.listdir(dir)) out.push([n, await fs.stat(joinBytes(dir, n), false)]);
        return out;
      },
      statOrNull: async (p) => fs.stat(p, true).catch(() => null),
    };
    const matches: Uint8Array[] = [];
    for (const pat of list) {
      try {
        for (const [p] of await globPattern(globFs, this.localBytes(pat))) matches.push(p);
      } catch (err) {
        if (!options.errorHandler) throw err;
        options.errorHandler(err instanceof Error ? err : new Error(String(err)));
      }
    }
    await copyPaths(
      local,
      matches,
      this.remoteEndpoint(),
      remotepath === null ? this.cwd : this.encode(remotepath),
      options,
    );
  }

  /** copy with glob patterns in the source paths. */
  async mcopy(
    srcpaths: SFTPPath | readonly SFTPPath[],
    dstpath: SFTPPath | null = null,
    options: SFTPRemoteCopyPathsOptions = {},
  ): Promise<void> {
    const matches = await this.globBytes(srcpaths, options.errorHandler);
    await this.copy(
      matches.map(([p]) => p),
      dstpath,
      options,
    );
  }

  /** Copy bytes between two remote files on the server (copy-data); paths or open files. */
  async remoteCopy(
    src: SFTPPath | SFTPClientFile,
    dst: SFTPPath | SFTPClientFile,
    options: SFTPRemoteCopyOptions = {},
  ): Promise<void> {
    this.requireExt(EXT_COPY_DATA, 'remote copy');
    const srcFile = src instanceof SFTPClientFile ? null : await this.open(src, 'rb');
    const dstFile = dst instanceof SFTPClientFile ? null : await this.open(dst, 'wb');
    try {
      const r = src instanceof SFTPClientFile ? src.handle : (srcFile as SFTPClientFile).handle;
      const w = dst instanceof SFTPClientFile ? dst.handle : (dstFile as SFTPClientFile).handle;
      await this.copyData(r, options.srcOffset ?? 0, options.srcLength ?? 0, w, options.dstOffset ?? 0);
    } finally {
      await srcFile?.close();
      await dstFile?.close();
    }
  }

  // ---- session ----

  /** End the SFTP session and close its channel. */
  exit(): void {
    this.session.close();
  }

  /** Resolves once the session has closed. */
  waitClosed(): Promise<void> {
    return this.session.closed;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.exit();
    await this.waitClosed();
  }

  /** The error that ended the session (a bad packet, a lost channel), or null. */
  get failure(): SFTPError | null {
    return this.session.failure;
  }
}
