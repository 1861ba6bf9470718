import {
  decodeTermModes,
  encodeTermModes,
  PTY_ECHO,
  PTY_ICRNL,
  PTY_IUTF8,
  PTY_OP_END,
  PTY_OP_ISPEED,
  PTY_OP_OSPEED,
  PTY_VINTR,
  PTY_VWERASE,
  PTY_WERASE,
  WireError,
} from '@ssh/wire';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const fromHex = (h: string) => new Uint8Array(Buffer.from(h.replaceAll(' ', ''), 'hex'));

describe('encodeTermModes', () => {
  it('packs opcode + uint32 pairs and ends with PTY_OP_END', () => {
    const bytes = encodeTermModes({ [PTY_VINTR]: 3, [PTY_ECHO]: 0, [PTY_OP_ISPEED]: 38400 });
    expect(hex(bytes)).toBe('0100000003' + '3500000000' + '8000009600' + '00');
  });

  it('accepts a Map, in its order', () => {
    const modes = new Map([
      [PTY_OP_OSPEED, 9600],
      [PTY_ICRNL, 1],
    ]);
    expect(hex(encodeTermModes(modes))).toBe('8100002580' + '2400000001' + '00');
  });

  it('encodes no modes as PTY_OP_END alone', () => {
    expect(encodeTermModes({})).toEqual(Uint8Array.of(PTY_OP_END));
  });

  it('rejects opcodes outside 1..159 and values that are not uint32', () => {
    expect(() => encodeTermModes({ [PTY_OP_END]: 1 })).toThrow(WireError);
    expect(() => encodeTermModes({ 160: 1 })).toThrow(/opcode 160 is not in 1..159/);
    expect(() => encodeTermModes(new Map([[1.5, 1]]))).toThrow(WireError);
    expect(() => encodeTermModes({ [PTY_ECHO]: -1 })).toThrow(/not a uint32/);
    expect(() => encodeTermModes({ [PTY_ECHO]: 2 ** 32 })).toThrow(WireError);
  });

  it('names VWERASE both ways', () => {
    expect(PTY_VWERASE).toBe(PTY_WERASE);
    expect(PTY_WERASE).toBe(13);
  });
});

describe('decodeTermModes', () => {
  it('round-trips any valid modes', () => {
    const modes = fc.dictionary(
      fc.integer({ min: 1, max: 159 }).map(String),
      fc.integer({ min: 0, max: 0xffffffff }),
    );
    fc.assert(
      fc.property(modes, (m) => {
        const numeric = Object.fromEntries(Object.entries(m).map(([k, v]) => [Number(k), v]));
        expect(decodeTermModes(encodeTermModes(numeric))).toEqual(numeric);
      }),
      { numRuns: 300 },
    );
  });

  it('reads what OpenSSH sends, including IUTF8 (42)', () => {
    const openssh = fromHex('0100000003 2a00000001 3500000001 8000009600 8100009600 00');
    expect(decodeTermModes(openssh)).toEqual({
      [PTY_VINTR]: 3,
      [PTY_IUTF8]: 1,
      [PTY_ECHO]: 1,
      [PTY_OP_ISPEED]: 38400,
      [PTY_OP_OSPEED]: 38400,
    });
  });

  it('tolerates an empty string and a missing PTY_OP_END', () => {
    expect(decodeTermModes(new Uint8Array(0))).toEqual({});
    expect(decodeTermModes(fromHex('3500000000'))).toEqual({ [PTY_ECHO]: 0 });
  });

  it('stops at PTY_OP_END and ignores what follows', () => {
    expect(decodeTermModes(fromHex('3500000001 00 ff ff 35'))).toEqual({ [PTY_ECHO]: 1 });
  });

  it('keeps the last value of a repeated opcode', () => {
    expect(decodeTermModes(fromHex('3500000001 3500000000 00'))).toEqual({ [PTY_ECHO]: 0 });
  });

  it('rejects a truncated argument, naming its offset', () => {
    expect(() => decodeTermModes(fromHex('3500000001 350000'))).toThrow(WireError);
    expect(() => decodeTermModes(fromHex('3500000001 350000'))).toThrow(
      /terminal modes at offset 5: opcode 53 needs a 4-byte argument, only 2 left/,
    );
  });

  it('rejects opcodes 160-255, or stops there when asked', () => {
    for (const op of [160, 200, 255]) {
      const bytes = Uint8Array.of(PTY_ECHO, 0, 0, 0, 1, op, 0, 0, 0, 0, 0);
      expect(() => decodeTermModes(bytes)).toThrow(/terminal modes at offset 5: opcode \d+ has no defined/);
      expect(decodeTermModes(bytes, { reserved: 'stop' })).toEqual({ [PTY_ECHO]: 1 });
    }
  });

  it('reads from a view into a larger buffer', () => {
    const whole = fromHex('ffff 3500000001 00 ffff');
    expect(decodeTermModes(whole.subarray(2, 8))).toEqual({ [PTY_ECHO]: 1 });
  });
});
