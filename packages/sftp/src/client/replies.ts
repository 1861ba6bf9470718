import type { SFTPAttrs } from '../codec/attrs.js';
import { SFTPBadMessage } from '../codec/errors.js';
import type { SFTPName } from '../codec/name.js';
import { type SFTPResponse, statusError } from '../codec/responses.js';

/** What a response must be; a non-OK status becomes its typed SFTPError. */
function wrongKind(res: SFTPResponse, want: string): never {
  if (res.kind === 'status') {
    const err = statusError(res);
    if (err) throw err;
  }
  throw new SFTPBadMessage(`expected ${want} response, got ${res.kind}`);
}

/** An FX_OK status. */
export function expectOk(res: SFTPResponse): void {
  if (res.kind === 'status' && statusError(res) === null) return;
  wrongKind(res, 'status');
}

/** A handle. */
export function expectHandle(res: SFTPResponse): Uint8Array {
  if (res.kind === 'handle') return res.handle;
  return wrongKind(res, 'handle');
}

/** Data, or null at end of file (FX_EOF). */
export function expectData(res: SFTPResponse): Uint8Array | null {
  if (res.kind === 'data') return res.data;
  if (res.kind === 'status' && res.code === 1) return null;
  return wrongKind(res, 'data');
}

/** Names, or null at end of directory (FX_EOF). */
export function expectNames(res: SFTPResponse): SFTPName<Uint8Array>[] | null {
  if (res.kind === 'name') return res.names;
  if (res.kind === 'status' && res.code === 1) return null;
  return wrongKind(res, 'name');
}

/** Exactly one name (realpath, readlink, expand-path, home-directory). */
export function expectOneName(res: SFTPResponse): SFTPName<Uint8Array> {
  const names = expectNames(res);
  const first = names?.[0];
  if (names?.length !== 1 || !first) throw new SFTPBadMessage('expected exactly one name in the response');
  return first;
}

/** Attributes. */
export function expectAttrs(res: SFTPResponse): SFTPAttrs {
  if (res.kind === 'attrs') return res.attrs;
  return wrongKind(res, 'attrs');
}

/** Extended reply bytes. */
export function expectExtended(res: SFTPResponse): Uint8Array {
  if (res.kind === 'extended-reply') return res.data;
  return wrongKind(res, 'extended reply');
}
