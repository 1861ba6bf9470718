/** What SCP needs to know of a file (symlinks followed). */
export interface ScpStat {
  readonly type: 'file' | 'directory' | 'other';
  readonly size: number;
  /** Permission bits (0o7777). */
  readonly permissions: number;
  /** Seconds since the epoch. */
  readonly atime: number;
  readonly mtime: number;
}

/** An open file: positional reads and writes. */
export interface ScpFile {
  /** Up to `size` bytes at `offset`; empty at end of file. */
  read(size: number, offset: number): Promise<Uint8Array>;
  write(data: Uint8Array, offset: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The file system one side of an SCP copy works on: the local disk for the
 * `scp()` client, an SFTPServer's (chroot-mapped) view for the SCP server.
 * Errors are SFTPError subclasses (SFTPNoSuchFile, SFTPPermissionDenied...).
 */
export interface ScpFileSystem {
  /** Attributes of `path`, following symlinks. */
  stat(path: string): Promise<ScpStat>;
  /** Whether `path` exists (a dangling link does not). */
  exists(path: string): Promise<boolean>;
  /** Entry names of a directory, without '.' and '..'. */
  listdir(path: string): Promise<string[]>;
  mkdir(path: string, permissions: number): Promise<void>;
  /** Open for reading ('r') or for writing, created or truncated with `permissions` ('w'). */
  open(path: string, mode: 'r' | 'w', permissions?: number): Promise<ScpFile>;
  /** Set permissions and/or times (seconds). */
  setstat(path: string, attrs: { permissions?: number; atime?: number; mtime?: number }): Promise<void>;
}
