import { SFTPAttrs } from '../codec/attrs.js';
import * as C from '../codec/constants.js';
import { SFTPFailure } from '../codec/errors.js';
import { type Block, Limiter } from './parallel.js';
import { basenameBytes, joinBytes } from './paths.js';

/** Largest total of parallel reads AsyncSSH keeps in flight (MAX_SFTP_READ_LEN). */
export const MAX_SFTP_READ_LEN = 4 * 1024 * 1024;
/** Most parallel requests a transfer uses. */
export const MAX_SFTP_REQUESTS = 128;
/** Block size when the server states no limits. */
export const SFTP_BLOCK_SIZE = 16384;

/** A file open for a copy: read blocks in parallel, or write blocks at offsets. */
export interface CopyFile {
  readParallel(size: number, blockSize: number, maxRequests: number): AsyncIterable<Block>;
  write(data: Uint8Array, offset: number): Promise<void>;
  /** Set the file's size (ends a sparse copy whose tail was a hole). */
  truncate(size: number): Promise<void>;
  close(): Promise<void>;
  /** The server handle, for a copy the server does itself. */
  remoteHandle?: Uint8Array;
}

/** One side of a copy (the remote server or the local disk), over byte paths. */
export interface CopyEndpoint {
  /** Largest read and write this side accepts (0 = no limit). */
  readonly maxReadLen: number;
  readonly maxWriteLen: number;
  stat(path: Uint8Array, followSymlinks: boolean): Promise<SFTPAttrs>;
  setstat(path: Uint8Array, attrs: SFTPAttrs): Promise<void>;
  isdir(path: Uint8Array): Promise<boolean>;
  mkdir(path: Uint8Array): Promise<void>;
  listdir(path: Uint8Array): Promise<Uint8Array[]>;
  readlink(path: Uint8Array): Promise<Uint8Array>;
  symlink(target: Uint8Array, path: Uint8Array): Promise<void>;
  open(path: Uint8Array, mode: 'r' | 'w'): Promise<CopyFile>;
  /** The path as handed to progress_handler (text or bytes, as the caller used). */
  display(path: Uint8Array): string | Uint8Array;
  /** Copy between two handles on the server (copy-data), when the server can. */
  serverCopy?: ((from: Uint8Array, to: Uint8Array, size: number) => Promise<void>) | undefined;
}

/** progress_handler(srcpath, dstpath, bytesCopied, totalBytes). */
export type ProgressHandler = (
  srcpath: string | Uint8Array,
  dstpath: string | Uint8Array,
  copied: number,
  total: number,
) => void;

/** error_handler(err): called instead of raising so the copy goes on with the next file; may throw to stop. */
export type CopyErrorHandler = (err: Error) => void;

/** Options of get/put/copy and their m* forms (AsyncSSH names in camelCase). */
export interface SFTPCopyOptions {
  /** Copy access/modify times and permissions (default false). */
  preserve?: boolean;
  /** Copy directory trees (default false). */
  recurse?: boolean;
  /** Copy what symlinks point at instead of the links (default false). */
  followSymlinks?: boolean;
  /** Leave blocks of zeros unwritten, as holes (default true). */
  sparse?: boolean;
  /** Read/write request size; -1 (default) = the server's limit, or 16 KiB. */
  blockSize?: number;
  /** Parallel requests; -1 (default) = 16 to 128 depending on the block size. */
  maxRequests?: number;
  progressHandler?: ProgressHandler | null;
  errorHandler?: CopyErrorHandler | null;
}

function isDirAttrs(a: SFTPAttrs): boolean {
  return a.type === C.FILEXFER_TYPE_DIRECTORY;
}

/** Block size and parallel request count for a copy between two endpoints (AsyncSSH's defaults). */
export function transferSizes(src: CopyEndpoint, dst: CopyEndpoint, opts: SFTPCopyOptions): [number, number] {
  let block = opts.blockSize ?? -1;
  if (block <= 0) {
    const limits = [src.maxReadLen, dst.maxWriteLen].filter((n) => n > 0);
    block = limits.length ? Math.min(...limits) : SFTP_BLOCK_SIZE;
  }
  let max = opts.maxRequests ?? -1;
  if (max <= 0) max = Math.max(16, Math.min(Math.floor(MAX_SFTP_READ_LEN / block), MAX_SFTP_REQUESTS));
  return [block, max];
}

/** Copy one file's bytes from src to dst with parallel requests, reporting progress. */
/** Whether a block is all zero bytes. */
export function isZeroBlock(data: Uint8Array): boolean {
  let i = 0;
  if (data.byteOffset % 8 === 0) {
    const words = new BigUint64Array(data.buffer, data.byteOffset, data.length >>> 3);
    for (const w of words) if (w !== 0n) return false;
    i = words.length * 8;
  }
  for (; i < data.length; i++) if (data[i] !== 0) return false;
  return true;
}

async function copyFileData(
  src: CopyEndpoint,
  srcPath: Uint8Array,
  dst: CopyEndpoint,
  dstPath: Uint8Array,
  size: number,
  block: number,
  max: number,
  progress: ProgressHandler | null | undefined,
  sparse: boolean,
): Promise<void> {
  const input = await src.open(srcPath, 'r');
  try {
    const output = await dst.open(dstPath, 'w');
    try {
      if (src === dst && dst.serverCopy && input.remoteHandle && output.remoteHandle) {
        await dst.serverCopy(input.remoteHandle, output.remoteHandle, 0);
        progress?.(src.display(srcPath), dst.display(dstPath), size, size);
        return;
      }
      let copied = 0;
      const limiter = new Limiter(max);
      if (size === 0) progress?.(src.display(srcPath), dst.display(dstPath), 0, 0);
      let end = 0;
      let writtenEnd = 0;
      for await (const [offset, data] of input.readParallel(size, block, max)) {
        end = Math.max(end, offset + data.length);
        const skip = sparse && isZeroBlock(data);
        if (!skip) writtenEnd = Math.max(writtenEnd, offset + data.length);
        await limiter.add(
          (skip ? Promise.resolve() : output.write(data, offset)).then(() => {
            copied += data.length;
            progress?.(src.display(srcPath), dst.display(dstPath), copied, size);
          }),
        );
      }
      await limiter.drain();
      // A hole at the end leaves the file short: set its size.
      if (writtenEnd < end) await output.truncate(end);
    } finally {
      await output.close();
    }
  } finally {
    await input.close().catch(() => {});
  }
}

async function copyOne(
  src: CopyEndpoint,
  srcPath: Uint8Array,
  srcAttrs: SFTPAttrs,
  dst: CopyEndpoint,
  dstPath: Uint8Array,
  opts: SFTPCopyOptions,
  sizes: [number, number],
): Promise<void> {
  if (isDirAttrs(srcAttrs)) {
    if (!opts.recurse) throw new SFTPFailure(`${String(src.display(srcPath))} is a directory`);
    if (!(await dst.isdir(dstPath))) await dst.mkdir(dstPath);
    for (const name of await src.listdir(srcPath)) {
      const child = joinBytes(srcPath, name);
      await guarded(opts, async () => {
        const attrs = await src.stat(child, opts.followSymlinks ?? false);
        await copyOne(src, child, attrs, dst, joinBytes(dstPath, name), opts, sizes);
      });
    }
  } else if (srcAttrs.type === C.FILEXFER_TYPE_SYMLINK && !opts.followSymlinks) {
    await dst.symlink(await src.readlink(srcPath), dstPath);
    return;
  } else {
    await copyFileData(
      src,
      srcPath,
      dst,
      dstPath,
      srcAttrs.size ?? 0,
      sizes[0],
      sizes[1],
      opts.progressHandler,
      opts.sparse ?? true,
    );
  }
  if (opts.preserve) {
    await dst.setstat(
      dstPath,
      new SFTPAttrs({
        permissions: srcAttrs.permissions === null ? null : srcAttrs.permissions & 0o7777,
        atime: srcAttrs.atime,
        atimeNs: srcAttrs.atimeNs,
        mtime: srcAttrs.mtime,
        mtimeNs: srcAttrs.mtimeNs,
      }),
    );
  }
}

async function guarded(opts: SFTPCopyOptions, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (!opts.errorHandler) throw err;
    opts.errorHandler(err instanceof Error ? err : new Error(String(err)));
  }
}

/**
 * Copy `srcPaths` from one endpoint into `dstPath` on another (AsyncSSH's
 * get/put/copy): into an existing directory under each source's base name,
 * else to `dstPath` itself (only for a single source).
 */
export async function copyPaths(
  src: CopyEndpoint,
  srcPaths: readonly Uint8Array[],
  dst: CopyEndpoint,
  dstPath: Uint8Array | null,
  opts: SFTPCopyOptions,
): Promise<void> {
  const sizes = transferSizes(src, dst, opts);
  const dstIsDir = dstPath === null ? true : await dst.isdir(dstPath);
  if (srcPaths.length > 1 && !dstIsDir) {
    throw new SFTPFailure(`${String(dst.display(dstPath ?? new Uint8Array()))} must be a directory`);
  }
  for (const srcPath of srcPaths) {
    await guarded(opts, async () => {
      const attrs = await src.stat(srcPath, opts.followSymlinks ?? false);
      const name = basenameBytes(srcPath);
      const target = dstPath === null ? name : dstIsDir ? joinBytes(dstPath, name) : dstPath;
      await copyOne(src, srcPath, attrs, dst, target, opts, sizes);
    });
  }
}
