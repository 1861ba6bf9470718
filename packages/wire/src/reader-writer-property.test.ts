import {
  encodeBoolean,
  encodeByte,
  encodeMPInt,
  encodeNameList,
  encodeString,
  encodeUInt32,
  encodeUInt64,
  mpintBytes,
  PacketReader,
  PacketWriter,
} from '@ssh/wire';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const RUNS = { numRuns: 500 };

/** A valid RFC 4251 §6 name: printable US-ASCII without comma or space. */
const name = fc.stringMatching(/^[\x21-\x2b\x2d-\x7e]{1,64}$/);

/** Unsigned big-endian bytes of a non-negative bigint, minimal (empty for zero). */
function magnitude(v: bigint): number[] {
  const out: number[] = [];
  for (let x = v; x > 0n; x >>= 8n) out.unshift(Number(x & 0xffn));
  return out;
}

/**
 * Reference mpint body, built differently from the writer: a positive value
 * is its magnitude with a 0x00 in front when the top bit is set; a negative
 * value v is the byte-wise complement of the positive encoding of -v-1.
 */
function referenceMpint(v: bigint): number[] {
  if (v >= 0n) {
    const m = magnitude(v);
    return m.length > 0 && (m[0] as number) >= 0x80 ? [0, ...m] : m;
  }
  const pos = referenceMpint(-v - 1n);
  return (pos.length === 0 ? [0] : pos).map((b) => b ^ 0xff);
}

function lengthPrefixed(body: number[]): Uint8Array {
  const n = body.length;
  return Uint8Array.from([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff, ...body]);
}

type Field =
  | { t: 'byte'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'u32'; v: number }
  | { t: 'u64'; v: bigint }
  | { t: 'bytes'; v: Uint8Array }
  | { t: 'utf8'; v: string }
  | { t: 'names'; v: string[] }
  | { t: 'name'; v: string }
  | { t: 'mpint'; v: bigint };

const field: fc.Arbitrary<Field> = fc.oneof(
  fc.integer({ min: 0, max: 255 }).map((v) => ({ t: 'byte' as const, v })),
  fc.boolean().map((v) => ({ t: 'bool' as const, v })),
  fc.integer({ min: 0, max: 0xffffffff }).map((v) => ({ t: 'u32' as const, v })),
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((v) => ({ t: 'u64' as const, v })),
  fc.uint8Array({ maxLength: 300 }).map((v) => ({ t: 'bytes' as const, v })),
  fc.string({ unit: 'binary', maxLength: 60 }).map((v) => ({ t: 'utf8' as const, v })),
  fc.array(name, { maxLength: 8 }).map((v) => ({ t: 'names' as const, v })),
  name.map((v) => ({ t: 'name' as const, v })),
  fc.bigInt({ min: -(1n << 600n), max: 1n << 600n }).map((v) => ({ t: 'mpint' as const, v })),
);

function write(w: PacketWriter, f: Field): void {
  switch (f.t) {
    case 'byte':
      w.writeByte(f.v);
      break;
    case 'bool':
      w.writeBoolean(f.v);
      break;
    case 'u32':
      w.writeUint32(f.v);
      break;
    case 'u64':
      w.writeUint64(f.v);
      break;
    case 'bytes':
      w.writeString(f.v);
      break;
    case 'utf8':
      w.writeString(f.v);
      break;
    case 'names':
      w.writeNameList(f.v);
      break;
    case 'name':
      w.writeName(f.v);
      break;
    case 'mpint':
      w.writeMpint(f.v);
      break;
  }
}

function read(r: PacketReader, f: Field): unknown {
  switch (f.t) {
    case 'byte':
      return r.readByte();
    case 'bool':
      return r.readBoolean();
    case 'u32':
      return r.readUint32();
    case 'u64':
      return r.readUint64();
    case 'bytes':
      return r.readString();
    case 'utf8':
      return r.readUtf8();
    case 'names':
      return r.readNameList();
    case 'name':
      return r.readName();
    case 'mpint':
      return r.readMpint();
  }
}

describe('writer and reader round-trip', () => {
  it('any sequence of fields, in a writer that starts small and grows', () => {
    fc.assert(
      fc.property(fc.array(field, { maxLength: 12 }), fc.integer({ min: 0, max: 64 }), (fields, headroom) => {
        const w = new PacketWriter(1, headroom);
        for (const f of fields) write(w, f);
        expect(w.withHeadroom().length).toBe(w.length + headroom);
        const r = new PacketReader(w.toBytes());
        for (const f of fields) expect(read(r, f)).toEqual(f.v);
        r.expectEnd();
      }),
      RUNS,
    );
  });

  it('mpints match an independent reference encoding, negative and positive', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(1n << 1100n), max: 1n << 1100n }), (v) => {
        const expected = lengthPrefixed(referenceMpint(v));
        expect(new PacketWriter().writeMpint(v).toBytes()).toEqual(expected);
        expect(encodeMPInt(v)).toEqual(expected);
        expect(Array.from(mpintBytes(v))).toEqual(referenceMpint(v));
        expect(new PacketReader(expected).readMpint()).toBe(v);
      }),
      RUNS,
    );
  });

  it('non-negative mpints as magnitude bytes, both ways', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1n << 1100n }), fc.nat(3), (v, pad) => {
        const mag = Uint8Array.from([...new Array<number>(pad).fill(0), ...magnitude(v)]);
        const bytes = new PacketWriter().writeMpintBytes(mag).toBytes();
        expect(bytes).toEqual(lengthPrefixed(referenceMpint(v)));
        expect(Array.from(new PacketReader(bytes).readMpintBytes())).toEqual(magnitude(v));
        expect(new PacketReader(bytes).readPositiveMpint()).toBe(v);
      }),
      RUNS,
    );
  });

  it('uint64 as bigint, and as number below 2^53', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.maxSafeNat(), (big, small) => {
        expect(new PacketReader(encodeUInt64(big)).readUint64()).toBe(big);
        expect(new PacketReader(encodeUInt64(small)).readUint64Number()).toBe(small);
      }),
      RUNS,
    );
  });

  it('the standalone encoders write what the writer writes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.array(name, { maxLength: 5 }),
        (b, bool, u32, s, names) => {
          expect(encodeByte(b)).toEqual(new PacketWriter().writeByte(b).toBytes());
          expect(encodeBoolean(bool)).toEqual(new PacketWriter().writeBoolean(bool).toBytes());
          expect(encodeUInt32(u32)).toEqual(new PacketWriter().writeUint32(u32).toBytes());
          expect(encodeString(s)).toEqual(new PacketWriter().writeString(s).toBytes());
          expect(new PacketReader(encodeString(s)).readUtf8()).toBe(s);
          expect(new PacketReader(encodeNameList(names)).readNameList()).toEqual(names);
        },
      ),
      RUNS,
    );
  });

  it('keeps a leading byte-order mark in UTF-8 text', () => {
    const text = '\uFEFFhello';
    expect(new PacketReader(encodeString(text)).readUtf8()).toBe(text);
  });
});
