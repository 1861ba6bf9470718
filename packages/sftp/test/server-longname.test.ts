import { describe, expect, it } from 'vitest';
import { SFTPAttrs } from '../src/codec/attrs.js';
import * as C from '../src/codec/constants.js';
import { dateString, longnameOf, modeString } from '../src/fs/longname.js';
import { chrootMap, chrootReverse, normalizePosix } from '../src/fs/paths.js';

describe('SFTP server long names', () => {
  it('formats ls -l lines', () => {
    const now = Date.UTC(2026, 10, 25, 12, 0, 0) / 1000;
    const attrs = new SFTPAttrs({
      type: C.FILEXFER_TYPE_REGULAR,
      permissions: 0o100644,
      size: 1234,
      nlink: 2,
      mtime: now - 3600,
    });
    const line = longnameOf('file.txt', attrs, 'alice', 'staff');
    expect(line).toMatch(/^-rw-r--r-- {3}2 alice {4}staff {8}1234 Nov 25 \d\d:\d\d file\.txt$/);
    expect(modeString(new SFTPAttrs({ type: C.FILEXFER_TYPE_DIRECTORY, permissions: 0o41777 }))).toBe(
      'drwxrwxrwt',
    );
    expect(modeString(new SFTPAttrs({ type: C.FILEXFER_TYPE_REGULAR, permissions: 0o6644 }))).toBe(
      '-rwSr-Sr--',
    );
    expect(dateString(1_000_000_000, now)).toMatch(/^Sep {2}\d {2}2001$/);
  });
});

describe('SFTP server chroot paths', () => {
  it('keeps client paths under the root', () => {
    expect(normalizePosix('/a/../../b/./c//d')).toBe('/b/c/d');
    expect(normalizePosix('../x')).toBe('../x');
    expect(chrootMap('/srv/root', '../../etc/passwd')).toBe('/srv/root/etc/passwd');
    expect(chrootMap('/srv/root', '/')).toBe('/srv/root');
    expect(chrootMap('/srv/root/', '.')).toBe('/srv/root');
    expect(chrootReverse('/srv/root', '/srv/root/a/b')).toBe('/a/b');
    expect(chrootReverse('/srv/root', '/srv/root')).toBe('/');
    expect(chrootReverse('/srv/root', '/srv/rootless/a')).toBeNull();
    expect(chrootReverse('/srv/root', '/etc')).toBeNull();
  });
});
