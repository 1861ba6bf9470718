import { ProtocolError, ProtocolNotSupported } from '@ssh/wire';
import { describe, expect, it } from 'vitest';
import { formatIdentification, parseIdentification, VersionReader } from './version.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('identification strings (RFC 4253 §4.2)', () => {
  it('parses the software version and comments', () => {
    const id = parseIdentification('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3');
    expect(id).toMatchObject({
      protoVersion: '2.0',
      softwareVersion: 'OpenSSH_9.2p1',
      comments: 'Debian-2+deb12u3',
    });
    expect(parseIdentification('SSH-1.99-old').protoVersion).toBe('1.99');
  });

  it('formats ours with CR LF and refuses bad software versions', () => {
    expect(formatIdentification('ssh_0.1', 'test')).toBe('SSH-2.0-ssh_0.1 test\r\n');
    expect(() => formatIdentification('has space')).toThrow(TypeError);
    expect(() => formatIdentification('a-b')).toThrow(TypeError);
  });

  it('rejects SSH-1 peers with ProtocolNotSupported', () => {
    expect(() => parseIdentification('SSH-1.5-ancient')).toThrow(ProtocolNotSupported);
  });

  it('reads banner lines from a server, split across chunks, and keeps the bytes after', () => {
    const r = new VersionReader(true);
    expect(r.push(bytes('Welcome\r\nto the host\nSS'))).toBeUndefined();
    const res = r.push(bytes('H-2.0-Test_1\r\n\x00\x00\x01'));
    expect(res?.banner).toEqual(['Welcome', 'to the host']);
    expect(res?.identification.softwareVersion).toBe('Test_1');
    expect([...(res?.rest ?? [])]).toEqual([0, 0, 1]);
  });

  it('accepts a bare LF line ending', () => {
    expect(new VersionReader(true).push(bytes('SSH-2.0-x\n'))?.identification.line).toBe('SSH-2.0-x');
  });

  it('refuses a client that sends anything but its identification', () => {
    expect(() => new VersionReader(false).push(bytes('GET / HTTP/1.1\r\n'))).toThrow(/not an SSH client/);
  });

  it('refuses an identification line over 255 bytes', () => {
    const long = `SSH-2.0-${'x'.repeat(260)}`;
    expect(() => new VersionReader(true).push(bytes(long))).toThrow(ProtocolError);
    expect(() => new VersionReader(true).push(bytes(`${long}\r\n`))).toThrow(/longer than 255/);
  });

  it('gives up on a server that never identifies itself', () => {
    const r = new VersionReader(true);
    const line = bytes(`${'y'.repeat(1000)}\r\n`);
    expect(() => {
      for (let i = 0; i < 100; i++) r.push(line);
    }).toThrow(/not an SSH server/);
  });

  it('refuses control characters in the identification', () => {
    expect(() => parseIdentification('SSH-2.0-a\x01b')).toThrow(ProtocolError);
  });
});
