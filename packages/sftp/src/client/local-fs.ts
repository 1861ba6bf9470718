import type { SFTPAttrs } from '../codec/attrs.js';

/** An open local file, for get/put. */
export interface SFTPLocalFile {
  /** Read up to `size` bytes at `offset` (empty at end of file). */
  read(size: number, offset: number): Promise<Uint8Array>;
  /** Write all of `data` at `offset`. */
  write(data: Uint8Array, offset: number): Promise<void>;
  /** Set the file's size. */
  truncate(size: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The local file system get/put/mget/mput use, over byte paths. The Node one
 * is `nodeLocalFs` from `@ssh/sftp/node`; others (a browser's OPFS, a zip) can
 * plug in here.
 */
export interface SFTPLocalFS {
  /** Attributes (type, size, permissions, times), following links unless `followSymlinks` is false. */
  stat(path: Uint8Array, followSymlinks: boolean): Promise<SFTPAttrs>;
  /** Apply permissions and atime/mtime from `attrs` (the fields that are set). */
  setstat(path: Uint8Array, attrs: SFTPAttrs): Promise<void>;
  mkdir(path: Uint8Array): Promise<void>;
  /** Entry names, without '.' and '..'. */
  listdir(path: Uint8Array): Promise<Uint8Array[]>;
  readlink(path: Uint8Array): Promise<Uint8Array>;
  symlink(target: Uint8Array, path: Uint8Array): Promise<void>;
  /** Open for reading ('r') or create/truncate for writing ('w'). */
  open(path: Uint8Array, mode: 'r' | 'w'): Promise<SFTPLocalFile>;
}
