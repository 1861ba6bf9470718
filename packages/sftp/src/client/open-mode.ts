import { ValueError } from '@ssh/wire';
import * as C from '../codec/constants.js';

/** Open mode strings (AsyncSSH OpenMode): r, w, a, x with optional '+' and 'b'. */
export type OpenMode =
  | 'r'
  | 'w'
  | 'a'
  | 'x'
  | 'r+'
  | 'w+'
  | 'a+'
  | 'x+'
  | `${'r' | 'w' | 'a' | 'x'}${'b' | '+b' | 'b+'}`;

const BASE: Record<string, number> = {
  r: C.FXF_READ,
  w: C.FXF_WRITE | C.FXF_CREAT | C.FXF_TRUNC,
  a: C.FXF_WRITE | C.FXF_CREAT | C.FXF_APPEND,
  x: C.FXF_WRITE | C.FXF_CREAT | C.FXF_EXCL,
};

/** pflags for a mode string and whether it asks for bytes ('b'); ValueError when invalid. */
export function parseOpenMode(mode: string): { pflags: number; binary: boolean } {
  const base = BASE[mode[0] ?? ''];
  const rest = mode.slice(1);
  if (base === undefined || !/^(\+?b?|b\+)$/.test(rest))
    throw new ValueError(`invalid open mode ${JSON.stringify(mode)}`);
  const plus = rest.includes('+');
  return { pflags: plus ? base | C.FXF_READ | C.FXF_WRITE : base, binary: rest.includes('b') };
}

/** v3 pflags as v5/v6 desired-access and flags (-13 §8.1.1). */
export function pflagsToV5(pflags: number): { desiredAccess: number; flags: number } {
  let desiredAccess = 0;
  if (pflags & C.FXF_READ) desiredAccess |= C.ACE4_READ_DATA | C.ACE4_READ_ATTRIBUTES;
  if (pflags & C.FXF_WRITE) desiredAccess |= C.ACE4_WRITE_DATA | C.ACE4_WRITE_ATTRIBUTES;
  let flags: number;
  if (pflags & C.FXF_CREAT) {
    if (pflags & C.FXF_EXCL) flags = C.FXF_CREATE_NEW;
    else if (pflags & C.FXF_TRUNC) flags = C.FXF_CREATE_TRUNCATE;
    else flags = C.FXF_OPEN_OR_CREATE;
  } else if (pflags & C.FXF_TRUNC) {
    flags = C.FXF_TRUNCATE_EXISTING;
  } else {
    flags = C.FXF_OPEN_EXISTING;
  }
  if (pflags & C.FXF_APPEND) {
    flags |= C.FXF_APPEND_DATA;
    desiredAccess |= C.ACE4_APPEND_DATA;
  }
  return { desiredAccess, flags };
}
