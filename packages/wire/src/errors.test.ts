import * as wire from '@ssh/wire';
import { describe, expect, it } from 'vitest';

const CASES: ReadonlyArray<readonly [new (reason: string) => wire.DisconnectError, number]> = [
  [wire.CompressionError, 6],
  [wire.ConnectionLost, 10],
  [wire.HostKeyNotVerifiable, 9],
  [wire.IllegalUserName, 15],
  [wire.KeyExchangeFailed, 3],
  [wire.MACError, 5],
  [wire.PermissionDenied, 14],
  [wire.ProtocolError, 2],
  [wire.ProtocolNotSupported, 2],
  [wire.ServiceNotAvailable, 7],
];

describe('disconnect errors', () => {
  it('each subclass carries its code, reason, lang and name', () => {
    for (const [Cls, code] of CASES) {
      const e = new Cls('why');
      expect(e).toBeInstanceOf(wire.DisconnectError);
      expect(e).toBeInstanceOf(Error);
      expect(e.code).toBe(code);
      expect(e.reason).toBe('why');
      expect(e.message).toBe('why');
      expect(e.lang).toBe('en-US');
      expect(e.name).toBe(Cls.name);
    }
  });

  it('the 15 DISC_ codes of RFC 4253 §11.1', () => {
    const disc = Object.entries(wire).filter(([k]) => k.startsWith('DISC_'));
    expect(disc.map(([, v]) => v).sort((a, b) => (a as number) - (b as number))).toEqual(
      Array.from({ length: 15 }, (_, i) => i + 1),
    );
  });

  it('a received code maps to its subclass, keeping reason and lang', () => {
    for (const [Cls, code] of CASES) {
      if (Cls === wire.ProtocolNotSupported) continue;
      const e = wire.disconnectErrorFromCode(code, 'peer said so', 'de');
      expect(e).toBeInstanceOf(Cls);
      expect(e.lang).toBe('de');
      expect(e.reason).toBe('peer said so');
    }
    expect(wire.disconnectErrorFromCode(wire.DISC_BY_APPLICATION, 'bye').code).toBe(11);
  });

  it('WireError is a ProtocolError naming its field and offset', () => {
    const e = new wire.WireError('cookie', 6, 'is short');
    expect(e).toBeInstanceOf(wire.ProtocolError);
    expect(e.message).toBe('cookie at offset 6: is short');
    expect(new wire.WireError('uint32', -1, 'bad').message).toBe('uint32: bad');
  });

  it('ValueError is a plain Error named ValueError', () => {
    const e = new wire.ValueError('nope');
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(wire.DisconnectError);
    expect(e.name).toBe('ValueError');
  });
});
