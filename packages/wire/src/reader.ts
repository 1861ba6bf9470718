import { WireError } from './errors.js';
import { checkName } from './names.js';

// ignoreBOM keeps a leading U+FEFF in the text instead of silently dropping it.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * A bounds-checked reader of RFC 4251 §5 data types over one buffer. Strings
 * are returned as views into the buffer (no copy). Every malformed field
 * throws a `WireError` naming the field and its offset.
 */
export class PacketReader {
  /** The underlying buffer. */
  readonly buffer: Uint8Array;
  private readonly view: DataView;
  private pos: number;
  private readonly end: number;

  constructor(buffer: Uint8Array, start = 0, end = buffer.length) {
    if (
      !Number.isSafeInteger(start) ||
      !Number.isSafeInteger(end) ||
      start < 0 ||
      end > buffer.length ||
      start > end
    ) {
      throw new WireError(
        'packet',
        start,
        `range ${start}..${end} is outside a buffer of ${buffer.length} bytes`,
      );
    }
    this.buffer = buffer;
    this.view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    this.pos = start;
    this.end = end;
  }

  /** The offset of the next byte to read. */
  get position(): number {
    return this.pos;
  }

  /** How many bytes are left. */
  get remaining(): number {
    return this.end - this.pos;
  }

  /** True when every byte has been read. */
  get atEnd(): boolean {
    return this.pos >= this.end;
  }

  private need(n: number, field: string): number {
    const at = this.pos;
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new WireError(field, at, `byte count ${n} is not a non-negative integer`);
    }
    if (n > this.end - at) {
      throw new WireError(field, at, `needs ${n} bytes, only ${this.end - at} left`);
    }
    this.pos = at + n;
    return at;
  }

  /** Read one byte. */
  readByte(field = 'byte'): number {
    return this.buffer[this.need(1, field)] as number;
  }

  /** Read a boolean (any non-zero byte is true, RFC 4251 §5). */
  readBoolean(field = 'boolean'): boolean {
    return this.readByte(field) !== 0;
  }

  /** Read a uint32. */
  readUint32(field = 'uint32'): number {
    return this.view.getUint32(this.need(4, field));
  }

  /** Read a uint64 as a bigint. */
  readUint64(field = 'uint64'): bigint {
    return this.view.getBigUint64(this.need(8, field));
  }

  /** Read a uint64 that must fit in a JavaScript number (below 2^53). */
  readUint64Number(field = 'uint64'): number {
    const at = this.pos;
    const v = this.readUint64(field);
    if (v > MAX_SAFE) throw new WireError(field, at, `value ${v} is beyond 2^53-1; read it as a bigint`);
    return Number(v);
  }

  /** Read a string as raw bytes: a view into the buffer, not a copy. */
  readString(field = 'string'): Uint8Array {
    const at = this.pos;
    const len = this.readUint32(field);
    if (len > this.end - this.pos) {
      this.pos = at;
      throw new WireError(field, at, `length ${len} runs past the end (${this.end - at - 4} bytes left)`);
    }
    const start = this.pos;
    this.pos += len;
    return this.buffer.subarray(start, start + len);
  }

  /** Read a string and decode it as UTF-8 (ISO-10646, RFC 4251 §5). */
  readUtf8(field = 'string'): string {
    const at = this.pos;
    const bytes = this.readString(field);
    try {
      return utf8.decode(bytes);
    } catch {
      throw new WireError(field, at, 'is not valid UTF-8');
    }
  }

  /** Read a string that must be a US-ASCII algorithm or method name without commas. */
  readName(field = 'name'): string {
    const at = this.pos;
    const bytes = this.readString(field);
    return checkName(asciiOf(bytes, field, at), field, at, false);
  }

  /** Read a name-list (RFC 4251 §5): comma-separated US-ASCII names, none empty. */
  readNameList(field = 'name-list'): string[] {
    const at = this.pos;
    const bytes = this.readString(field);
    if (bytes.length === 0) return [];
    const text = asciiOf(bytes, field, at);
    const names = text.split(',');
    for (const name of names) checkName(name, field, at, true);
    return names;
  }

  /** Read an mpint (RFC 4251 §5, two's complement, minimal length). */
  readMpint(field = 'mpint'): bigint {
    const at = this.pos;
    const bytes = this.readString(field);
    checkMpint(bytes, field, at);
    if (bytes.length === 0) return 0n;
    let v = 0n;
    for (const b of bytes) v = (v << 8n) | BigInt(b);
    if ((bytes[0] as number) & 0x80) v -= 1n << BigInt(bytes.length * 8);
    return v;
  }

  /** Read an mpint that must not be negative. */
  readPositiveMpint(field = 'mpint'): bigint {
    const at = this.pos;
    const v = this.readMpint(field);
    if (v < 0n) throw new WireError(field, at, 'is negative where a non-negative value is required');
    return v;
  }

  /**
   * Read a non-negative mpint as its unsigned big-endian magnitude (a view
   * into the buffer, without the sign byte).
   */
  readMpintBytes(field = 'mpint'): Uint8Array {
    const at = this.pos;
    const bytes = this.readString(field);
    checkMpint(bytes, field, at);
    if (bytes.length > 0 && (bytes[0] as number) & 0x80) {
      throw new WireError(field, at, 'is negative where a non-negative value is required');
    }
    return bytes[0] === 0 ? bytes.subarray(1) : bytes;
  }

  /** Read `n` raw bytes (a view). */
  readBytes(n: number, field = 'bytes'): Uint8Array {
    const at = this.need(n, field);
    return this.buffer.subarray(at, at + n);
  }

  /** Read every byte that is left (a view). */
  readRemaining(): Uint8Array {
    const at = this.pos;
    this.pos = this.end;
    return this.buffer.subarray(at, this.end);
  }

  /** Skip `n` bytes. */
  skip(n: number, field = 'bytes'): void {
    this.need(n, field);
  }

  /** Throw unless every byte has been read. */
  expectEnd(field = 'packet'): void {
    if (this.pos !== this.end) {
      throw new WireError(field, this.pos, `has ${this.end - this.pos} unexpected trailing bytes`);
    }
  }
}

/** The name AsyncSSH gives its packet reader. */
export { PacketReader as SSHPacket };

function asciiOf(bytes: Uint8Array, field: string, at: number): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] as number;
    if (c > 0x7e || c < 0x21) {
      throw new WireError(
        field,
        at,
        `byte 0x${c.toString(16).padStart(2, '0')} at index ${i} is not a printable US-ASCII character`,
      );
    }
    s += String.fromCharCode(c);
  }
  return s;
}

function checkMpint(bytes: Uint8Array, field: string, at: number): void {
  if (bytes.length < 2) {
    if (bytes.length === 1 && bytes[0] === 0)
      throw new WireError(field, at, 'zero must be encoded as an empty string');
    return;
  }
  const b0 = bytes[0] as number;
  const b1 = bytes[1] as number;
  if ((b0 === 0 && (b1 & 0x80) === 0) || (b0 === 0xff && (b1 & 0x80) !== 0)) {
    throw new WireError(field, at, 'has a needless leading byte (not minimal two-complement)');
  }
}
