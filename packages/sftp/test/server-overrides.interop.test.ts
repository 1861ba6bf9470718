import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SSHServerChannel } from '@ssh/channels';
import { makePeerWorkdir, missingPeer, peerHost } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SFTPAttrs } from '../src/codec/attrs.js';
import type { SFTPName } from '../src/codec/name.js';
import { runSftpServer, type SFTPFileObject } from '../src/index.js';
import { SFTPServer } from '../src/node.js';
import { driveAsyncSshSftp } from './server-asyncssh-driver.js';
import { runOpenSshTool } from './server-openssh-tools.js';
import { startOurServer } from './server-peer.js';

type Server = Awaited<ReturnType<typeof startOurServer>>;

const calls = new Set<string>();
const seen: { env?: string; chroot?: string | null; user?: unknown; hasConnection?: boolean } = {};

/** Every overridable method of SFTPServer, recording that a real client made it run. */
class AuditServer extends SFTPServer {
  constructor(channel: SSHServerChannel, root: string) {
    super(channel, root);
    seen.chroot = this.chroot;
    seen.hasConnection = this.connection === this.channel.connection;
    this.logger.info('audit server for %s', this.channel.getExtraInfo('username', 'someone'));
  }
  private note(name: string): void {
    calls.add(name);
  }
  override formatUser(uid: number | null) {
    this.note('formatUser');
    return uid === null ? '' : `user${uid}`;
  }
  override formatGroup(gid: number | null) {
    this.note('formatGroup');
    return gid === null ? '' : `group${gid}`;
  }
  override formatLongname(name: SFTPName<Uint8Array>) {
    this.note('formatLongname');
    return super.formatLongname(name);
  }
  override mapPath(p: Uint8Array) {
    this.note('mapPath');
    return super.mapPath(p);
  }
  override reverseMapPath(p: Uint8Array) {
    this.note('reverseMapPath');
    return super.reverseMapPath(p);
  }
  override open(p: Uint8Array, pflags: number, attrs: SFTPAttrs) {
    this.note('open');
    return super.open(p, pflags, attrs);
  }
  override open56(p: Uint8Array, access: number, flags: number, attrs: SFTPAttrs) {
    this.note('open56');
    return super.open56(p, access, flags, attrs);
  }
  override close(file: SFTPFileObject) {
    this.note('close');
    return super.close(file);
  }
  override read(file: SFTPFileObject, offset: number, size: number) {
    this.note('read');
    return super.read(file, offset, size);
  }
  override write(file: SFTPFileObject, offset: number, data: Uint8Array) {
    this.note('write');
    return super.write(file, offset, data);
  }
  override rename(a: Uint8Array, b: Uint8Array) {
    this.note('rename');
    return super.rename(a, b);
  }
  override posixRename(a: Uint8Array, b: Uint8Array) {
    this.note('posixRename');
    return super.posixRename(a, b);
  }
  override remove(p: Uint8Array) {
    this.note('remove');
    return super.remove(p);
  }
  override readlink(p: Uint8Array) {
    this.note('readlink');
    return super.readlink(p);
  }
  override symlink(a: Uint8Array, b: Uint8Array) {
    this.note('symlink');
    return super.symlink(a, b);
  }
  override link(a: Uint8Array, b: Uint8Array) {
    this.note('link');
    return super.link(a, b);
  }
  override realpath(p: Uint8Array) {
    this.note('realpath');
    return super.realpath(p);
  }
  override stat(p: Uint8Array) {
    this.note('stat');
    return super.stat(p);
  }
  override lstat(p: Uint8Array) {
    this.note('lstat');
    return super.lstat(p);
  }
  override fstat(file: SFTPFileObject) {
    this.note('fstat');
    return super.fstat(file);
  }
  override setstat(p: Uint8Array, attrs: SFTPAttrs) {
    this.note('setstat');
    return super.setstat(p, attrs);
  }
  override lsetstat(p: Uint8Array, attrs: SFTPAttrs) {
    this.note('lsetstat');
    return super.lsetstat(p, attrs);
  }
  override fsetstat(file: SFTPFileObject, attrs: SFTPAttrs) {
    this.note('fsetstat');
    return super.fsetstat(file, attrs);
  }
  override statvfs(p: Uint8Array) {
    this.note('statvfs');
    return super.statvfs(p);
  }
  override fstatvfs(file: SFTPFileObject) {
    this.note('fstatvfs');
    return super.fstatvfs(file);
  }
  override lock(file: SFTPFileObject, offset: number, length: number, flags: number) {
    this.note('lock');
    return super.lock(file, offset, length, flags);
  }
  override unlock(file: SFTPFileObject, offset: number, length: number) {
    this.note('unlock');
    return super.unlock(file, offset, length);
  }
  override fsync(file: SFTPFileObject) {
    this.note('fsync');
    return super.fsync(file);
  }
  override mkdir(p: Uint8Array, attrs: SFTPAttrs) {
    this.note('mkdir');
    return super.mkdir(p, attrs);
  }
  override rmdir(p: Uint8Array) {
    this.note('rmdir');
    return super.rmdir(p);
  }
  override scandir(p: Uint8Array) {
    this.note('scandir');
    return super.scandir(p);
  }
  override exit() {
    this.note('exit');
    seen.env ??= this.env.AUDIT;
  }
}

const skip =
  peerHost('debian12')?.has('/usr/bin/sftp') && peerHost('debian13')?.has('/usr/bin/python3')
    ? false
    : missingPeer('OpenSSH sftp and AsyncSSH (Debian 13)', 'apt-get install openssh-client; pnpm peers').skip;

describe.skipIf(skip)('an SFTPServer subclass driven by OpenSSH sftp and AsyncSSH', () => {
  let server: Server;
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'sftp-audit-'));
    server = await startOurServer({
      encoding: null,
      processFactory: (p) => runSftpServer(p, new AuditServer(p.channel, root), { sftpVersion: 6 }),
    });
  });
  afterAll(() => {
    server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('every overridable method runs, and its results reach the clients', async () => {
    const client = makePeerWorkdir(peerHost('debian12') as NonNullable<ReturnType<typeof peerHost>>, 'audit');
    try {
      writeFileSync(client.file('f.txt').local, 'audit me');
      const r = await runOpenSshTool(
        'debian12',
        'sftp',
        server,
        ['-o', 'SetEnv=AUDIT=yes', '-b', '-', '127.0.0.1'],
        [
          'mkdir d',
          `put -f -p ${client.file('f.txt').peer} d/f.txt`,
          'ls -l d',
          'ls d',
          'rename d/f.txt d/g.txt',
          'ln -s g.txt d/s',
          'ln d/g.txt d/h',
          'chmod 600 d/g.txt',
          'df d',
          `get d/g.txt ${client.file('back.txt').peer}`,
          'rm d/h',
          'rm d/s',
          'rm d/g.txt',
          'rmdir d',
          '',
        ].join('\n'),
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(readFileSync(client.file('back.txt').local, 'utf8')).toBe('audit me');
      // OpenSSH's sftp prints the names our formatUser and formatGroup gave (users-groups-by-id).
      expect(r.stdout).toMatch(/user\d+ +group\d+ .*f\.txt/);
    } finally {
      client.remove();
    }
    const [v3, v6] = await driveAsyncSshSftp('debian13', server, [3, 6]);
    expect(v3?.error).toBeUndefined();
    expect(v6?.error).toBeUndefined();
    expect(v6?.lock).toBe('SFTPOpUnsupported');
    expect([...calls].sort()).toEqual(
      [
        'close',
        'exit',
        'formatGroup',
        'formatLongname',
        'formatUser',
        'fsetstat',
        'fstat',
        'fstatvfs',
        'fsync',
        'link',
        'lock',
        'lsetstat',
        'lstat',
        'mapPath',
        'mkdir',
        'open',
        'open56',
        'posixRename',
        'read',
        'readlink',
        'realpath',
        'remove',
        'rename',
        'reverseMapPath',
        'rmdir',
        'scandir',
        'setstat',
        'stat',
        'statvfs',
        'symlink',
        'unlock',
        'write',
      ].sort(),
    );
    expect(seen).toMatchObject({ env: 'yes', chroot: root, hasConnection: true });
  });
});
