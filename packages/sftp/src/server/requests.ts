import type { SFTPAttrs } from '../codec/attrs.js';
import * as C from '../codec/constants.js';
import { SFTPEOFError, SFTPNoSuchFile, SFTPOpUnsupported } from '../codec/errors.js';
import type { SFTPName } from '../codec/name.js';
import type { SFTPRequest } from '../codec/requests.js';
import { type SFTPResponse, statusResponse } from '../codec/responses.js';
import { oneName, type SessionState } from './session.js';

/** Entries per SSH_FXP_NAME answer to readdir. */
const READDIR_BATCH = 128;

const ok = (id: number): SFTPResponse => statusResponse(id, null);

/** Answer every request except the extended ones. */
export async function runRequest(
  s: SessionState,
  req: Exclude<SFTPRequest, { kind: 'extended' }>,
): Promise<SFTPResponse> {
  const srv = s.server;
  const id = req.id;
  switch (req.kind) {
    case 'open': {
      const file = await srv.open(req.filename, req.pflags, req.attrs);
      return { kind: 'handle', id, handle: s.addHandle({ kind: 'file', file }) };
    }
    case 'open56': {
      const file = await srv.open56(req.filename, req.desiredAccess, req.flags, req.attrs);
      return { kind: 'handle', id, handle: s.addHandle({ kind: 'file', file }) };
    }
    case 'close': {
      const h = s.dropHandle(req.handle);
      if (h.kind === 'file') await srv.close(h.file);
      return ok(id);
    }
    case 'read': {
      const file = s.fileOf(req.handle);
      const data = await srv.read(file, req.offset, Math.min(req.length, s.maxReadLength));
      if (data.length === 0) throw new SFTPEOFError();
      return { kind: 'data', id, data };
    }
    case 'write': {
      await srv.write(s.fileOf(req.handle), req.offset, req.data);
      return ok(id);
    }
    case 'stat':
      return { kind: 'attrs', id, attrs: await named(s, await srv.stat(req.path)) };
    case 'lstat':
      return { kind: 'attrs', id, attrs: await named(s, await srv.lstat(req.path)) };
    case 'fstat':
      return { kind: 'attrs', id, attrs: await named(s, await srv.fstat(s.fileOf(req.handle))) };
    case 'setstat':
      await srv.setstat(req.path, req.attrs);
      return ok(id);
    case 'fsetstat':
      await srv.fsetstat(s.fileOf(req.handle), req.attrs);
      return ok(id);
    case 'opendir': {
      const names: SFTPName<Uint8Array>[] = [];
      for await (const n of srv.scandir(req.path)) names.push(n);
      return { kind: 'handle', id, handle: s.addHandle({ kind: 'dir', names, at: 0 }) };
    }
    case 'readdir': {
      const h = s.getHandle(req.handle);
      if (h.kind !== 'dir') throw new SFTPOpUnsupported('Handle is not a directory');
      if (h.at >= h.names.length) throw new SFTPEOFError();
      const batch = h.names.slice(h.at, h.at + READDIR_BATCH);
      h.at += batch.length;
      if (s.version === 3) for (const n of batch) if (n.longname.length === 0) await srv.formatLongname(n);
      if (s.version >= 4) for (const n of batch) await named(s, n.attrs);
      return {
        kind: 'name',
        id,
        names: batch,
        ...(s.version >= 6 ? { endOfList: h.at >= h.names.length } : {}),
      };
    }
    case 'remove':
      await srv.remove(req.path);
      return ok(id);
    case 'rmdir':
      await srv.rmdir(req.path);
      return ok(id);
    case 'mkdir':
      await srv.mkdir(req.path, req.attrs);
      return ok(id);
    case 'realpath':
      return realpath(s, id, req.path, req.control, req.composePaths);
    case 'rename':
      if (req.flags & C.FXR_OVERWRITE) await srv.posixRename(req.oldpath, req.newpath);
      else await srv.rename(req.oldpath, req.newpath);
      return ok(id);
    case 'readlink':
      return oneName(id, await srv.readlink(req.path));
    case 'symlink':
      // The draft sends the link first; OpenSSH the target first (its PROTOCOL §3).
      if (s.nonstandardSymlink) await srv.symlink(req.first, req.second);
      else await srv.symlink(req.second, req.first);
      return ok(id);
    case 'link':
      if (req.symlink) await srv.symlink(req.oldpath, req.newpath);
      else await srv.link(req.oldpath, req.newpath);
      return ok(id);
    case 'block':
      await srv.lock(s.fileOf(req.handle), req.offset, req.length, req.lockMask);
      return ok(id);
    case 'unblock':
      await srv.unlock(s.fileOf(req.handle), req.offset, req.length);
      return ok(id);
  }
}

function joinBytes(base: Uint8Array, more: Uint8Array): Uint8Array {
  if (more[0] === 0x2f || base.length === 0) return more;
  const sep = base[base.length - 1] === 0x2f ? 0 : 1;
  const out = new Uint8Array(base.length + sep + more.length);
  out.set(base);
  if (sep) out[base.length] = 0x2f;
  out.set(more, base.length + sep);
  return out;
}

/** REALPATH, with the v6 control byte and compose paths (-13 §8.9). */
async function realpath(
  s: SessionState,
  id: number,
  path: Uint8Array,
  control: number | undefined,
  compose: Uint8Array[] | undefined,
): Promise<SFTPResponse> {
  let full = path;
  for (const p of compose ?? []) full = joinBytes(full, p);
  const resolved = await s.server.realpath(full);
  if (control === undefined || control === C.FXRP_NO_CHECK) return oneName(id, resolved);
  let attrs: SFTPAttrs;
  try {
    attrs = await s.server.stat(resolved);
  } catch (err) {
    if (control === C.FXRP_STAT_IF_EXISTS && err instanceof SFTPNoSuchFile) return oneName(id, resolved);
    throw err;
  }
  return oneName(id, resolved, await named(s, attrs));
}

/** On v4+, owner and group go by name: fill them from uid and gid with formatUser / formatGroup. */
async function named(s: SessionState, attrs: SFTPAttrs): Promise<SFTPAttrs> {
  if (s.version < 4) return attrs;
  if (attrs.owner === null && attrs.uid !== null) attrs.owner = await s.server.formatUser(attrs.uid);
  if (attrs.group === null && attrs.gid !== null) attrs.group = await s.server.formatGroup(attrs.gid);
  return attrs;
}
