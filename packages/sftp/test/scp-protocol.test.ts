import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sftpLogger } from '@ssh/wire';
import { describe, expect, it } from 'vitest';
import { SFTPBadMessage, SFTPConnectionLost } from '../src/codec/errors.js';
import { isScpCommand, parseScpCommand, ScpCommandError } from '../src/index.js';
import { LocalScpFileSystem } from '../src/node.js';
import { formatCopyRecord, formatError, isSafeName, parseRecord } from '../src/scp/protocol.js';
import { ScpSink } from '../src/scp/sink.js';
import { ScpSource } from '../src/scp/source.js';
import type { ScpByteStream } from '../src/scp/stream.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('SCP records', () => {
  it('parses C, D, E, T and error records', () => {
    expect(parseRecord(bytes('C0644 12345 file name.txt'))).toEqual({
      kind: 'C',
      mode: 0o644,
      size: 12345,
      name: 'file name.txt',
    });
    expect(parseRecord(bytes('D0755 0 dir'))).toMatchObject({ kind: 'D', mode: 0o755 });
    expect(parseRecord(bytes('E'))).toEqual({ kind: 'E' });
    expect(parseRecord(bytes('T1100000000 0 1000000000 0'))).toEqual({
      kind: 'T',
      mtime: 1_100_000_000,
      atime: 1_000_000_000,
    });
    expect(parseRecord(Uint8Array.of(2, ...bytes('scp: broken')))).toEqual({
      kind: 'error',
      fatal: true,
      message: 'scp: broken',
    });
  });

  it('formats records as OpenSSH expects', () => {
    expect(new TextDecoder().decode(formatCopyRecord('C', 0o100644, 5, 'a'))).toBe('C0644 5 a\n');
    expect(formatError('x\ny', false)).toEqual(Uint8Array.of(1, ...bytes('x y\n')));
  });

  it('rejects malformed records with a clear error', () => {
    for (const bad of [
      'C0644 abc name',
      'C0644 12',
      'C9999 1 x',
      'D0755 0',
      'E extra',
      'T1 2',
      'X',
      'C0644 99999999999999999999 x',
    ]) {
      expect(() => parseRecord(bytes(bad)), bad).toThrow(/malformed|unknown|out of range/);
    }
  });

  it('refuses names that would leave the target directory', () => {
    for (const bad of ['', '.', '..', 'a/b', '../x', '/etc/passwd']) expect(isSafeName(bad)).toBe(false);
    expect(isSafeName('.hidden')).toBe(true);
    expect(isSafeName('a b')).toBe(true);
  });

  it('a sink refuses a peer that names a file outside the target, and writes nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'scp-sink-'));
    try {
      const out: Uint8Array[] = [];
      const stream = fakeStream(['C0644 4 ../evil\n', 'evil'], out);
      const sink = new ScpSink(new LocalScpFileSystem(), stream, sftpLogger, false);
      await expect(sink.run(dir)).rejects.toBeInstanceOf(SFTPBadMessage);
      expect(existsSync(path.join(dir, '..', 'evil'))).toBe(false);
      const reply = Buffer.concat(out).toString('latin1');
      expect(reply.startsWith('\0\x02scp: Invalid file name')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SCP ends broken by the peer', () => {
  it('an unknown record stops a sink with SFTPBadMessage and a fatal status', async () => {
    const out: Uint8Array[] = [];
    const sink = new ScpSink(new LocalScpFileSystem(), fakeStream(['Qgarbage\n'], out), sftpLogger, false);
    await expect(sink.run(tmpdir())).rejects.toBeInstanceOf(SFTPBadMessage);
    const sent = Buffer.concat(out).toString('latin1');
    expect(sent.slice(0, 2)).toBe('\u0000\u0002');
    expect(sent.slice(2)).toMatch(/^scp: unknown SCP record/);
  });

  it('a status byte that is not 0, 1 or 2 stops a source', async () => {
    const out: Uint8Array[] = [];
    const source = new ScpSource(new LocalScpFileSystem(), fakeStream(['Xnonsense\n'], out), sftpLogger);
    await expect(source.run('/etc/hostname')).rejects.toBeInstanceOf(SFTPBadMessage);
    expect(out).toHaveLength(0);
  });

  it('a peer that hangs up mid-file is SFTPConnectionLost', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'scp-cut-'));
    try {
      const sink = new ScpSink(
        new LocalScpFileSystem(),
        fakeStream(['C0644 100 cut.txt\n', 'short'], []),
        sftpLogger,
        false,
      );
      await expect(sink.run(dir)).rejects.toBeInstanceOf(SFTPConnectionLost);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** An in-memory peer that sends `chunks` and records what we write. */
function fakeStream(chunks: string[], out: Uint8Array[]): ScpByteStream {
  let buf = Buffer.from(chunks.join(''), 'latin1');
  return {
    read: async (n) => {
      const head = buf.subarray(0, n);
      buf = buf.subarray(head.length);
      return new Uint8Array(head);
    },
    readline: async () => {
      const i = buf.indexOf(10);
      const head = buf.subarray(0, i < 0 ? buf.length : i + 1);
      buf = buf.subarray(head.length);
      return new Uint8Array(head);
    },
    write: (d) => {
      out.push(d);
    },
    drain: async () => undefined,
    close: async () => undefined,
  };
}

describe('scp server command lines', () => {
  it('parses flags, combined flags, -- and quoting', () => {
    expect(parseScpCommand('scp -v -r -p -d -t -- /tmp/x')).toEqual({
      source: false,
      mustBeDir: true,
      preserve: true,
      recurse: true,
      paths: ['/tmp/x'],
    });
    expect(parseScpCommand(`scp -prf 'a b' "c\\"d" e\\ f`)).toMatchObject({
      source: true,
      paths: ['a b', 'c"d', 'e f'],
    });
  });

  it('recognises scp server commands only', () => {
    expect(isScpCommand('scp -t .')).toBe(true);
    expect(isScpCommand('scp -pf x')).toBe(true);
    expect(isScpCommand('ls -t')).toBe(false);
    expect(isScpCommand('scp a b')).toBe(false);
    expect(isScpCommand(null)).toBe(false);
    expect(isScpCommand("scp -t 'unterminated")).toBe(false);
  });

  it('refuses bad command lines with ScpCommandError', () => {
    for (const bad of [
      'ls -f x',
      'scp -t',
      'scp -f -t x',
      'scp -x -t x',
      'scp -t a b',
      "scp -t 'x",
      'scp x',
    ]) {
      expect(() => parseScpCommand(bad), bad).toThrow(ScpCommandError);
    }
  });
});
