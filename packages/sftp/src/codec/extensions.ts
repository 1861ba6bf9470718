import { PacketReader, PacketWriter } from '@ssh/wire';
import { decodeAttrs, encodeAttrs, type SFTPAttrs } from './attrs.js';
import { SFTPBadMessage } from './errors.js';
import { badMessageOnError } from './requests.js';

// Extension names and versions: OpenSSH PROTOCOL §4 (posix-rename, statvfs, hardlink,
// fsync, lsetstat, limits, expand-path, copy-data, home-directory, users-groups-by-id).
export const EXT_POSIX_RENAME = 'posix-rename@openssh.com';
export const EXT_STATVFS = 'statvfs@openssh.com';
export const EXT_FSTATVFS = 'fstatvfs@openssh.com';
export const EXT_HARDLINK = 'hardlink@openssh.com';
export const EXT_FSYNC = 'fsync@openssh.com';
export const EXT_LSETSTAT = 'lsetstat@openssh.com';
export const EXT_LIMITS = 'limits@openssh.com';
export const EXT_EXPAND_PATH = 'expand-path@openssh.com';
export const EXT_COPY_DATA = 'copy-data';
export const EXT_HOME_DIRECTORY = 'home-directory';
export const EXT_USERS_GROUPS_BY_ID = 'users-groups-by-id@openssh.com';

/** The version string each extension is advertised with in SSH_FXP_VERSION. */
export const EXTENSION_VERSIONS: Readonly<Record<string, string>> = {
  [EXT_POSIX_RENAME]: '1',
  [EXT_STATVFS]: '2',
  [EXT_FSTATVFS]: '2',
  [EXT_HARDLINK]: '1',
  [EXT_FSYNC]: '1',
  [EXT_LSETSTAT]: '1',
  [EXT_LIMITS]: '1',
  [EXT_EXPAND_PATH]: '1',
  [EXT_COPY_DATA]: '1',
  [EXT_HOME_DIRECTORY]: '1',
  [EXT_USERS_GROUPS_BY_ID]: '1',
};

/** A known extended request, decoded. */
export type SFTPExtendedRequest =
  // posix-rename, hardlink: string oldpath, string newpath (PROTOCOL §4.3, §4.5)
  | { name: typeof EXT_POSIX_RENAME | typeof EXT_HARDLINK; oldpath: Uint8Array; newpath: Uint8Array }
  // statvfs: string path; fstatvfs, fsync: string handle (§4.4, §4.6)
  | { name: typeof EXT_STATVFS; path: Uint8Array }
  | { name: typeof EXT_FSTATVFS | typeof EXT_FSYNC; handle: Uint8Array }
  // lsetstat: string path, ATTRS (§4.7)
  | { name: typeof EXT_LSETSTAT; path: Uint8Array; attrs: SFTPAttrs }
  // limits: no arguments (§4.8)
  | { name: typeof EXT_LIMITS }
  // expand-path: string path (§4.9)
  | { name: typeof EXT_EXPAND_PATH; path: Uint8Array }
  // copy-data: handle, offset, length (0 = to EOF), handle, offset (§4.10)
  | {
      name: typeof EXT_COPY_DATA;
      readHandle: Uint8Array;
      readOffset: number;
      readLength: number;
      writeHandle: Uint8Array;
      writeOffset: number;
    }
  // home-directory: string username (§4.11)
  | { name: typeof EXT_HOME_DIRECTORY; username: Uint8Array }
  // users-groups-by-id: string of packed uint32 uids, string of packed uint32 gids (§4.12)
  | { name: typeof EXT_USERS_GROUPS_BY_ID; uids: number[]; gids: number[] };

function packIds(ids: readonly number[]): Uint8Array {
  const w = new PacketWriter(ids.length * 4);
  for (const id of ids) w.writeUint32(id);
  return w.toBytes();
}

function unpackIds(bytes: Uint8Array, field: string): number[] {
  if (bytes.length % 4 !== 0) throw new SFTPBadMessage(`${field} is not a whole number of uint32s`);
  const r = new PacketReader(bytes);
  const out: number[] = [];
  while (!r.atEnd) out.push(r.readUint32(field));
  return out;
}

/** The request-specific bytes of an extended request (what follows its name). */
export function encodeExtendedData(ext: SFTPExtendedRequest, version: number): Uint8Array {
  const w = new PacketWriter(64);
  switch (ext.name) {
    case EXT_POSIX_RENAME:
    case EXT_HARDLINK:
      w.writeString(ext.oldpath).writeString(ext.newpath);
      break;
    case EXT_STATVFS:
    case EXT_EXPAND_PATH:
      w.writeString(ext.path);
      break;
    case EXT_FSTATVFS:
    case EXT_FSYNC:
      w.writeString(ext.handle);
      break;
    case EXT_LSETSTAT:
      w.writeString(ext.path);
      encodeAttrs(w, ext.attrs, version);
      break;
    case EXT_LIMITS:
      break;
    case EXT_COPY_DATA:
      w.writeString(ext.readHandle).writeUint64(ext.readOffset).writeUint64(ext.readLength);
      w.writeString(ext.writeHandle).writeUint64(ext.writeOffset);
      break;
    case EXT_HOME_DIRECTORY:
      w.writeString(ext.username);
      break;
    case EXT_USERS_GROUPS_BY_ID:
      w.writeString(packIds(ext.uids)).writeString(packIds(ext.gids));
      break;
  }
  return w.toBytes();
}

/** Decode the bytes of a known extended request; null for a name this codec does not know. */
export function decodeExtendedData(
  name: string,
  data: Uint8Array,
  version: number,
): SFTPExtendedRequest | null {
  return badMessageOnError(name, () => {
    const r = new PacketReader(data);
    let ext: SFTPExtendedRequest;
    switch (name) {
      case EXT_POSIX_RENAME:
      case EXT_HARDLINK:
        ext = { name, oldpath: r.readString('oldpath'), newpath: r.readString('newpath') };
        break;
      case EXT_STATVFS:
      case EXT_EXPAND_PATH:
        ext = { name, path: r.readString('path') };
        break;
      case EXT_FSTATVFS:
      case EXT_FSYNC:
        ext = { name, handle: r.readString('handle') };
        break;
      case EXT_LSETSTAT:
        ext = { name, path: r.readString('path'), attrs: decodeAttrs(r, version) };
        break;
      case EXT_LIMITS:
        ext = { name };
        break;
      case EXT_COPY_DATA: {
        const readHandle = r.readString('read-from-handle');
        const readOffset = r.readUint64Number('read-from-offset');
        const readLength = r.readUint64Number('read-data-length');
        const writeHandle = r.readString('write-to-handle');
        ext = {
          name,
          readHandle,
          readOffset,
          readLength,
          writeHandle,
          writeOffset: r.readUint64Number('offset'),
        };
        break;
      }
      case EXT_HOME_DIRECTORY:
        ext = { name, username: r.readString('username') };
        break;
      case EXT_USERS_GROUPS_BY_ID: {
        const uids = unpackIds(r.readString('uids'), 'uids');
        ext = { name, uids, gids: unpackIds(r.readString('gids'), 'gids') };
        break;
      }
      default:
        return null;
    }
    r.expectEnd(name);
    return ext;
  });
}

/** users-groups-by-id reply: a string of packed user name strings and one of group names (§4.12). */
export function encodeUsersGroupsReply(users: readonly string[], groups: readonly string[]): Uint8Array {
  const pack = (names: readonly string[]) => {
    const inner = new PacketWriter(64);
    for (const n of names) inner.writeString(n);
    return inner.toBytes();
  };
  return new PacketWriter(128).writeString(pack(users)).writeString(pack(groups)).toBytes();
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Decode a users-groups-by-id reply into [user names, group names]. */
export function decodeUsersGroupsReply(data: Uint8Array): [string[], string[]] {
  return badMessageOnError(EXT_USERS_GROUPS_BY_ID, () => {
    const r = new PacketReader(data);
    const unpack = (bytes: Uint8Array) => {
      const inner = new PacketReader(bytes);
      const out: string[] = [];
      while (!inner.atEnd) out.push(utf8.decode(inner.readString('name')));
      return out;
    };
    const users = unpack(r.readString('usernames'));
    const groups = unpack(r.readString('groupnames'));
    r.expectEnd('users-groups-by-id reply');
    return [users, groups];
  });
}
