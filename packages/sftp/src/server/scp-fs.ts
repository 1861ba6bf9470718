import { SFTPAttrs } from '../codec/attrs.js';
import * as C from '../codec/constants.js';
import type { ScpFile, ScpFileSystem, ScpStat } from '../scp/fs.js';
import type { SFTPServerHandler } from './handler.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

function scpStat(a: SFTPAttrs): ScpStat {
  const type =
    a.type === C.FILEXFER_TYPE_DIRECTORY
      ? 'directory'
      : a.type === C.FILEXFER_TYPE_REGULAR
        ? 'file'
        : 'other';
  return {
    type,
    size: a.size ?? 0,
    permissions: (a.permissions ?? 0) & 0o7777,
    atime: a.atime ?? 0,
    mtime: a.mtime ?? 0,
  };
}

/**
 * SCP's file system view of an SFTP server: every operation of an SCP
 * session goes through the server's (overridable, chroot-aware) methods.
 */
export function scpFileSystemOf(server: SFTPServerHandler): ScpFileSystem {
  return {
    stat: async (path) => scpStat(await server.stat(enc.encode(path))),
    exists: async (path) => {
      try {
        await server.stat(enc.encode(path));
        return true;
      } catch {
        return false;
      }
    },
    listdir: async (path) => {
      const names: string[] = [];
      for await (const n of server.scandir(enc.encode(path))) {
        const name = dec.decode(n.filename);
        if (name !== '.' && name !== '..') names.push(name);
      }
      return names;
    },
    mkdir: async (path, permissions) => {
      await server.mkdir(enc.encode(path), new SFTPAttrs({ permissions }));
    },
    open: async (path, mode, permissions = 0o644): Promise<ScpFile> => {
      const pflags = mode === 'r' ? C.FXF_READ : C.FXF_WRITE | C.FXF_CREAT | C.FXF_TRUNC;
      const attrs = new SFTPAttrs(mode === 'w' ? { permissions } : {});
      const file = await server.open(enc.encode(path), pflags, attrs);
      return {
        read: async (size, offset) => server.read(file, offset, size),
        write: async (data, offset) => {
          await server.write(file, offset, data);
        },
        close: async () => {
          await server.close(file);
        },
      };
    },
    setstat: async (path, attrs) => {
      await server.setstat(
        enc.encode(path),
        new SFTPAttrs({
          ...(attrs.permissions !== undefined ? { permissions: attrs.permissions } : {}),
          ...(attrs.atime !== undefined ? { atime: attrs.atime } : {}),
          ...(attrs.mtime !== undefined ? { mtime: attrs.mtime } : {}),
        }),
      );
    },
  };
}

/** Whether a value is an SFTP server handler rather than a plain SCP file system. */
export function isSftpServerHandler(value: unknown): value is SFTPServerHandler {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { mapPath?: unknown }).mapPath === 'function'
  );
}
