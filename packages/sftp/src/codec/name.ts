import type { PacketReader, PacketWriter } from '@ssh/wire';
import { decodeAttrs, encodeAttrs, SFTPAttrs } from './attrs.js';
import { SFTPBadMessage } from './errors.js';

/**
 * A directory entry (AsyncSSH SFTPName): file name, 'ls -l' style long name
 * (v3 only; empty otherwise) and attributes. Names are bytes in the codec and
 * text in the client when it has a path encoding.
 */
export class SFTPName<T extends string | Uint8Array = string | Uint8Array> {
  filename: T;
  longname: T;
  attrs: SFTPAttrs;

  constructor(filename: T, longname: T, attrs: SFTPAttrs = new SFTPAttrs()) {
    this.filename = filename;
    this.longname = longname;
    this.attrs = attrs;
  }
}

/** Write the names of an SSH_FXP_NAME body: -02 §7 (with longname, v3), -13 §9.4 (without). */
export function encodeNames(w: PacketWriter, names: readonly SFTPName<Uint8Array>[], version: number): void {
  w.writeUint32(names.length);
  for (const n of names) {
    w.writeString(n.filename);
    if (version === 3) w.writeString(n.longname);
    encodeAttrs(w, n.attrs, version);
  }
}

/** Read the names of an SSH_FXP_NAME body. */
export function decodeNames(r: PacketReader, version: number): SFTPName<Uint8Array>[] {
  const count = r.readUint32('name count');
  // Each entry needs at least a filename length and an attrs flags word.
  if (count > r.remaining / 8) throw new SFTPBadMessage(`name count ${count} runs past the packet`);
  const names: SFTPName<Uint8Array>[] = [];
  const empty = new Uint8Array(0);
  for (let i = 0; i < count; i++) {
    const filename = r.readString('filename');
    const longname = version === 3 ? r.readString('longname') : empty;
    names.push(new SFTPName(filename, longname, decodeAttrs(r, version)));
  }
  return names;
}
