import { PacketReader } from '@ssh/wire';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAttrs } from './attrs.js';
import * as C from './constants.js';
import {
  SFTPBadMessage,
  SFTPError,
  SFTPNoSuchFile,
  SFTPUnknownPrincipal,
  sftpErrorFromCode,
} from './errors.js';
import { decodeExtendedData, decodeUsersGroupsReply, EXTENSION_VERSIONS } from './extensions.js';
import { SFTPPacketFramer } from './framer.js';
import { decodeRequest, encodeRequest } from './requests.js';
import { decodeResponse, statusError } from './responses.js';
import { decodeHello } from './version.js';

const RUNS = { numRuns: 800 };

/** Pass when `fn` returns or throws an SFTPError; anything else fails. */
function onlySftpError(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof SFTPError)) throw new Error(`threw ${String(e)} instead of an SFTPError`);
  }
}

describe('random and truncated bytes only ever raise SFTPError', () => {
  it('decoders over random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.integer({ min: 3, max: 6 }), (b, v) => {
        onlySftpError(() => decodeRequest(b, v));
        onlySftpError(() => decodeResponse(b, v));
        onlySftpError(() => decodeHello(b, 'init'));
        onlySftpError(() => decodeHello(b, 'version'));
        onlySftpError(() => decodeUsersGroupsReply(b));
        for (const name of Object.keys(EXTENSION_VERSIONS))
          onlySftpError(() => decodeExtendedData(name, b, v));
      }),
      RUNS,
    );
  });

  it('decoders over random bytes behind a valid type byte', () => {
    const types = [
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 101, 102, 103, 104,
      105, 200, 201,
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...types),
        fc.uint8Array({ maxLength: 120 }),
        fc.integer({ min: 3, max: 6 }),
        (t, b, v) => {
          const p = Uint8Array.from([t, ...b]);
          onlySftpError(() => decodeRequest(p, v));
          onlySftpError(() => decodeResponse(p, v));
        },
      ),
      RUNS,
    );
  });

  it('every truncation of a valid packet is a bad message', () => {
    const pkt = encodeRequest(
      { kind: 'write', id: 7, handle: new Uint8Array([1, 2]), offset: 10, data: new Uint8Array(20) },
      3,
    ).subarray(4);
    for (let n = 0; n < pkt.length; n++) {
      expect(() => decodeRequest(pkt.subarray(0, n), 3)).toThrow(SFTPBadMessage);
    }
    expect(decodeRequest(pkt, 3).kind).toBe('write');
  });

  it('attrs with flags the version lacks, huge counts and bad owner text', () => {
    expect(() => decodeAttrs(new PacketReader(Uint8Array.from([0, 0, 0x80, 0]), 0), 3)).toThrow(
      SFTPBadMessage,
    );
    expect(() => decodeResponse(Uint8Array.from([104, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff]), 3)).toThrow(
      SFTPBadMessage,
    );
    const badOwner = Uint8Array.from([105, 0, 0, 0, 1, 0, 0, 0, 0x80, 1, 0, 0, 0, 1, 0xff, 0, 0, 0, 0]);
    expect(() => decodeResponse(badOwner, 4)).toThrow(SFTPError);
  });

  it('the framer refuses empty and oversized packets', () => {
    expect(() => new SFTPPacketFramer(100).push(Uint8Array.from([0, 0, 0, 0]))).toThrow(SFTPBadMessage);
    expect(() => new SFTPPacketFramer(100).push(Uint8Array.from([0, 0, 1, 0]))).toThrow(/above the limit/);
  });

  it('unknown request types carry their id', () => {
    expect(() => decodeRequest(Uint8Array.from([99, 0, 0, 0, 5]), 3)).toThrow(/unsupported request type 99/);
    expect(() =>
      encodeRequest(
        { kind: 'link', id: 1, newpath: new Uint8Array(), oldpath: new Uint8Array(), symlink: true },
        3,
      ),
    ).toThrow(SFTPError);
  });

  it('status codes map to the typed errors', () => {
    expect(sftpErrorFromCode(C.FX_NO_SUCH_FILE, 'gone')).toBeInstanceOf(SFTPNoSuchFile);
    const e = statusError({ kind: 'status', id: 1, code: 16, message: 'x', lang: '', unknownNames: ['u'] });
    expect(e).toBeInstanceOf(SFTPUnknownPrincipal);
    expect((e as SFTPUnknownPrincipal).unknownNames).toEqual(['u']);
    expect(sftpErrorFromCode(99, 'odd').code).toBe(99);
    expect(new SFTPNoSuchFile('x').name).toBe('SFTPNoSuchFile');
  });
});
