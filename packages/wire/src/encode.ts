import { PacketWriter } from './writer.js';

/** Encode one byte (RFC 4251 §5). */
export function encodeByte(v: number): Uint8Array {
  return Uint8Array.of(v & 0xff);
}

/** Encode a boolean (RFC 4251 §5). */
export function encodeBoolean(v: boolean): Uint8Array {
  return Uint8Array.of(v ? 1 : 0);
}

/** Encode a uint32 (RFC 4251 §5). */
export function encodeUInt32(v: number): Uint8Array {
  return new PacketWriter(4).writeUint32(v).toBytes();
}

/** Encode a uint64 (RFC 4251 §5). */
export function encodeUInt64(v: bigint | number): Uint8Array {
  return new PacketWriter(8).writeUint64(v).toBytes();
}

/** Encode a string (RFC 4251 §5): text as UTF-8, or raw bytes. */
export function encodeString(v: Uint8Array | string): Uint8Array {
  return new PacketWriter(typeof v === 'string' ? v.length * 3 + 4 : v.length + 4).writeString(v).toBytes();
}

/** Encode an mpint (RFC 4251 §5). */
export function encodeMPInt(v: bigint): Uint8Array {
  return new PacketWriter(32).writeMpint(v).toBytes();
}

/** Encode a name-list (RFC 4251 §5). */
export function encodeNameList(names: readonly string[]): Uint8Array {
  return new PacketWriter(64).writeNameList(names).toBytes();
}
