import { PacketReader, PacketWriter, WireError } from '@ssh/wire';
import { describe, expect, it } from 'vitest';

describe('reader and writer', () => {
  it('round-trip every RFC 4251 type', () => {
    const w = new PacketWriter(4);
    w.writeByte(7)
      .writeBoolean(true)
      .writeUint32(0xdeadbeef)
      .writeUint64(2n ** 60n);
    w.writeString('héllo').writeNameList(['a', 'b-c@x.org']).writeMpint(-0x1234n).writeMpint(0x80n);
    const r = new PacketReader(w.toBytes());
    expect(r.readByte()).toBe(7);
    expect(r.readBoolean()).toBe(true);
    expect(r.readUint32()).toBe(0xdeadbeef);
    expect(r.readUint64()).toBe(2n ** 60n);
    expect(r.readUtf8()).toBe('héllo');
    expect(r.readNameList()).toEqual(['a', 'b-c@x.org']);
    expect(r.readMpint()).toBe(-0x1234n);
    expect(r.readMpint()).toBe(0x80n);
    r.expectEnd();
  });

  it('matches the mpint examples of RFC 4251 §5', () => {
    const hex = (v: bigint) => Buffer.from(new PacketWriter().writeMpint(v).toBytes()).toString('hex');
    expect(hex(0n)).toBe('00000000');
    expect(hex(0x9a378f9b2e332a7n)).toBe('0000000809a378f9b2e332a7');
    expect(hex(0x80n)).toBe('000000020080');
    expect(hex(-0x1234n)).toBe('00000002edcc');
    expect(hex(-0xdeadbeefn)).toBe('00000005ff21524111');
  });

  it('names the field and offset of a truncated string', () => {
    const r = new PacketReader(Uint8Array.of(0, 0, 0, 1, 0, 0, 0, 9, 1));
    r.readUint32('first');
    expect(() => r.readString('host key')).toThrow(WireError);
    expect(() => r.readString('host key')).toThrow(/host key at offset 4/);
  });
});
