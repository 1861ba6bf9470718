import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makePeerWorkdir, missingPeer, type PeerWorkdir, peerHost } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SFTPServeOptions, SFTPServer, serveSftpOrScp, servesSession } from '../src/node.js';
import { runOpenSshTool } from './server-openssh-tools.js';
import { startOurServer } from './server-peer.js';

type Server = Awaited<ReturnType<typeof startOurServer>>;

/** A server whose sessions go to SFTP/SCP per `options`, else print 'plain session' and exit 3. */
function serve(options: SFTPServeOptions): Promise<Server> {
  return startOurServer({
    encoding: null,
    processFactory: async (p) => {
      if (await serveSftpOrScp(p, options)) return;
      p.stdout.write(new TextEncoder().encode('plain session\n'));
      p.exit(3);
    },
  });
}

const skip =
  peerHost('debian12')?.has('/usr/bin/sftp') && peerHost('debian12')?.has('/usr/bin/scp')
    ? false
    : missingPeer('OpenSSH sftp and scp', 'apt-get install openssh-client').skip;

describe.skipIf(skip)('sftpFactory, sftpVersion and allowScp with OpenSSH sftp and scp', () => {
  let root: string;
  let plain: Server;
  let jailed: Server;
  let client: PeerWorkdir;
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'sftp-factory-'));
    client = makePeerWorkdir(peerHost('debian12') as NonNullable<ReturnType<typeof peerHost>>, 'factory');
    plain = await serve({ sftpFactory: true });
    jailed = await serve({
      sftpFactory: (channel) => new SFTPServer(channel, root),
      sftpVersion: 6,
      allowScp: true,
    });
  });
  afterAll(() => {
    plain?.close();
    jailed?.close();
    client?.remove();
    rmSync(root, { recursive: true, force: true });
  });

  it('decides which sessions SFTP and SCP take', () => {
    const on = { sftpFactory: true as const, allowScp: true };
    expect(servesSession({ subsystem: 'sftp', command: null }, on)).toBe(true);
    expect(servesSession({ subsystem: null, command: 'scp -t /x' }, on)).toBe(true);
    expect(servesSession({ subsystem: null, command: 'scp -t /x' }, { sftpFactory: true })).toBe(false);
    expect(servesSession({ subsystem: 'sftp', command: null }, { allowScp: true })).toBe(false);
    expect(servesSession({ subsystem: null, command: 'ls' }, on)).toBe(false);
  });

  it('sftpFactory: true serves the local disk; scp without allowScp goes to the process factory', async () => {
    writeFileSync(client.file('p.txt').local, 'plain');
    const up = await runOpenSshTool(
      'debian12',
      'sftp',
      plain,
      ['-b', '-', '127.0.0.1'],
      [`put ${client.file('p.txt').peer} ${path.join(root, 'p.txt')}`, ''].join('\n'),
    );
    expect(up.code).toBe(0);
    expect(readFileSync(path.join(root, 'p.txt'), 'utf8')).toBe('plain');
    const scp = await runOpenSshTool('debian12', 'scp', plain, [
      '-O',
      client.file('p.txt').peer,
      '127.0.0.1:/tmp/x',
    ]);
    expect(scp.code).not.toBe(0);
    const other = await runOpenSshTool('debian12', 'ssh', plain, ['127.0.0.1', 'ls']);
    expect(other.stdout).toBe('plain session\n');
    expect(other.code).toBe(3);
  });

  it('a factory with a chroot serves SFTP (version 6 offered) and SCP in it', async () => {
    writeFileSync(client.file('j.txt').local, 'jailed');
    const scp = await runOpenSshTool('debian12', 'scp', jailed, [
      '-O',
      client.file('j.txt').peer,
      '127.0.0.1:/j.txt',
    ]);
    expect(scp.code).toBe(0);
    expect(readFileSync(path.join(root, 'j.txt'), 'utf8')).toBe('jailed');
    const r = await runOpenSshTool('debian12', 'sftp', jailed, ['-b', '-', '127.0.0.1'], 'pwd\nls /\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Remote working directory: /\n');
    expect(r.stdout).toContain('/j.txt');
  });
});
