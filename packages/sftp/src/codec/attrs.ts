import type { PacketReader, PacketWriter } from '@ssh/wire';
import * as C from './constants.js';
import { SFTPBadMessage, SFTPGroupInvalid, SFTPOwnerInvalid } from './errors.js';

/** Fields of SFTPAttrs; every one is optional (unset fields are neither sent nor changed). */
export interface SFTPAttrsInit {
  type?: number;
  size?: number | null;
  allocSize?: number | null;
  uid?: number | null;
  gid?: number | null;
  owner?: string | null;
  group?: string | null;
  permissions?: number | null;
  atime?: number | null;
  atimeNs?: number | null;
  crtime?: number | null;
  crtimeNs?: number | null;
  mtime?: number | null;
  mtimeNs?: number | null;
  ctime?: number | null;
  ctimeNs?: number | null;
  acl?: Uint8Array | null;
  attribBits?: number | null;
  attribValid?: number | null;
  textHint?: number | null;
  mimeType?: string | null;
  nlink?: number | null;
  untransName?: Uint8Array | null;
  extended?: ReadonlyArray<readonly [Uint8Array, Uint8Array]>;
}

/**
 * File attributes (AsyncSSH SFTPAttrs). Null fields are unset: on setstat only
 * the set ones change. Times are epoch seconds with the nanosecond part in the
 * `*Ns` fields (v4+).
 */
export class SFTPAttrs {
  /** File type (FILEXFER_TYPE_*), v4+; derived from the mode bits on v3. */
  type: number = C.FILEXFER_TYPE_UNKNOWN;
  size: number | null = null;
  allocSize: number | null = null;
  uid: number | null = null;
  gid: number | null = null;
  owner: string | null = null;
  group: string | null = null;
  permissions: number | null = null;
  atime: number | null = null;
  atimeNs: number | null = null;
  crtime: number | null = null;
  crtimeNs: number | null = null;
  mtime: number | null = null;
  mtimeNs: number | null = null;
  ctime: number | null = null;
  ctimeNs: number | null = null;
  acl: Uint8Array | null = null;
  attribBits: number | null = null;
  attribValid: number | null = null;
  textHint: number | null = null;
  mimeType: string | null = null;
  nlink: number | null = null;
  untransName: Uint8Array | null = null;
  /** Extended attributes as (name, value) byte pairs. */
  extended: Array<[Uint8Array, Uint8Array]> = [];

  constructor(init: SFTPAttrsInit = {}) {
    Object.assign(this, init);
    this.extended = (init.extended ?? []).map(([k, v]) => [k, v]);
  }
}

/** File type from POSIX mode bits (S_IFMT). */
export function fileTypeFromMode(mode: number): number {
  switch (mode & 0o170000) {
    case 0o100000:
      return C.FILEXFER_TYPE_REGULAR;
    case 0o040000:
      return C.FILEXFER_TYPE_DIRECTORY;
    case 0o120000:
      return C.FILEXFER_TYPE_SYMLINK;
    case 0o140000:
      return C.FILEXFER_TYPE_SOCKET;
    case 0o020000:
      return C.FILEXFER_TYPE_CHAR_DEVICE;
    case 0o060000:
      return C.FILEXFER_TYPE_BLOCK_DEVICE;
    case 0o010000:
      return C.FILEXFER_TYPE_FIFO;
    default:
      return C.FILEXFER_TYPE_UNKNOWN;
  }
}

/** POSIX S_IFMT bits for a file type (0 when it has none). */
export function modeFromFileType(type: number): number {
  switch (type) {
    case C.FILEXFER_TYPE_REGULAR:
      return 0o100000;
    case C.FILEXFER_TYPE_DIRECTORY:
      return 0o040000;
    case C.FILEXFER_TYPE_SYMLINK:
      return 0o120000;
    case C.FILEXFER_TYPE_SOCKET:
      return 0o140000;
    case C.FILEXFER_TYPE_CHAR_DEVICE:
      return 0o020000;
    case C.FILEXFER_TYPE_BLOCK_DEVICE:
      return 0o060000;
    case C.FILEXFER_TYPE_FIFO:
      return 0o010000;
    default:
      return 0;
  }
}

/** The attribute flags defined by an SFTP version. */
export function definedAttrFlags(version: number): number {
  if (version <= 3) return C.FILEXFER_ATTR_DEFINED_V3;
  if (version === 4) return C.FILEXFER_ATTR_DEFINED_V4;
  if (version === 5) return C.FILEXFER_ATTR_DEFINED_V5;
  return C.FILEXFER_ATTR_DEFINED_V6;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function writeTime(w: PacketWriter, secs: number, ns: number | null, subsecond: boolean): void {
  w.writeUint64(BigInt.asUintN(64, BigInt(Math.trunc(secs))));
  if (subsecond) w.writeUint32(ns ?? 0);
}

function readTime(r: PacketReader, field: string): number {
  const v = BigInt.asIntN(64, r.readUint64(field));
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new SFTPBadMessage(`${field} ${v} is out of range`);
  }
  return Number(v);
}

/**
 * Write ATTRS for `version`: -02 §5 (v3), -04 §5 (v4), -05 §5 (v5), -13 §7 (v6).
 * Fields the version lacks are left out; uid/gid go as owner/group text on v4+.
 */
export function encodeAttrs(w: PacketWriter, a: SFTPAttrs, version: number): void {
  const flagsAt = w.reserve(4);
  let flags = 0;
  if (version >= 4) {
    w.writeByte(version < 5 && a.type >= C.FILEXFER_TYPE_SOCKET ? C.FILEXFER_TYPE_SPECIAL : a.type);
  }
  if (a.size !== null) {
    flags |= C.FILEXFER_ATTR_SIZE;
    w.writeUint64(a.size);
  }
  if (version >= 6 && a.allocSize !== null) {
    flags |= C.FILEXFER_ATTR_ALLOCATION_SIZE;
    w.writeUint64(a.allocSize);
  }
  if (version === 3) {
    if (a.uid !== null && a.gid !== null) {
      flags |= C.FILEXFER_ATTR_UIDGID;
      w.writeUint32(a.uid).writeUint32(a.gid);
    }
  } else if (a.owner !== null && a.group !== null) {
    flags |= C.FILEXFER_ATTR_OWNERGROUP;
    w.writeString(a.owner).writeString(a.group);
  } else if (a.uid !== null && a.gid !== null) {
    flags |= C.FILEXFER_ATTR_OWNERGROUP;
    w.writeString(String(a.uid)).writeString(String(a.gid));
  }
  if (a.permissions !== null) {
    flags |= C.FILEXFER_ATTR_PERMISSIONS;
    w.writeUint32(version === 3 ? a.permissions : a.permissions & 0o7777);
  }
  if (version === 3) {
    if (a.atime !== null && a.mtime !== null) {
      flags |= C.FILEXFER_ATTR_ACMODTIME;
      w.writeUint32(Math.trunc(a.atime) >>> 0).writeUint32(Math.trunc(a.mtime) >>> 0);
    }
  } else {
    const sub = a.atimeNs !== null || a.crtimeNs !== null || a.mtimeNs !== null || a.ctimeNs !== null;
    if (sub) flags |= C.FILEXFER_ATTR_SUBSECOND_TIMES;
    if (a.atime !== null) {
      flags |= C.FILEXFER_ATTR_ACCESSTIME;
      writeTime(w, a.atime, a.atimeNs, sub);
    }
    if (a.crtime !== null) {
      flags |= C.FILEXFER_ATTR_CREATETIME;
      writeTime(w, a.crtime, a.crtimeNs, sub);
    }
    if (a.mtime !== null) {
      flags |= C.FILEXFER_ATTR_MODIFYTIME;
      writeTime(w, a.mtime, a.mtimeNs, sub);
    }
    if (version >= 6 && a.ctime !== null) {
      flags |= C.FILEXFER_ATTR_CTIME;
      writeTime(w, a.ctime, a.ctimeNs, sub);
    }
    if (a.acl !== null) {
      flags |= C.FILEXFER_ATTR_ACL;
      w.writeString(a.acl);
    }
  }
  if (version >= 5 && a.attribBits !== null) {
    flags |= C.FILEXFER_ATTR_BITS;
    w.writeUint32(a.attribBits).writeUint32(a.attribValid ?? 0xffffffff);
  }
  if (version >= 6) {
    if (a.textHint !== null) {
      flags |= C.FILEXFER_ATTR_TEXT_HINT;
      w.writeByte(a.textHint);
    }
    if (a.mimeType !== null) {
      flags |= C.FILEXFER_ATTR_MIME_TYPE;
      w.writeString(a.mimeType);
    }
    if (a.nlink !== null) {
      flags |= C.FILEXFER_ATTR_LINK_COUNT;
      w.writeUint32(a.nlink);
    }
    if (a.untransName !== null) {
      flags |= C.FILEXFER_ATTR_UNTRANSLATED_NAME;
      w.writeString(a.untransName);
    }
  }
  if (a.extended.length > 0) {
    flags |= C.FILEXFER_ATTR_EXTENDED;
    w.writeUint32(a.extended.length);
    for (const [k, v] of a.extended) w.writeString(k).writeString(v);
  }
  w.setUint32At(flagsAt, flags >>> 0);
}

function readText(r: PacketReader, field: string, err: (m: string) => Error): string {
  const bytes = r.readString(field);
  try {
    return utf8.decode(bytes);
  } catch {
    throw err(`${field} is not valid UTF-8`);
  }
}

/** Read ATTRS for `version` (layouts as in encodeAttrs); flags the version lacks are a bad message. */
export function decodeAttrs(r: PacketReader, version: number): SFTPAttrs {
  const flags = r.readUint32('attrs flags');
  const unknown = (flags & ~definedAttrFlags(version)) >>> 0;
  if (unknown) {
    throw new SFTPBadMessage(`unsupported attribute flags 0x${unknown.toString(16).padStart(8, '0')}`);
  }
  const a = new SFTPAttrs();
  if (version >= 4) a.type = r.readByte('file type');
  if (flags & C.FILEXFER_ATTR_SIZE) a.size = r.readUint64Number('size');
  if (flags & C.FILEXFER_ATTR_ALLOCATION_SIZE) a.allocSize = r.readUint64Number('allocation size');
  if (version === 3) {
    if (flags & C.FILEXFER_ATTR_UIDGID) {
      a.uid = r.readUint32('uid');
      a.gid = r.readUint32('gid');
    }
  } else if (flags & C.FILEXFER_ATTR_OWNERGROUP) {
    a.owner = readText(r, 'owner', (m) => new SFTPOwnerInvalid(m));
    a.group = readText(r, 'group', (m) => new SFTPGroupInvalid(m));
  }
  if (flags & C.FILEXFER_ATTR_PERMISSIONS) {
    const mode = r.readUint32('permissions');
    if (version === 3) {
      a.type = fileTypeFromMode(mode);
      a.permissions = mode & 0xffff;
    } else {
      a.permissions = mode & 0o7777;
    }
  }
  if (version === 3) {
    if (flags & C.FILEXFER_ATTR_ACMODTIME) {
      a.atime = r.readUint32('atime');
      a.mtime = r.readUint32('mtime');
    }
  } else {
    const sub = (flags & C.FILEXFER_ATTR_SUBSECOND_TIMES) !== 0;
    if (flags & C.FILEXFER_ATTR_ACCESSTIME) {
      a.atime = readTime(r, 'atime');
      if (sub) a.atimeNs = r.readUint32('atime nseconds');
    }
    if (flags & C.FILEXFER_ATTR_CREATETIME) {
      a.crtime = readTime(r, 'createtime');
      if (sub) a.crtimeNs = r.readUint32('createtime nseconds');
    }
    if (flags & C.FILEXFER_ATTR_MODIFYTIME) {
      a.mtime = readTime(r, 'mtime');
      if (sub) a.mtimeNs = r.readUint32('mtime nseconds');
    }
    if (flags & C.FILEXFER_ATTR_CTIME) {
      a.ctime = readTime(r, 'ctime');
      if (sub) a.ctimeNs = r.readUint32('ctime nseconds');
    }
    if (flags & C.FILEXFER_ATTR_ACL) a.acl = r.readString('acl');
  }
  if (flags & C.FILEXFER_ATTR_BITS) {
    a.attribBits = r.readUint32('attrib-bits');
    a.attribValid = r.readUint32('attrib-bits-valid');
  }
  if (flags & C.FILEXFER_ATTR_TEXT_HINT) a.textHint = r.readByte('text-hint');
  if (flags & C.FILEXFER_ATTR_MIME_TYPE) a.mimeType = readText(r, 'mime-type', (m) => new SFTPBadMessage(m));
  if (flags & C.FILEXFER_ATTR_LINK_COUNT) a.nlink = r.readUint32('link-count');
  if (flags & C.FILEXFER_ATTR_UNTRANSLATED_NAME) a.untransName = r.readString('untranslated-name');
  if (flags & C.FILEXFER_ATTR_EXTENDED) {
    const count = r.readUint32('extended count');
    if (count > r.remaining / 8) throw new SFTPBadMessage(`extended count ${count} runs past the packet`);
    for (let i = 0; i < count; i++) {
      a.extended.push([r.readString('extended type'), r.readString('extended data')]);
    }
  }
  return a;
}
