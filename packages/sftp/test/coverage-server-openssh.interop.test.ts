// OpenSSH's sftp (run over /usr/bin/ssh) against an SFTPServer subclass: each overridden method's
// effect is visible in what sftp prints or in the files it leaves behind.
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SSHServerChannel } from '@ssh/channels';
import { makePeerWorkdir, missingPeer, type PeerWorkdir, peerHost } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SFTPAttrs } from '../src/codec/attrs.js';
import type { SFTPName } from '../src/codec/name.js';
import { runSftpServer, type SFTPFileObject } from '../src/index.js';
import { SFTPServer } from '../src/node.js';
import { runOpenSshTool } from './server-openssh-tools.js';
import { startOurServer } from './server-peer.js';

/** The ssh program sftp runs for its connection (`sftp -S`). */
const SSH_PROGRAM = '/usr/bin/ssh';

const calls = new Map<string, number>();
const chroots: (string | null)[] = [];
const note = (name: string) => calls.set(name, (calls.get(name) ?? 0) + 1);

/** Names every file's owner 'alice' and group 'staff', and counts the calls a real client causes. */
class NamingServer extends SFTPServer {
  constructor(channel: SSHServerChannel, root: string) {
    super(channel, root);
    chroots.push(this.chroot);
  }
  override formatUser(uid: number | null) {
    note('formatUser');
    return uid === null ? '' : 'alice';
  }
  override formatGroup(gid: number | null) {
    note('formatGroup');
    return gid === null ? '' : 'staff';
  }
  override formatLongname(name: SFTPName<Uint8Array>) {
    note('formatLongname');
    return super.formatLongname(name);
  }
  override mapPath(p: Uint8Array) {
    note('mapPath');
    return super.mapPath(p);
  }
  override reverseMapPath(p: Uint8Array) {
    note('reverseMapPath');
    return super.reverseMapPath(p);
  }
  override lstat(p: Uint8Array) {
    note('lstat');
    return super.lstat(p);
  }
  override fsetstat(file: SFTPFileObject, attrs: SFTPAttrs) {
    note('fsetstat');
    return super.fsetstat(file, attrs);
  }
  override scandir(p: Uint8Array) {
    note('scandir');
    return super.scandir(p);
  }
}

const host = peerHost('debian12');
const skip =
  host?.has('/usr/bin/sftp') && host.has(SSH_PROGRAM)
    ? false
    : missingPeer('OpenSSH sftp and ssh (Debian 12)', 'apt-get install openssh-client; pnpm peers').skip;

describe.skipIf(skip)('OpenSSH sftp against an SFTPServer subclass with a chroot', () => {
  let server: Awaited<ReturnType<typeof startOurServer>>;
  let root: string;
  let client: PeerWorkdir;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'sftp-cov-'));
    client = makePeerWorkdir(host as NonNullable<typeof host>, 'sftp-cov');
    server = await startOurServer({
      encoding: null,
      processFactory: (p) => runSftpServer(p, new NamingServer(p.channel, root)),
    });
  });
  afterAll(() => {
    server?.close();
    client?.remove();
    rmSync(root, { recursive: true, force: true });
  });

  const batch = (lines: string[]) =>
    runOpenSshTool(
      'debian12',
      'sftp',
      server,
      ['-S', SSH_PROGRAM, '-b', '-', '127.0.0.1'],
      `${lines.join('\n')}\n`,
    );

  it('chroot, mapPath and reverseMapPath: the client sees / and its files land in the root', async () => {
    writeFileSync(client.file('a.txt').local, 'mapped');
    calls.clear();
    const r = await batch(['pwd', 'mkdir /d', `put ${client.file('a.txt').peer} /d/a.txt`]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Remote working directory: \/\n/);
    expect(readFileSync(path.join(root, 'd', 'a.txt'), 'utf8')).toBe('mapped');
    expect(chroots).toContain(root);
    expect(calls.get('mapPath')).toBeGreaterThan(0);
    expect(calls.get('reverseMapPath')).toBeGreaterThan(0);
  });

  it('formatUser and formatGroup name the owner and group in ls -l', async () => {
    calls.clear();
    const r = await batch(['ls -l /d']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^-\S+ +\S+ alice +staff +6 .*\/d\/a\.txt$/m);
    expect(calls.get('formatUser')).toBeGreaterThan(0);
    expect(calls.get('formatGroup')).toBeGreaterThan(0);
  });

  it('scandir lists a directory; lstat shows a dangling symlink as a link', async () => {
    calls.clear();
    const r = await batch(['ln -s nowhere /d/s', 'ls /d', 'ls -l /d/s']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/a\.txt/);
    expect(r.stdout).toMatch(/^l\S+ .* \/d\/s$/m);
    expect(calls.get('scandir')).toBeGreaterThan(0);
    expect(calls.get('lstat')).toBeGreaterThan(0);
  });

  it('fsetstat: put -p keeps the file time through the open handle', async () => {
    writeFileSync(client.file('p.txt').local, 'preserved');
    utimesSync(client.file('p.txt').local, 1_500_000, 1_600_000);
    calls.clear();
    const r = await batch([`put -p ${client.file('p.txt').peer} /d/p.txt`]);
    expect(r.code).toBe(0);
    const st = statSync(path.join(root, 'd', 'p.txt'));
    expect(st.mtimeMs).toBe(1_600_000_000);
    expect(calls.get('fsetstat')).toBeGreaterThan(0);
  });
});
