import { PacketReader, PacketWriter } from '@ssh/wire';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAttrs, encodeAttrs, SFTPAttrs } from './attrs.js';
import * as C from './constants.js';
import {
  decodeExtendedData,
  decodeUsersGroupsReply,
  encodeExtendedData,
  encodeUsersGroupsReply,
  type SFTPExtendedRequest,
} from './extensions.js';
import { SFTPPacketFramer } from './framer.js';
import { decodeLimits, encodeLimits, SFTPLimits } from './limits.js';
import { SFTPName } from './name.js';
import { decodeRequest, encodeRequest, type SFTPRequest } from './requests.js';
import { decodeResponse, encodeResponse, type SFTPResponse } from './responses.js';
import { decodeHello, encodeInit, encodeVersion } from './version.js';
import { decodeVfsAttrs, encodeVfsAttrs, SFTPVFSAttrs } from './vfs-attrs.js';

const RUNS = { numRuns: 300 };
const bytes = fc.uint8Array({ maxLength: 40 });
const u32 = fc.nat({ max: 0xffffffff });
const u53 = fc.nat({ max: Number.MAX_SAFE_INTEGER });
const version = fc.integer({ min: 3, max: 6 });
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });

/** Attributes holding only what `v` can carry, so they come back unchanged. */
function attrsFor(v: number): fc.Arbitrary<SFTPAttrs> {
  return fc
    .record({
      size: opt(u53),
      allocSize: opt(u53),
      ids: opt(fc.tuple(u32, u32)),
      names: opt(fc.tuple(fc.string(), fc.string())),
      permissions: opt(fc.nat({ max: 0o7777 })),
      times: opt(fc.tuple(u32, u32)),
      ns: fc.boolean(),
      crtime: opt(u32),
      ctime: opt(u32),
      acl: opt(bytes),
      bits: opt(fc.tuple(u32, u32)),
      textHint: opt(fc.nat({ max: 255 })),
      mimeType: opt(fc.string()),
      nlink: opt(u32),
      untrans: opt(bytes),
      extended: fc.array(fc.tuple(bytes, bytes), { maxLength: 3 }),
      type: fc.integer({ min: 1, max: v >= 5 ? 9 : 5 }),
    })
    .map((r) => {
      const a = new SFTPAttrs({ size: r.size, permissions: r.permissions, extended: r.extended });
      if (v === 3) {
        if (r.ids) [a.uid, a.gid] = r.ids;
        if (r.times) [a.atime, a.mtime] = r.times;
        if (r.permissions !== null) a.type = C.FILEXFER_TYPE_UNKNOWN;
        return a;
      }
      a.type = r.type;
      if (r.names) [a.owner, a.group] = r.names;
      if (r.times) {
        [a.atime, a.mtime] = r.times;
        if (r.ns) [a.atimeNs, a.mtimeNs] = [1, 999_999_999];
      }
      a.crtime = r.crtime;
      if (a.crtime !== null && r.ns) a.crtimeNs = 5;
      a.acl = r.acl;
      if (v >= 5 && r.bits) [a.attribBits, a.attribValid] = r.bits;
      if (v >= 6) {
        a.allocSize = r.allocSize;
        a.ctime = r.ctime;
        if (a.ctime !== null && r.ns) a.ctimeNs = 7;
        a.textHint = r.textHint;
        a.mimeType = r.mimeType;
        a.nlink = r.nlink;
        a.untransName = r.untrans;
      }
      return a;
    });
}

function normalize(a: SFTPAttrs): SFTPAttrs {
  // Subsecond times travel for every time once any is set.
  const n = new SFTPAttrs(a);
  const any = [n.atimeNs, n.crtimeNs, n.mtimeNs, n.ctimeNs].some((x) => x !== null);
  if (any) {
    if (n.atime !== null) n.atimeNs ??= 0;
    if (n.crtime !== null) n.crtimeNs ??= 0;
    if (n.mtime !== null) n.mtimeNs ??= 0;
    if (n.ctime !== null) n.ctimeNs ??= 0;
  }
  return n;
}

/** Strip the length word of an encoded packet, checking it. */
function body(packet: Uint8Array): Uint8Array {
  const len = new DataView(packet.buffer, packet.byteOffset).getUint32(0);
  expect(len).toBe(packet.length - 4);
  return packet.subarray(4);
}

describe('SFTP codec round trips (fast-check)', () => {
  it('attrs for each version', () => {
    fc.assert(
      fc.property(
        version.chain((v) => fc.tuple(fc.constant(v), attrsFor(v))),
        ([v, a]) => {
          const w = new PacketWriter();
          encodeAttrs(w, a, v);
          const r = new PacketReader(w.toBytes());
          const back = decodeAttrs(r, v);
          expect(r.atEnd).toBe(true);
          const want = normalize(a);
          if (v === 3 && a.permissions !== null) want.type = back.type;
          expect(back).toEqual(want);
        },
      ),
      RUNS,
    );
  });

  it('v3 derives the file type from the mode bits', () => {
    const w = new PacketWriter();
    encodeAttrs(w, new SFTPAttrs({ permissions: 0o40755 }), 3);
    const a = decodeAttrs(new PacketReader(w.toBytes()), 3);
    expect(a.type).toBe(C.FILEXFER_TYPE_DIRECTORY);
    expect(a.permissions).toBe(0o40755);
  });

  it('requests for each version', () => {
    const reqFor = (v: number): fc.Arbitrary<SFTPRequest> => {
      const id = u32;
      const list: fc.Arbitrary<SFTPRequest>[] = [
        fc.record({ kind: fc.constant('close' as const), id, handle: bytes }),
        fc.record({ kind: fc.constant('read' as const), id, handle: bytes, offset: u53, length: u32 }),
        fc.record({ kind: fc.constant('write' as const), id, handle: bytes, offset: u53, data: bytes }),
        fc.record({
          kind: fc.constantFrom('stat' as const, 'lstat' as const),
          id,
          path: bytes,
          flags: v >= 4 ? u32 : fc.constant(C.DEFAULT_STAT_FLAGS),
        }),
        fc.record({
          kind: fc.constant('fstat' as const),
          id,
          handle: bytes,
          flags: v >= 4 ? u32 : fc.constant(C.DEFAULT_STAT_FLAGS),
        }),
        fc.record({
          kind: fc.constant('setstat' as const),
          id,
          path: bytes,
          attrs: attrsFor(v).map(normalize),
        }),
        fc.record({
          kind: fc.constant('fsetstat' as const),
          id,
          handle: bytes,
          attrs: attrsFor(v).map(normalize),
        }),
        fc.record({
          kind: fc.constant('mkdir' as const),
          id,
          path: bytes,
          attrs: attrsFor(v).map(normalize),
        }),
        fc.record({ kind: fc.constant('opendir' as const), id, path: bytes }),
        fc.record({ kind: fc.constant('readdir' as const), id, handle: bytes }),
        fc.record({
          kind: fc.constantFrom('remove' as const, 'rmdir' as const, 'readlink' as const),
          id,
          path: bytes,
        }),
        fc.record({
          kind: fc.constant('rename' as const),
          id,
          oldpath: bytes,
          newpath: bytes,
          flags: v >= 5 ? u32 : fc.constant(0),
        }),
        fc.record({
          kind: fc.constant('extended' as const),
          id,
          request: fc.constantFrom('x@y', 'limits@openssh.com'),
          data: bytes,
        }),
      ];
      if (v >= 5) {
        list.push(
          fc.record({
            kind: fc.constant('open56' as const),
            id,
            filename: bytes,
            desiredAccess: u32,
            flags: u32,
            attrs: attrsFor(v).map(normalize),
          }),
        );
      } else {
        list.push(
          fc.record({
            kind: fc.constant('open' as const),
            id,
            filename: bytes,
            pflags: u32,
            attrs: attrsFor(v).map(normalize),
          }),
        );
      }
      if (v >= 6) {
        list.push(
          fc.record({
            kind: fc.constant('link' as const),
            id,
            newpath: bytes,
            oldpath: bytes,
            symlink: fc.boolean(),
          }),
          fc.record({
            kind: fc.constant('block' as const),
            id,
            handle: bytes,
            offset: u53,
            length: u53,
            lockMask: u32,
          }),
          fc.record({ kind: fc.constant('unblock' as const), id, handle: bytes, offset: u53, length: u53 }),
          fc.record({
            kind: fc.constant('realpath' as const),
            id,
            path: bytes,
            control: fc.integer({ min: 1, max: 3 }),
            composePaths: fc.array(bytes, { maxLength: 3 }),
          }),
        );
      } else {
        list.push(fc.record({ kind: fc.constant('symlink' as const), id, first: bytes, second: bytes }));
        list.push(fc.record({ kind: fc.constant('realpath' as const), id, path: bytes }));
      }
      return fc.oneof(...list);
    };
    fc.assert(
      fc.property(
        version.chain((v) => fc.tuple(fc.constant(v), reqFor(v))),
        ([v, req]) => {
          expect(decodeRequest(body(encodeRequest(req, v)), v)).toEqual(req);
        },
      ),
      RUNS,
    );
  });

  it('responses for each version', () => {
    const enc = new TextEncoder();
    const resFor = (v: number): fc.Arbitrary<SFTPResponse> => {
      const id = u32;
      const name = fc
        .tuple(bytes, attrsFor(v).map(normalize))
        .map(([f, a]) => new SFTPName(f, v === 3 ? enc.encode('long') : new Uint8Array(0), a));
      return fc.oneof(
        fc.record({
          kind: fc.constant('status' as const),
          id,
          code: fc.integer({ min: 0, max: 31 }).filter((c) => c !== C.FX_UNKNOWN_PRINCIPAL),
          message: fc.string(),
          lang: fc.constantFrom('en-US', ''),
        }),
        fc.record({ kind: fc.constant('handle' as const), id, handle: bytes }),
        v >= 6
          ? fc.record({ kind: fc.constant('data' as const), id, data: bytes, endOfFile: fc.boolean() })
          : fc.record({ kind: fc.constant('data' as const), id, data: bytes }),
        fc.record({ kind: fc.constant('name' as const), id, names: fc.array(name, { maxLength: 4 }) }),
        fc.record({ kind: fc.constant('attrs' as const), id, attrs: attrsFor(v).map(normalize) }),
        fc.record({ kind: fc.constant('extended-reply' as const), id, data: bytes }),
      );
    };
    fc.assert(
      fc.property(
        version.chain((v) => fc.tuple(fc.constant(v), resFor(v))),
        ([v, res]) => {
          expect(decodeResponse(body(encodeResponse(res, v)), v)).toEqual(res);
        },
      ),
      RUNS,
    );
  });

  it('unknown principal status carries the names (v5+)', () => {
    const res: SFTPResponse = {
      kind: 'status',
      id: 9,
      code: C.FX_UNKNOWN_PRINCIPAL,
      message: 'who',
      lang: 'en',
      unknownNames: ['alice', 'bob'],
    };
    expect(decodeResponse(body(encodeResponse(res, 5)), 5)).toEqual(res);
  });

  it('init and version with extensions', () => {
    const ext: [string, Uint8Array][] = [['limits@openssh.com', new TextEncoder().encode('1')]];
    expect(decodeHello(body(encodeInit(6)), 'init')).toEqual({ kind: 'init', version: 6, extensions: [] });
    expect(decodeHello(body(encodeVersion(3, ext)), 'version')).toEqual({
      kind: 'version',
      version: 3,
      extensions: ext,
    });
  });

  it('extended requests, limits, statvfs and users-groups replies', () => {
    const exts: SFTPExtendedRequest[] = [
      { name: 'posix-rename@openssh.com', oldpath: new Uint8Array([1]), newpath: new Uint8Array([2]) },
      { name: 'hardlink@openssh.com', oldpath: new Uint8Array([1]), newpath: new Uint8Array([2]) },
      { name: 'statvfs@openssh.com', path: new Uint8Array([47]) },
      { name: 'fstatvfs@openssh.com', handle: new Uint8Array([0]) },
      { name: 'fsync@openssh.com', handle: new Uint8Array([0]) },
      {
        name: 'lsetstat@openssh.com',
        path: new Uint8Array([47]),
        attrs: new SFTPAttrs({ permissions: 0o644 }),
      },
      { name: 'limits@openssh.com' },
      { name: 'expand-path@openssh.com', path: new Uint8Array([126]) },
      {
        name: 'copy-data',
        readHandle: new Uint8Array([1]),
        readOffset: 5,
        readLength: 0,
        writeHandle: new Uint8Array([2]),
        writeOffset: 7,
      },
      { name: 'home-directory', username: new Uint8Array([114]) },
      { name: 'users-groups-by-id@openssh.com', uids: [0, 1000], gids: [0] },
    ];
    for (const e of exts) {
      for (const v of [3, 6]) {
        const back = decodeExtendedData(e.name, encodeExtendedData(e, v), v);
        if (e.name === 'lsetstat@openssh.com' && back?.name === 'lsetstat@openssh.com') {
          expect(back.attrs.permissions).toBe(0o644);
        } else {
          expect(back).toEqual(e);
        }
      }
    }
    expect(decodeExtendedData('nope@example.com', new Uint8Array(0), 3)).toBeNull();
    expect(decodeUsersGroupsReply(encodeUsersGroupsReply(['root', 'ü'], ['wheel']))).toEqual([
      ['root', 'ü'],
      ['wheel'],
    ]);
    const l = new SFTPLimits({
      maxPacketLen: 262144,
      maxReadLen: 261120,
      maxWriteLen: 261120,
      maxOpenHandles: 9,
    });
    const w = new PacketWriter();
    encodeLimits(w, l);
    expect(decodeLimits(new PacketReader(w.toBytes()))).toEqual(l);
    const vfs = new SFTPVFSAttrs({ bsize: 4096, frsize: 4096, blocks: 10, namemax: 255, flags: 1 });
    const w2 = new PacketWriter();
    encodeVfsAttrs(w2, vfs);
    expect(decodeVfsAttrs(new PacketReader(w2.toBytes()))).toEqual(vfs);
  });

  it('the framer splits any chunking of a packet stream the same way', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 50 }), { maxLength: 8 }),
        fc.array(fc.nat({ max: 60 })),
        (packets, cuts) => {
          const stream: number[] = [];
          for (const p of packets) stream.push(0, 0, p.length >> 8, p.length & 0xff, ...p);
          const all = Uint8Array.from(stream);
          const framer = new SFTPPacketFramer(1000);
          const out: Uint8Array[] = [];
          let at = 0;
          for (const c of cuts) {
            out.push(...framer.push(all.subarray(at, at + c)));
            at = Math.min(all.length, at + c);
          }
          out.push(...framer.push(all.subarray(at)));
          expect(out).toEqual(packets);
          expect(framer.buffered).toBe(0);
        },
      ),
      RUNS,
    );
  });
});
