import { ChannelCodec, type ErrorsPolicy } from '@ssh/channels';

/** A remote or local path: text (encoded with the path encoding) or raw bytes. */
export type SFTPPath = string | Uint8Array;

const SLASH = 0x2f;

/** Converts paths between the caller's text and the bytes on the wire (AsyncSSH path_encoding). */
export class PathCodec {
  private readonly codec: ChannelCodec | null;

  constructor(
    readonly encoding: string | null,
    errors: ErrorsPolicy,
  ) {
    this.codec = encoding === null ? null : new ChannelCodec(encoding, errors);
  }

  /** Path bytes for the wire. A string with encoding null is a TypeError. */
  encode(path: SFTPPath): Uint8Array {
    if (typeof path !== 'string') return path;
    if (!this.codec) throw new TypeError('path encoding is null: pass paths as Uint8Array');
    return this.codec.encode(path);
  }

  /** Path bytes as text when there is an encoding, else the bytes themselves. */
  decode(bytes: Uint8Array): SFTPPath {
    if (!this.codec) return bytes;
    return this.codec.decoder().decode(bytes, true) as string;
  }

  /** Decode to the same type as `like` (text in, text out; bytes in, bytes out). */
  decodeLike<P extends SFTPPath>(bytes: Uint8Array, like: P | undefined): P {
    if (like !== undefined && typeof like !== 'string') return bytes as P;
    return this.decode(bytes) as P;
  }
}

/** Join byte paths POSIX style: an absolute part restarts the path. */
export function joinBytes(...parts: Uint8Array[]): Uint8Array {
  let out: number[] = [];
  for (const p of parts) {
    if (p.length === 0) continue;
    if (p[0] === SLASH) out = [];
    else if (out.length > 0 && out[out.length - 1] !== SLASH) out.push(SLASH);
    for (const b of p) out.push(b);
  }
  return Uint8Array.from(out);
}

/** The last component of a byte path (after trailing slashes are dropped). */
export function basenameBytes(p: Uint8Array): Uint8Array {
  let end = p.length;
  while (end > 1 && p[end - 1] === SLASH) end--;
  const i = p.lastIndexOf(SLASH, end - 1);
  return p.subarray(i + 1, end);
}

/** Everything before the last component ('' when there is no slash, '/' at the root). */
export function dirnameBytes(p: Uint8Array): Uint8Array {
  let end = p.length;
  while (end > 1 && p[end - 1] === SLASH) end--;
  const i = p.lastIndexOf(SLASH, end - 1);
  if (i < 0) return new Uint8Array(0);
  if (i === 0) return p.subarray(0, 1);
  return p.subarray(0, i);
}

/** Whether a byte path is absolute. */
export function isAbsoluteBytes(p: Uint8Array): boolean {
  return p[0] === SLASH;
}

/** Split a byte path into its non-empty components. */
export function splitBytes(p: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= p.length; i++) {
    if (i === p.length || p[i] === SLASH) {
      if (i > start) out.push(p.subarray(start, i));
      start = i + 1;
    }
  }
  return out;
}

/** Whether two byte strings are equal. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const enc = new TextEncoder();
/** UTF-8 bytes of a literal. */
export function lit(s: string): Uint8Array {
  return enc.encode(s);
}
