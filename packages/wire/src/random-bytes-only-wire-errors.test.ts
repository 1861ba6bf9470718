import { decodeTermModes, PacketReader, WireError } from '@ssh/wire';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const RUNS = { numRuns: 1000 };

type Step = (r: PacketReader, n: number) => unknown;

/** Every reader method, called on whatever bytes are there. */
const STEPS: readonly Step[] = [
  (r) => r.readByte(),
  (r) => r.readBoolean(),
  (r) => r.readUint32(),
  (r) => r.readUint64(),
  (r) => r.readUint64Number(),
  (r) => r.readString(),
  (r) => r.readUtf8(),
  (r) => r.readName(),
  (r) => r.readNameList(),
  (r) => r.readMpint(),
  (r) => r.readPositiveMpint(),
  (r) => r.readMpintBytes(),
  (r, n) => r.readBytes(n),
  (r, n) => r.skip(n),
  (r) => r.readRemaining(),
  (r) => r.expectEnd(),
];

/** Run `fn`; pass if it returns or throws a WireError, fail on any other throw. */
function onlyWireError(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof WireError)) throw new Error(`threw ${String(e)} instead of a WireError`);
    expect(e.message).toContain(e.field);
  }
}

describe('random bytes never make a reader throw anything but WireError', () => {
  it('any sequence of reader methods over random bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 96 }),
        fc.array(
          fc.tuple(fc.nat(STEPS.length - 1), fc.oneof(fc.integer({ min: -8, max: 100 }), fc.double())),
          { maxLength: 12 },
        ),
        (bytes, steps) => {
          const r = new PacketReader(bytes);
          for (const [i, n] of steps) onlyWireError(() => (STEPS[i] as Step)(r, n));
          expect(r.position).toBeGreaterThanOrEqual(0);
          expect(r.position).toBeLessThanOrEqual(bytes.length);
        },
      ),
      RUNS,
    );
  });

  it('random bytes whose strings are in range, to reach the content checks', () => {
    // A length prefix that fits what follows, so readName/readMpint/readUtf8 see real content.
    const framed = fc
      .uint8Array({ maxLength: 40 })
      .map((body) => Uint8Array.from([0, 0, 0, body.length, ...body]));
    fc.assert(
      fc.property(framed, fc.nat(STEPS.length - 1), (bytes, i) => {
        onlyWireError(() => (STEPS[i] as Step)(new PacketReader(bytes), 1));
      }),
      RUNS,
    );
  });

  it('reader ranges outside the buffer', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 16 }),
        fc.integer({ min: -4, max: 24 }),
        fc.double(),
        (b, s, e) => {
          onlyWireError(() => new PacketReader(b, s, e));
          onlyWireError(() => new PacketReader(b, s));
        },
      ),
      RUNS,
    );
  });

  it('decodeTermModes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (bytes, stop) => {
        onlyWireError(() => decodeTermModes(bytes, { reserved: stop ? 'stop' : 'reject' }));
      }),
      RUNS,
    );
  });
});
