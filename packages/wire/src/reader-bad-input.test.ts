import { PacketReader, PacketWriter, ProtocolError, WireError } from '@ssh/wire';
import { describe, expect, it } from 'vitest';

const bytes = (...b: number[]) => Uint8Array.from(b);
const str = (body: number[]) => bytes(0, 0, 0, body.length, ...body);
const text = (s: string) => str(Array.from(s, (c) => c.charCodeAt(0)));

/** Expect `fn` to throw a WireError for `field` at `offset` whose message matches `problem`. */
function expectWireError(fn: () => unknown, field: string, offset: number, problem: RegExp): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(WireError);
  expect(error).toBeInstanceOf(ProtocolError);
  const e = error as WireError;
  expect(e.field).toBe(field);
  expect(e.offset).toBe(offset);
  expect(e.code).toBe(2);
  expect(e.message).toContain(`${field} at offset ${offset}`);
  expect(e.message).toMatch(problem);
}

describe('truncated fields', () => {
  it('byte, boolean, uint32 and uint64 past the end', () => {
    expectWireError(
      () => new PacketReader(bytes()).readByte('msg type'),
      'msg type',
      0,
      /needs 1 bytes, only 0/,
    );
    expectWireError(() => new PacketReader(bytes()).readBoolean('want reply'), 'want reply', 0, /needs 1/);
    expectWireError(
      () => new PacketReader(bytes(0, 0, 1)).readUint32('channel'),
      'channel',
      0,
      /needs 4 bytes, only 3/,
    );
    expectWireError(
      () => new PacketReader(bytes(1, 2, 3, 4, 5, 6, 7)).readUint64('bytes'),
      'bytes',
      0,
      /needs 8/,
    );
  });

  it('a string length prefix cut short', () => {
    expectWireError(() => new PacketReader(bytes(0, 0)).readString('host key'), 'host key', 0, /needs 4/);
  });

  it('a string whose length runs past the end, at a non-zero offset', () => {
    const r = new PacketReader(bytes(9, 0, 0, 0, 5, 1, 2));
    r.readByte();
    expectWireError(
      () => r.readString('signature'),
      'signature',
      1,
      /length 5 runs past the end \(2 bytes left\)/,
    );
    // The failed read leaves the position where it was.
    expect(r.position).toBe(1);
  });

  it('a length of 2^32-1', () => {
    expectWireError(
      () => new PacketReader(bytes(0xff, 0xff, 0xff, 0xff, 0)).readString(),
      'string',
      0,
      /runs past/,
    );
  });

  it('readBytes and skip past the end, or with a negative count', () => {
    expectWireError(() => new PacketReader(bytes(1, 2)).readBytes(3, 'cookie'), 'cookie', 0, /needs 3/);
    expectWireError(
      () => new PacketReader(bytes(1, 2)).skip(-1, 'padding'),
      'padding',
      0,
      /not a non-negative/,
    );
  });

  it('trailing bytes where the packet should end', () => {
    const r = new PacketReader(bytes(1, 2, 3));
    r.readByte();
    expectWireError(() => r.expectEnd('MSG_NEWKEYS'), 'MSG_NEWKEYS', 1, /2 unexpected trailing bytes/);
  });

  it('a reader range outside its buffer', () => {
    expectWireError(() => new PacketReader(bytes(1, 2), 1, 5), 'packet', 1, /outside a buffer of 2 bytes/);
  });
});

describe('mpints', () => {
  it('a needless leading 0x00', () => {
    expectWireError(() => new PacketReader(str([0, 0x7f])).readMpint('e'), 'e', 0, /needless leading byte/);
    expectWireError(() => new PacketReader(str([0, 0x7f])).readMpintBytes('e'), 'e', 0, /needless/);
  });

  it('a needless leading 0xff', () => {
    expectWireError(
      () => new PacketReader(str([0xff, 0x80])).readMpint('f'),
      'f',
      0,
      /needless leading byte/,
    );
  });

  it('zero written as one 0x00 byte', () => {
    expectWireError(
      () => new PacketReader(str([0])).readMpint('x'),
      'x',
      0,
      /zero must be encoded as an empty/,
    );
  });

  it('accepts the minimal forms next to the bad ones', () => {
    expect(new PacketReader(str([0, 0x80])).readMpint()).toBe(0x80n);
    expect(new PacketReader(str([0xff, 0x7f])).readMpint()).toBe(-0x81n);
    expect(new PacketReader(str([0xff])).readMpint()).toBe(-1n);
    expect(new PacketReader(str([])).readMpint()).toBe(0n);
  });

  it('negative where a positive value is required', () => {
    expectWireError(() => new PacketReader(str([0x80])).readPositiveMpint('p'), 'p', 0, /is negative/);
    expectWireError(() => new PacketReader(str([0xff])).readMpintBytes('g'), 'g', 0, /is negative/);
  });
});

describe('names and name-lists', () => {
  it('a name that is not US-ASCII', () => {
    expectWireError(
      () => new PacketReader(str([0x61, 0xc3, 0xa9])).readName('kex'),
      'kex',
      0,
      /byte 0xc3 at index 1/,
    );
    expectWireError(() => new PacketReader(str([0x61, 0xe9])).readNameList('ciphers'), 'ciphers', 0, /0xe9/);
  });

  it('a name with a control character or space', () => {
    expectWireError(() => new PacketReader(text('a b')).readName('mac'), 'mac', 0, /0x20/);
    expectWireError(() => new PacketReader(str([0x61, 0])).readNameList('mac'), 'mac', 0, /0x00/);
  });

  it('a name containing a comma', () => {
    expectWireError(() => new PacketReader(text('a,b')).readName('method'), 'method', 0, /contains a comma/);
  });

  it('an empty name in a list', () => {
    for (const bad of [',a', 'a,', 'a,,b', ',']) {
      expectWireError(
        () => new PacketReader(text(bad)).readNameList('kex algorithms'),
        'kex algorithms',
        0,
        /empty name/,
      );
    }
    expect(new PacketReader(text('')).readNameList()).toEqual([]);
  });

  it('an empty name alone', () => {
    expectWireError(() => new PacketReader(text('')).readName('service'), 'service', 0, /empty name/);
  });

  it('the writer refuses bad names too', () => {
    expect(() => new PacketWriter().writeNameList(['a,b'])).toThrow(/comma/);
    expect(() => new PacketWriter().writeNameList(['ok', ''])).toThrow(/empty name/);
    expect(() => new PacketWriter().writeName('café')).toThrow(WireError);
  });
});

describe('other values', () => {
  it('a uint64 beyond 2^53 read as a number', () => {
    const big = bytes(0, 0x20, 0, 0, 0, 0, 0, 0); // 2^53
    expectWireError(() => new PacketReader(big).readUint64Number('bytes'), 'bytes', 0, /beyond 2\^53-1/);
    expect(new PacketReader(big).readUint64()).toBe(2n ** 53n);
    const max = bytes(0, 0x1f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
    expect(new PacketReader(max).readUint64Number()).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('text that is not UTF-8', () => {
    expectWireError(
      () => new PacketReader(str([0xc3, 0x28])).readUtf8('banner'),
      'banner',
      0,
      /not valid UTF-8/,
    );
  });

  it('the writer refuses out-of-range integers', () => {
    expect(() => new PacketWriter().writeUint32(-1)).toThrow(WireError);
    expect(() => new PacketWriter().writeUint32(2 ** 32)).toThrow(/out of range/);
    expect(() => new PacketWriter().writeUint32(1.5)).toThrow(WireError);
    expect(() => new PacketWriter().writeUint64(2n ** 64n)).toThrow(WireError);
    expect(() => new PacketWriter().writeUint64(-1n)).toThrow(WireError);
    expect(() => new PacketWriter().writeUint64(2 ** 60)).toThrow(WireError);
  });
});
