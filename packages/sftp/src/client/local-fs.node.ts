import { promises as fsp } from 'node:fs';
import { SFTPAttrs } from '../codec/attrs.js';
import * as C from '../codec/constants.js';
import type { SFTPLocalFile, SFTPLocalFS } from './local-fs.js';

const asPath = (p: Uint8Array): Buffer => Buffer.from(p.buffer, p.byteOffset, p.byteLength);

function typeOf(st: import('node:fs').BigIntStats): number {
  if (st.isFile()) return C.FILEXFER_TYPE_REGULAR;
  if (st.isDirectory()) return C.FILEXFER_TYPE_DIRECTORY;
  if (st.isSymbolicLink()) return C.FILEXFER_TYPE_SYMLINK;
  if (st.isSocket()) return C.FILEXFER_TYPE_SOCKET;
  if (st.isCharacterDevice()) return C.FILEXFER_TYPE_CHAR_DEVICE;
  if (st.isBlockDevice()) return C.FILEXFER_TYPE_BLOCK_DEVICE;
  if (st.isFIFO()) return C.FILEXFER_TYPE_FIFO;
  return C.FILEXFER_TYPE_UNKNOWN;
}

function split(ns: bigint): [number, number] {
  return [Number(ns / 1_000_000_000n), Number(ns % 1_000_000_000n)];
}

class NodeLocalFile implements SFTPLocalFile {
  constructor(private readonly fh: fsp.FileHandle) {}
  async read(size: number, offset: number): Promise<Uint8Array> {
    const buf = Buffer.allocUnsafe(size);
    const { bytesRead } = await this.fh.read(buf, 0, size, offset);
    return buf.subarray(0, bytesRead);
  }
  async write(data: Uint8Array, offset: number): Promise<void> {
    let done = 0;
    while (done < data.length) {
      const { bytesWritten } = await this.fh.write(data, done, data.length - done, offset + done);
      done += bytesWritten;
    }
  }
  truncate(size: number): Promise<void> {
    return this.fh.truncate(size);
  }
  close(): Promise<void> {
    return this.fh.close();
  }
}

/** The local disk through node:fs, for SFTPClient get/put/mget/mput. */
export const nodeLocalFs: SFTPLocalFS = {
  async stat(path, followSymlinks) {
    const st = followSymlinks
      ? await fsp.stat(asPath(path), { bigint: true })
      : await fsp.lstat(asPath(path), { bigint: true });
    const [atime, atimeNs] = split(st.atimeNs);
    const [mtime, mtimeNs] = split(st.mtimeNs);
    const [ctime, ctimeNs] = split(st.ctimeNs);
    return new SFTPAttrs({
      type: typeOf(st),
      size: Number(st.size),
      uid: Number(st.uid),
      gid: Number(st.gid),
      permissions: Number(st.mode),
      atime,
      atimeNs,
      mtime,
      mtimeNs,
      ctime,
      ctimeNs,
      nlink: Number(st.nlink),
    });
  },
  async setstat(path, attrs) {
    if (attrs.permissions !== null) await fsp.chmod(asPath(path), attrs.permissions & 0o7777);
    if (attrs.atime !== null && attrs.mtime !== null) {
      const at = attrs.atime + (attrs.atimeNs ?? 0) / 1e9;
      const mt = attrs.mtime + (attrs.mtimeNs ?? 0) / 1e9;
      await fsp.utimes(asPath(path), at, mt);
    }
  },
  async mkdir(path) {
    await fsp.mkdir(asPath(path));
  },
  async listdir(path) {
    const names = await fsp.readdir(asPath(path), { encoding: 'buffer' });
    return names.map((n) => new Uint8Array(n.buffer, n.byteOffset, n.byteLength));
  },
  async readlink(path) {
    const t = await fsp.readlink(asPath(path), { encoding: 'buffer' });
    return new Uint8Array(t.buffer, t.byteOffset, t.byteLength);
  },
  async symlink(target, path) {
    await fsp.symlink(asPath(target), asPath(path));
  },
  async open(path, mode) {
    return new NodeLocalFile(await fsp.open(asPath(path), mode));
  },
};
