import { PacketReader, PacketWriter, WireError } from '@ssh/wire';
import { decodeAttrs, encodeAttrs, type SFTPAttrs } from './attrs.js';
import * as C from './constants.js';
import { SFTPBadMessage, SFTPError, SFTPOpUnsupported } from './errors.js';

/** A request from client to server, with its request id. Paths and handles are bytes. */
export type SFTPRequest =
  // -02 §6.3 (v3-4: pflags); -13 §8.1.1 (v5+: desired-access and flags).
  | { kind: 'open'; id: number; filename: Uint8Array; pflags: number; attrs: SFTPAttrs }
  | {
      kind: 'open56';
      id: number;
      filename: Uint8Array;
      desiredAccess: number;
      flags: number;
      attrs: SFTPAttrs;
    }
  // -02 §6.3
  | { kind: 'close'; id: number; handle: Uint8Array }
  // -02 §6.4
  | { kind: 'read'; id: number; handle: Uint8Array; offset: number; length: number }
  | { kind: 'write'; id: number; handle: Uint8Array; offset: number; data: Uint8Array }
  // -02 §6.8 (v3); -13 §8.6 (flags, v4+)
  | { kind: 'stat' | 'lstat'; id: number; path: Uint8Array; flags: number }
  | { kind: 'fstat'; id: number; handle: Uint8Array; flags: number }
  // -02 §6.9
  | { kind: 'setstat'; id: number; path: Uint8Array; attrs: SFTPAttrs }
  | { kind: 'fsetstat'; id: number; handle: Uint8Array; attrs: SFTPAttrs }
  // -02 §6.7
  | { kind: 'opendir'; id: number; path: Uint8Array }
  | { kind: 'readdir'; id: number; handle: Uint8Array }
  // -02 §6.5, §6.6
  | { kind: 'remove' | 'rmdir' | 'readlink'; id: number; path: Uint8Array }
  | { kind: 'mkdir'; id: number; path: Uint8Array; attrs: SFTPAttrs }
  // -02 §6.11; -13 §8.9 (control byte and compose paths, v6)
  | { kind: 'realpath'; id: number; path: Uint8Array; control?: number; composePaths?: Uint8Array[] }
  // -02 §6.5; -05 §6.5 (flags, v5+)
  | { kind: 'rename'; id: number; oldpath: Uint8Array; newpath: Uint8Array; flags: number }
  // -02 §6.10: the two paths in wire order (OpenSSH sends target first, see PROTOCOL §3).
  | { kind: 'symlink'; id: number; first: Uint8Array; second: Uint8Array }
  // -13 §8.10 (v6)
  | { kind: 'link'; id: number; newpath: Uint8Array; oldpath: Uint8Array; symlink: boolean }
  // -13 §8.4 (v6)
  | { kind: 'block'; id: number; handle: Uint8Array; offset: number; length: number; lockMask: number }
  | { kind: 'unblock'; id: number; handle: Uint8Array; offset: number; length: number }
  // -02 §8: name and the request-specific bytes that follow.
  | { kind: 'extended'; id: number; request: string; data: Uint8Array };

/** The kinds of SFTPRequest. */
export type SFTPRequestKind = SFTPRequest['kind'];

const TYPE_OF: Record<SFTPRequestKind, number> = {
  open: C.FXP_OPEN,
  open56: C.FXP_OPEN,
  close: C.FXP_CLOSE,
  read: C.FXP_READ,
  write: C.FXP_WRITE,
  lstat: C.FXP_LSTAT,
  fstat: C.FXP_FSTAT,
  setstat: C.FXP_SETSTAT,
  fsetstat: C.FXP_FSETSTAT,
  opendir: C.FXP_OPENDIR,
  readdir: C.FXP_READDIR,
  remove: C.FXP_REMOVE,
  mkdir: C.FXP_MKDIR,
  rmdir: C.FXP_RMDIR,
  realpath: C.FXP_REALPATH,
  stat: C.FXP_STAT,
  rename: C.FXP_RENAME,
  readlink: C.FXP_READLINK,
  symlink: C.FXP_SYMLINK,
  link: C.FXP_LINK,
  block: C.FXP_BLOCK,
  unblock: C.FXP_UNBLOCK,
  extended: C.FXP_EXTENDED,
};

/** Start a packet: length placeholder, type, and (when given) the request id. */
export function beginPacket(type: number, id: number | null, sizeHint = 64): PacketWriter {
  const w = new PacketWriter(sizeHint + 9);
  w.reserve(4);
  w.writeByte(type);
  if (id !== null) w.writeUint32(id);
  return w;
}

/** Fill in the length of a packet begun with beginPacket and return its bytes. */
export function finishPacket(w: PacketWriter): Uint8Array {
  w.setUint32At(0, w.length - 4);
  return w.toBytes();
}

/** Which kinds each version lacks. */
function checkVersion(kind: SFTPRequestKind, version: number): void {
  const bad =
    (kind === 'open' && version >= 5) ||
    (kind === 'open56' && version < 5) ||
    (kind === 'symlink' && version >= 6) ||
    ((kind === 'link' || kind === 'block' || kind === 'unblock') && version < 6);
  if (bad) throw new SFTPOpUnsupported(`${kind} is not part of SFTP version ${version}`);
}

/** Encode a request as a whole packet (uint32 length first) for SFTP `version`. */
export function encodeRequest(req: SFTPRequest, version: number): Uint8Array {
  checkVersion(req.kind, version);
  const w = beginPacket(TYPE_OF[req.kind], req.id, req.kind === 'write' ? req.data.length + 32 : 64);
  switch (req.kind) {
    case 'open':
      w.writeString(req.filename).writeUint32(req.pflags);
      encodeAttrs(w, req.attrs, version);
      break;
    case 'open56':
      w.writeString(req.filename).writeUint32(req.desiredAccess).writeUint32(req.flags);
      encodeAttrs(w, req.attrs, version);
      break;
    case 'close':
    case 'readdir':
      w.writeString(req.handle);
      break;
    case 'read':
      w.writeString(req.handle).writeUint64(req.offset).writeUint32(req.length);
      break;
    case 'write':
      w.writeString(req.handle).writeUint64(req.offset).writeString(req.data);
      break;
    case 'stat':
    case 'lstat':
      w.writeString(req.path);
      if (version >= 4) w.writeUint32(req.flags);
      break;
    case 'fstat':
      w.writeString(req.handle);
      if (version >= 4) w.writeUint32(req.flags);
      break;
    case 'setstat':
    case 'mkdir':
      w.writeString(req.path);
      encodeAttrs(w, req.attrs, version);
      break;
    case 'fsetstat':
      w.writeString(req.handle);
      encodeAttrs(w, req.attrs, version);
      break;
    case 'opendir':
    case 'remove':
    case 'rmdir':
    case 'readlink':
      w.writeString(req.path);
      break;
    case 'realpath':
      w.writeString(req.path);
      if (version >= 6 && req.control !== undefined) {
        w.writeByte(req.control);
        for (const p of req.composePaths ?? []) w.writeString(p);
      }
      break;
    case 'rename':
      w.writeString(req.oldpath).writeString(req.newpath);
      if (version >= 5) w.writeUint32(req.flags);
      break;
    case 'symlink':
      w.writeString(req.first).writeString(req.second);
      break;
    case 'link':
      w.writeString(req.newpath).writeString(req.oldpath).writeBoolean(req.symlink);
      break;
    case 'block':
      w.writeString(req.handle).writeUint64(req.offset).writeUint64(req.length).writeUint32(req.lockMask);
      break;
    case 'unblock':
      w.writeString(req.handle).writeUint64(req.offset).writeUint64(req.length);
      break;
    case 'extended':
      w.writeString(req.request).writeBytes(req.data);
      break;
  }
  return finishPacket(w);
}

const latin = new TextDecoder('latin1');

/** Run a decoder, turning wire-level errors into SFTPBadMessage. */
export function badMessageOnError<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SFTPError) throw err;
    if (err instanceof WireError || err instanceof RangeError) {
      throw new SFTPBadMessage(`malformed ${what}: ${err.message}`, undefined, { cause: err });
    }
    throw err;
  }
}

/**
 * Decode a request packet body (without the length word) for SFTP `version`.
 * Anything malformed or unknown throws SFTPBadMessage (unknown types
 * SFTPOpUnsupported with the id, when one could be read).
 */
export function decodeRequest(payload: Uint8Array, version: number): SFTPRequest {
  return badMessageOnError('request', () => {
    const r = new PacketReader(payload);
    const type = r.readByte('packet type');
    const id = r.readUint32('request id');
    const req = decodeBody(r, type, id, version);
    if (req.kind !== 'extended') r.expectEnd(req.kind);
    return req;
  });
}

/** The request id of a request packet body, or null when it is too short to have one. */
export function requestIdOf(payload: Uint8Array): number | null {
  if (payload.length < 5) return null;
  return new DataView(payload.buffer, payload.byteOffset, payload.byteLength).getUint32(1);
}

function decodeBody(r: PacketReader, type: number, id: number, version: number): SFTPRequest {
  switch (type) {
    case C.FXP_OPEN: {
      const filename = r.readString('filename');
      if (version >= 5) {
        const desiredAccess = r.readUint32('desired-access');
        const flags = r.readUint32('flags');
        return { kind: 'open56', id, filename, desiredAccess, flags, attrs: decodeAttrs(r, version) };
      }
      const pflags = r.readUint32('pflags');
      return { kind: 'open', id, filename, pflags, attrs: decodeAttrs(r, version) };
    }
    case C.FXP_CLOSE:
      return { kind: 'close', id, handle: r.readString('handle') };
    case C.FXP_READ: {
      const handle = r.readString('handle');
      const offset = r.readUint64Number('offset');
      return { kind: 'read', id, handle, offset, length: r.readUint32('length') };
    }
    case C.FXP_WRITE: {
      const handle = r.readString('handle');
      const offset = r.readUint64Number('offset');
      return { kind: 'write', id, handle, offset, data: r.readString('data') };
    }
    case C.FXP_STAT:
    case C.FXP_LSTAT: {
      const path = r.readString('path');
      const flags = version >= 4 && !r.atEnd ? r.readUint32('flags') : C.DEFAULT_STAT_FLAGS;
      return { kind: type === C.FXP_STAT ? 'stat' : 'lstat', id, path, flags };
    }
    case C.FXP_FSTAT: {
      const handle = r.readString('handle');
      const flags = version >= 4 && !r.atEnd ? r.readUint32('flags') : C.DEFAULT_STAT_FLAGS;
      return { kind: 'fstat', id, handle, flags };
    }
    case C.FXP_SETSTAT:
      return { kind: 'setstat', id, path: r.readString('path'), attrs: decodeAttrs(r, version) };
    case C.FXP_FSETSTAT:
      return { kind: 'fsetstat', id, handle: r.readString('handle'), attrs: decodeAttrs(r, version) };
    case C.FXP_OPENDIR:
      return { kind: 'opendir', id, path: r.readString('path') };
    case C.FXP_READDIR:
      return { kind: 'readdir', id, handle: r.readString('handle') };
    case C.FXP_REMOVE:
      return { kind: 'remove', id, path: r.readString('filename') };
    case C.FXP_RMDIR:
      return { kind: 'rmdir', id, path: r.readString('path') };
    case C.FXP_READLINK:
      return { kind: 'readlink', id, path: r.readString('path') };
    case C.FXP_MKDIR:
      return { kind: 'mkdir', id, path: r.readString('path'), attrs: decodeAttrs(r, version) };
    case C.FXP_REALPATH: {
      const path = r.readString('path');
      if (version < 6 || r.atEnd) return { kind: 'realpath', id, path };
      const control = r.readByte('control-byte');
      const composePaths: Uint8Array[] = [];
      while (!r.atEnd) composePaths.push(r.readString('compose-path'));
      return { kind: 'realpath', id, path, control, composePaths };
    }
    case C.FXP_RENAME: {
      const oldpath = r.readString('oldpath');
      const newpath = r.readString('newpath');
      const flags = version >= 5 && !r.atEnd ? r.readUint32('flags') : 0;
      return { kind: 'rename', id, oldpath, newpath, flags };
    }
    case C.FXP_SYMLINK:
      if (version >= 6) break;
      return { kind: 'symlink', id, first: r.readString('linkpath'), second: r.readString('targetpath') };
    case C.FXP_LINK: {
      if (version < 6) break;
      const newpath = r.readString('new-link-path');
      const oldpath = r.readString('existing-path');
      return { kind: 'link', id, newpath, oldpath, symlink: r.readBoolean('sym-link') };
    }
    case C.FXP_BLOCK: {
      if (version < 6) break;
      const handle = r.readString('handle');
      const offset = r.readUint64Number('offset');
      const length = r.readUint64Number('length');
      return { kind: 'block', id, handle, offset, length, lockMask: r.readUint32('lock-mask') };
    }
    case C.FXP_UNBLOCK: {
      if (version < 6) break;
      const handle = r.readString('handle');
      const offset = r.readUint64Number('offset');
      return { kind: 'unblock', id, handle, offset, length: r.readUint64Number('length') };
    }
    case C.FXP_EXTENDED: {
      const request = latin.decode(r.readString('extended-request'));
      return { kind: 'extended', id, request, data: r.readRemaining() };
    }
  }
  throw new UnknownRequestError(type, id);
}

/** A request type this version does not have; the server answers FX_OP_UNSUPPORTED to `id`. */
export class UnknownRequestError extends SFTPOpUnsupported {
  readonly type: number;
  readonly id: number;
  constructor(type: number, id: number) {
    super(`unsupported request type ${type}`);
    this.type = type;
    this.id = id;
  }
}
