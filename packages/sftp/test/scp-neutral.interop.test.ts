import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { openSession, type SSHConnection } from '@ssh/channels';
import {
  makePeerWorkdir,
  missingPeer,
  type PeerWorkdir,
  peerHost,
  type RunningServer,
  startOpenSshd,
} from '@ssh/testing';
import { sftpLogger } from '@ssh/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ScpFile,
  type ScpFileSystem,
  ScpSink,
  ScpSource,
  type ScpStat,
  scpStreamOf,
} from '../src/index.js';
import { connectTo } from './server-peer.js';

/** A file system held in memory: what a browser or worker could give SCP. */
class MemoryFs implements ScpFileSystem {
  readonly files = new Map<string, { data: Uint8Array; mode: number; mtime: number }>();
  async stat(path: string): Promise<ScpStat> {
    if (path === '/mem') return { type: 'directory', size: 0, permissions: 0o755, atime: 0, mtime: 0 };
    const f = this.files.get(path);
    if (!f) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
    return { type: 'file', size: f.data.length, permissions: f.mode, atime: f.mtime, mtime: f.mtime };
  }
  async exists(path: string): Promise<boolean> {
    return path === '/mem' || this.files.has(path);
  }
  async listdir(): Promise<string[]> {
    return [...this.files.keys()].map((k) => k.slice('/mem/'.length));
  }
  async mkdir(): Promise<void> {}
  async open(path: string, mode: 'r' | 'w', permissions = 0o644): Promise<ScpFile> {
    if (mode === 'w') this.files.set(path, { data: new Uint8Array(0), mode: permissions, mtime: 0 });
    const entry = this.files.get(path);
    if (!entry) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
    return {
      read: async (size, offset) => entry.data.subarray(offset, offset + size),
      write: async (data, offset) => {
        const grown = new Uint8Array(Math.max(entry.data.length, offset + data.length));
        grown.set(entry.data);
        grown.set(data, offset);
        entry.data = grown;
      },
      close: async () => {},
    };
  }
  async setstat(path: string, attrs: { permissions?: number; mtime?: number }): Promise<void> {
    const f = this.files.get(path);
    if (f && attrs.permissions !== undefined) f.mode = attrs.permissions;
    if (f && attrs.mtime !== undefined) f.mtime = attrs.mtime;
  }
}

const host = peerHost('debian12');
const skip = host?.has('/usr/sbin/sshd')
  ? false
  : missingPeer('OpenSSH sshd', 'apt-get install openssh-server').skip;

describe.skipIf(skip)('ScpSource and ScpSink over any file system, against sshd', () => {
  let server: RunningServer;
  let conn: SSHConnection;
  let remote: PeerWorkdir;
  beforeAll(async () => {
    server = await startOpenSshd();
    conn = await connectTo(server);
    remote = makePeerWorkdir(host as NonNullable<typeof host>, 'scp-mem');
  });
  afterAll(async () => {
    conn?.close();
    await server?.stop();
    remote?.remove();
  });

  const remoteScp = async (command: string) => {
    const [stdin, stdout] = await openSession(conn, { command, encoding: null });
    return scpStreamOf(stdout, stdin, true);
  };

  it('sends from memory with ScpSource and receives into memory with ScpSink', async () => {
    const fs = new MemoryFs();
    fs.files.set('/mem/hello.txt', {
      data: new TextEncoder().encode('hello from memory'),
      mode: 0o600,
      mtime: 1_000_000_000,
    });
    await new ScpSource(fs, await remoteScp(`scp -t -p ${remote.peer}`), sftpLogger, { preserve: true }).run(
      '/mem/hello.txt',
    );
    expect(readFileSync(remote.file('hello.txt').local, 'utf8')).toBe('hello from memory');
    expect(statSync(remote.file('hello.txt').local).mode & 0o777).toBe(0o600);

    writeFileSync(remote.file('back.txt').local, 'back to memory');
    const into = new MemoryFs();
    await new ScpSink(into, await remoteScp(`scp -f ${remote.file('back.txt').peer}`), sftpLogger, false).run(
      '/mem',
    );
    expect(new TextDecoder().decode(into.files.get('/mem/back.txt')?.data)).toBe('back to memory');
  });
});
