import { constants, type Stats } from 'node:fs';
import { chmod, mkdir, open, readdir, stat, utimes } from 'node:fs/promises';
import type { ScpFile, ScpFileSystem, ScpStat } from '../scp/fs.js';
import { sftpErrorFromOs } from './os-errors.js';

/** SCP's view of a Node Stats. */
export function scpStatOf(st: Stats): ScpStat {
  return {
    type: st.isDirectory() ? 'directory' : st.isFile() ? 'file' : 'other',
    size: st.size,
    permissions: st.mode & 0o7777,
    atime: Math.floor(st.atimeMs / 1000),
    mtime: Math.floor(st.mtimeMs / 1000),
  };
}

/** The local disk as SCP's file system; errors become SFTPErrors naming the path. */
export class LocalScpFileSystem implements ScpFileSystem {
  async stat(path: string): Promise<ScpStat> {
    try {
      return scpStatOf(await stat(path));
    } catch (err) {
      throw sftpErrorFromOs(err, path);
    }
  }

  async exists(path: string): Promise<boolean> {
    try {
      await stat(path);
      return true;
    } catch {
      return false;
    }
  }

  async listdir(path: string): Promise<string[]> {
    try {
      return await readdir(path);
    } catch (err) {
      throw sftpErrorFromOs(err, path);
    }
  }

  async mkdir(path: string, permissions: number): Promise<void> {
    try {
      await mkdir(path, { mode: permissions });
    } catch (err) {
      throw sftpErrorFromOs(err, path);
    }
  }

  async open(path: string, mode: 'r' | 'w', permissions = 0o644): Promise<ScpFile> {
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle =
        mode === 'r'
          ? await open(path, constants.O_RDONLY)
          : await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC, permissions);
    } catch (err) {
      throw sftpErrorFromOs(err, path);
    }
    return {
      async read(size, offset) {
        const buf = new Uint8Array(size);
        let got = 0;
        while (got < size) {
          const { bytesRead } = await handle.read(buf, got, size - got, offset + got);
          if (bytesRead === 0) break;
          got += bytesRead;
        }
        return got === size ? buf : buf.subarray(0, got);
      },
      async write(data, offset) {
        let done = 0;
        while (done < data.length) {
          const { bytesWritten } = await handle.write(data, done, data.length - done, offset + done);
          done += bytesWritten;
        }
      },
      close: () => handle.close(),
    };
  }

  async setstat(
    path: string,
    attrs: { permissions?: number; atime?: number; mtime?: number },
  ): Promise<void> {
    try {
      if (attrs.permissions !== undefined) await chmod(path, attrs.permissions);
      if (attrs.atime !== undefined || attrs.mtime !== undefined) {
        const now = Date.now() / 1000;
        await utimes(path, attrs.atime ?? now, attrs.mtime ?? now);
      }
    } catch (err) {
      throw sftpErrorFromOs(err, path);
    }
  }
}
