import { WireError } from './errors.js';
import { checkName } from './names.js';

const utf8 = new TextEncoder();
const UINT64_MAX = (1n << 64n) - 1n;

/**
 * A writer of RFC 4251 §5 data types into one growing buffer. `headroom`
 * bytes are kept free before the payload so a packet header can be written
 * in front of it later without a copy.
 */
export class PacketWriter {
  private buf: Uint8Array;
  private view: DataView;
  private pos: number;
  private readonly headroom: number;

  constructor(initialCapacity = 256, headroom = 0) {
    this.headroom = headroom;
    this.buf = new Uint8Array(Math.max(initialCapacity + headroom, 16));
    this.view = new DataView(this.buf.buffer);
    this.pos = headroom;
  }

  /** Number of payload bytes written (headroom excluded). */
  get length(): number {
    return this.pos - this.headroom;
  }

  /** Make room for `n` more bytes; returns the offset where they go. */
  private grow(n: number): number {
    const at = this.pos;
    const need = at + n;
    if (need > this.buf.length) {
      let size = this.buf.length * 2;
      while (size < need) size *= 2;
      const next = new Uint8Array(size);
      next.set(this.buf.subarray(0, at));
      this.buf = next;
      this.view = new DataView(next.buffer);
    }
    this.pos = need;
    return at;
  }

  /** Write one byte. */
  writeByte(v: number): this {
    const at = this.grow(1); // grow first: it may replace this.buf
    this.buf[at] = v & 0xff;
    return this;
  }

  /** Write a boolean as 0 or 1. */
  writeBoolean(v: boolean): this {
    return this.writeByte(v ? 1 : 0);
  }

  /** Write a uint32. */
  writeUint32(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff)
      throw new WireError('uint32', -1, `${v} is out of range`);
    const at = this.grow(4);
    this.view.setUint32(at, v);
    return this;
  }

  /** Write a uint64 from a bigint or a safe integer. */
  writeUint64(v: bigint | number): this {
    const b = typeof v === 'bigint' ? v : Number.isSafeInteger(v) ? BigInt(v) : -1n;
    if (b < 0n || b > UINT64_MAX) throw new WireError('uint64', -1, `${v} is out of range`);
    const at = this.grow(8);
    this.view.setBigUint64(at, b);
    return this;
  }

  /** Write raw bytes with no length prefix. */
  writeBytes(bytes: Uint8Array): this {
    const at = this.grow(bytes.length);
    this.buf.set(bytes, at);
    return this;
  }

  /** Write a string: raw bytes, or text encoded as UTF-8. */
  writeString(v: Uint8Array | string): this {
    if (typeof v === 'string') {
      // Worst case is 3 bytes per UTF-16 unit; encode in place, then fix the length.
      const lenAt = this.grow(4);
      const start = this.pos;
      this.grow(v.length * 3);
      const { written } = utf8.encodeInto(v, this.buf.subarray(start));
      this.pos = start + written;
      this.view.setUint32(lenAt, written);
      return this;
    }
    this.writeUint32(v.length);
    return this.writeBytes(v);
  }

  /** Write an algorithm or method name (US-ASCII, no comma). */
  writeName(name: string): this {
    checkName(name, 'name', -1, false);
    return this.writeString(name);
  }

  /** Write a name-list (RFC 4251 §5). */
  writeNameList(names: readonly string[]): this {
    for (const n of names) checkName(n, 'name-list', -1, true);
    return this.writeString(names.join(','));
  }

  /** Write an mpint from a bigint (RFC 4251 §5, minimal two's complement). */
  writeMpint(v: bigint): this {
    return this.writeString(mpintBytes(v));
  }

  /** Write a non-negative mpint given as unsigned big-endian bytes. */
  writeMpintBytes(magnitude: Uint8Array): this {
    let i = 0;
    while (i < magnitude.length && magnitude[i] === 0) i++;
    const m = magnitude.subarray(i);
    if (m.length === 0) return this.writeUint32(0);
    const pad = ((m[0] as number) & 0x80) !== 0 ? 1 : 0;
    this.writeUint32(m.length + pad);
    if (pad) this.writeByte(0);
    return this.writeBytes(m);
  }

  /** Reserve `n` bytes to fill later; returns their offset in the payload. */
  reserve(n: number): number {
    return this.grow(n) - this.headroom;
  }

  /** Overwrite a uint32 at a payload offset written earlier. */
  setUint32At(offset: number, v: number): this {
    this.view.setUint32(offset + this.headroom, v);
    return this;
  }

  /** The payload written so far: a view into the writer's buffer, not a copy. */
  toBytes(): Uint8Array {
    return this.buf.subarray(this.headroom, this.pos);
  }

  /** The whole buffer including the headroom in front of the payload (a view). */
  withHeadroom(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  /** Forget what was written, keeping the buffer for reuse. */
  reset(): this {
    this.pos = this.headroom;
    return this;
  }
}

/** Minimal two's complement big-endian bytes of `v` (empty for zero). */
export function mpintBytes(v: bigint): Uint8Array {
  if (v === 0n) return new Uint8Array(0);
  if (v < 0n) {
    let n = 1;
    while (-(1n << BigInt(8 * n - 1)) > v) n++;
    return bigToBytes((1n << BigInt(8 * n)) + v, n);
  }
  let n = 1;
  while (v >= 1n << BigInt(8 * n - 1)) n++;
  return bigToBytes(v, n);
}

function bigToBytes(v: bigint, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = n - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}
