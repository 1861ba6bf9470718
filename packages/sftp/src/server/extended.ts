import { SFTPFailure, SFTPNoSuchFile, SFTPOpUnsupported } from '../codec/errors.js';
import {
  decodeExtendedData,
  EXT_COPY_DATA,
  EXT_EXPAND_PATH,
  EXT_FSTATVFS,
  EXT_FSYNC,
  EXT_HARDLINK,
  EXT_HOME_DIRECTORY,
  EXT_LIMITS,
  EXT_LSETSTAT,
  EXT_POSIX_RENAME,
  EXT_STATVFS,
  EXT_USERS_GROUPS_BY_ID,
  encodeUsersGroupsReply,
} from '../codec/extensions.js';
import { encodeLimits, SFTPLimits } from '../codec/limits.js';
import { type SFTPResponse, statusResponse } from '../codec/responses.js';
import { encodeVfsAttrs } from '../codec/vfs-attrs.js';
import { extendedReply, oneName, type SessionState } from './session.js';

const utf8 = new TextDecoder('utf-8', { fatal: false });
const COPY_BLOCK = 262144;

async function home(s: SessionState, user: string | null): Promise<Uint8Array> {
  if (s.server.homeDirectory) return s.server.homeDirectory(user);
  return s.server.realpath(Uint8Array.of(0x2e));
}

/** expand-path@openssh.com: '~' and '~/...' become the home directory, then the path is canonicalized. */
async function expandPath(s: SessionState, path: Uint8Array): Promise<Uint8Array> {
  if (path[0] !== 0x7e) return s.server.realpath(path);
  const slash = path.indexOf(0x2f);
  const user = utf8.decode(path.subarray(1, slash < 0 ? path.length : slash));
  if (user !== '' && user !== s.username) throw new SFTPNoSuchFile(`Unknown user ~${user}`);
  const base = await home(s, s.username);
  if (slash < 0) return s.server.realpath(base);
  const rest = path.subarray(slash);
  const joined = new Uint8Array(base.length + rest.length);
  joined.set(base);
  joined.set(rest, base.length);
  return s.server.realpath(joined);
}

/** Answer an SSH_FXP_EXTENDED request; names we do not serve get FX_OP_UNSUPPORTED. */
export async function runExtended(
  s: SessionState,
  id: number,
  name: string,
  data: Uint8Array,
): Promise<SFTPResponse> {
  const ext = decodeExtendedData(name, data, s.version);
  if (!ext) throw new SFTPOpUnsupported(`Unsupported extended request: ${name}`);
  const srv = s.server;
  const ok = statusResponse(id, null);
  switch (ext.name) {
    case EXT_POSIX_RENAME:
      await srv.posixRename(ext.oldpath, ext.newpath);
      return ok;
    case EXT_HARDLINK:
      await srv.link(ext.oldpath, ext.newpath);
      return ok;
    case EXT_STATVFS: {
      const v = await srv.statvfs(ext.path);
      return extendedReply(id, (w) => encodeVfsAttrs(w, v));
    }
    case EXT_FSTATVFS: {
      const v = await srv.fstatvfs(s.fileOf(ext.handle));
      return extendedReply(id, (w) => encodeVfsAttrs(w, v));
    }
    case EXT_FSYNC:
      await srv.fsync(s.fileOf(ext.handle));
      return ok;
    case EXT_LSETSTAT:
      await srv.lsetstat(ext.path, ext.attrs);
      return ok;
    case EXT_LIMITS: {
      const limits = new SFTPLimits({
        maxPacketLen: s.maxPacketLength,
        maxReadLen: s.maxReadLength,
        maxWriteLen: s.maxReadLength,
        maxOpenHandles: s.maxOpenHandles,
      });
      return extendedReply(id, (w) => encodeLimits(w, limits));
    }
    case EXT_EXPAND_PATH:
      return oneName(id, await expandPath(s, ext.path));
    case EXT_HOME_DIRECTORY: {
      const user = utf8.decode(ext.username);
      if (user !== '' && user !== s.username) throw new SFTPNoSuchFile(`Unknown user ${user}`);
      return oneName(id, await home(s, s.username));
    }
    case EXT_USERS_GROUPS_BY_ID: {
      const users = await Promise.all(ext.uids.map((u) => srv.formatUser(u)));
      const groups = await Promise.all(ext.gids.map((g) => srv.formatGroup(g)));
      return { kind: 'extended-reply', id, data: encodeUsersGroupsReply(users, groups) };
    }
    case EXT_COPY_DATA: {
      const from = s.fileOf(ext.readHandle);
      const to = s.fileOf(ext.writeHandle);
      if (from === to && ranges(ext.readOffset, ext.readLength, ext.writeOffset)) {
        throw new SFTPFailure('copy-data ranges overlap');
      }
      let copied = 0;
      for (;;) {
        const want = ext.readLength === 0 ? COPY_BLOCK : Math.min(COPY_BLOCK, ext.readLength - copied);
        if (want <= 0) break;
        const chunk = await srv.read(from, ext.readOffset + copied, want);
        if (chunk.length === 0) break;
        await srv.write(to, ext.writeOffset + copied, chunk);
        copied += chunk.length;
      }
      return ok;
    }
  }
}

/** Whether a same-file copy would overwrite what it still has to read. */
function ranges(readOffset: number, readLength: number, writeOffset: number): boolean {
  if (writeOffset <= readOffset) return false;
  return readLength === 0 || writeOffset < readOffset + readLength;
}
