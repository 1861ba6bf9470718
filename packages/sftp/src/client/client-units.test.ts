import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ValueError } from '@ssh/wire';
import { describe, expect, it } from 'vitest';
import * as C from '../codec/constants.js';
import { type CopyEndpoint, isZeroBlock, transferSizes } from './copy.js';
import { componentRegExp } from './glob.js';
import { parseOpenMode, pflagsToV5 } from './open-mode.js';
import { basenameBytes, dirnameBytes, joinBytes, lit, PathCodec } from './paths.js';

const txt = (b: Uint8Array) => new TextDecoder().decode(b);

describe('client helpers', () => {
  it('open modes map to pflags; bad modes are a ValueError', () => {
    expect(parseOpenMode('r')).toEqual({ pflags: C.FXF_READ, binary: false });
    expect(parseOpenMode('wb').pflags).toBe(C.FXF_WRITE | C.FXF_CREAT | C.FXF_TRUNC);
    expect(parseOpenMode('a+').pflags).toBe(C.FXF_READ | C.FXF_WRITE | C.FXF_CREAT | C.FXF_APPEND);
    expect(parseOpenMode('x+b')).toEqual({
      pflags: C.FXF_READ | C.FXF_WRITE | C.FXF_CREAT | C.FXF_EXCL,
      binary: true,
    });
    for (const bad of ['', 'q', 'rr', 'r++', 'rt']) expect(() => parseOpenMode(bad)).toThrow(ValueError);
  });

  it('v3 pflags become v5 access and dispositions', () => {
    expect(pflagsToV5(C.FXF_READ)).toEqual({
      desiredAccess: C.ACE4_READ_DATA | C.ACE4_READ_ATTRIBUTES,
      flags: C.FXF_OPEN_EXISTING,
    });
    expect(pflagsToV5(C.FXF_WRITE | C.FXF_CREAT | C.FXF_EXCL).flags).toBe(C.FXF_CREATE_NEW);
    expect(pflagsToV5(C.FXF_WRITE | C.FXF_CREAT | C.FXF_TRUNC).flags).toBe(C.FXF_CREATE_TRUNCATE);
    expect(pflagsToV5(C.FXF_WRITE | C.FXF_CREAT).flags).toBe(C.FXF_OPEN_OR_CREATE);
    expect(pflagsToV5(C.FXF_WRITE | C.FXF_TRUNC).flags).toBe(C.FXF_TRUNCATE_EXISTING);
    const ap = pflagsToV5(C.FXF_WRITE | C.FXF_APPEND);
    expect(ap.flags & C.FXF_APPEND_DATA).toBeTruthy();
    expect(ap.desiredAccess & C.ACE4_APPEND_DATA).toBeTruthy();
  });

  it('glob components', () => {
    expect(componentRegExp(lit('*.t?t')).test('a.txt')).toBe(true);
    expect(componentRegExp(lit('[!a]b')).test('ab')).toBe(false);
    expect(componentRegExp(lit('[!a]b')).test('cb')).toBe(true);
    expect(componentRegExp(lit('a.(b)')).test('a.(b)')).toBe(true);
    expect(componentRegExp(lit('[')).test('[')).toBe(true);
  });

  it('byte paths and the path codec', () => {
    expect(txt(joinBytes(lit('/a'), lit('b'), lit('/c'), lit('d')))).toBe('/c/d');
    expect(txt(basenameBytes(lit('/a/b/')))).toBe('b');
    expect(txt(dirnameBytes(lit('/a/b')))).toBe('/a');
    expect(txt(dirnameBytes(lit('/a')))).toBe('/');
    expect(txt(dirnameBytes(lit('a')))).toBe('');
    const strict = new PathCodec('utf-8', 'strict');
    expect(() => strict.decode(Uint8Array.of(0xff))).toThrow();
    expect(new PathCodec('utf-8', 'replace').decode(Uint8Array.of(0xff))).toBe('\ufffd');
    expect(() => new PathCodec(null, 'strict').encode('x')).toThrow(TypeError);
  });

  it("transfer sizes follow AsyncSSH's defaults", () => {
    const ep = (r: number, w: number) => ({ maxReadLen: r, maxWriteLen: w }) as CopyEndpoint;
    expect(transferSizes(ep(261120, 261120), ep(0, 0), {})).toEqual([261120, 16]);
    expect(transferSizes(ep(16384, 16384), ep(0, 0), {})).toEqual([16384, 128]);
    expect(transferSizes(ep(0, 0), ep(0, 0), { blockSize: 65536 })).toEqual([65536, 64]);
    expect(transferSizes(ep(0, 0), ep(0, 0), { maxRequests: 3 })).toEqual([16384, 3]);
    expect(C.DEFAULT_STAT_FLAGS).toBe(2147484157);
  });

  it('zero blocks', () => {
    expect(isZeroBlock(new Uint8Array(100))).toBe(true);
    const b = new Uint8Array(100);
    b[99] = 1;
    expect(isZeroBlock(b)).toBe(false);
    expect(isZeroBlock(b.subarray(3, 50))).toBe(true);
  });

  it('the codec and the client (but its .node files) import no node: modules', () => {
    const dirs = [path.join(import.meta.dirname, '../codec'), import.meta.dirname];
    for (const dir of dirs) {
      for (const f of readdirSync(dir)) {
        if (!f.endsWith('.ts') || f.endsWith('.test.ts') || f.includes('.node.')) continue;
        expect(readFileSync(path.join(dir, f), 'utf8'), f).not.toMatch(/from ['"]node:/);
      }
    }
  });
});
