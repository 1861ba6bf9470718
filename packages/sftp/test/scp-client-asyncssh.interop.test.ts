import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SSHConnection } from '@ssh/channels';
import {
  GENERATIONS,
  hasAsyncSsh,
  makePeerWorkdir,
  missingPeer,
  type PeerWorkdir,
  peerHost,
  type RunningServer,
  startAsyncSshServer,
} from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SFTPNoSuchFile } from '../src/codec/errors.js';
import { scp } from '../src/node.js';
import { connectTo, sha256File } from './server-peer.js';

for (const generation of GENERATIONS) {
  const skip = hasAsyncSsh(generation)
    ? false
    : missingPeer(`AsyncSSH (${generation})`, 'apt-get install python3-asyncssh; pnpm peers').skip;

  describe.skipIf(skip)(`scp() against AsyncSSH's SCP server (${generation})`, () => {
    let server: RunningServer;
    let conn: SSHConnection;
    let remote: PeerWorkdir;
    let local: PeerWorkdir;
    beforeAll(async () => {
      server = await startAsyncSshServer({ generation });
      conn = await connectTo(server);
      remote = makePeerWorkdir(
        peerHost(generation) as NonNullable<ReturnType<typeof peerHost>>,
        'scp-a-remote',
      );
      local = makePeerWorkdir(
        peerHost('debian12') as NonNullable<ReturnType<typeof peerHost>>,
        'scp-a-local',
      );
    });
    afterAll(async () => {
      conn?.close();
      await server?.stop();
      remote?.remove();
      local?.remove();
    });
    const r = (name: string) => remote.file(name);
    const l = (name: string) => path.join(local.local, name);

    it('copies a file both ways, byte for byte', async () => {
      writeFileSync(l('a.bin'), randomBytes(2 * 1024 * 1024 + 1));
      await scp(l('a.bin'), [conn, r('a.bin').peer]);
      expect(sha256File(r('a.bin').local)).toBe(sha256File(l('a.bin')));
      await scp([conn, r('a.bin').peer], l('a-back.bin'));
      expect(sha256File(l('a-back.bin'))).toBe(sha256File(l('a.bin')));
    });

    it('recurse and preserve copy a tree with its modes and times', async () => {
      mkdirSync(l('t/sub'), { recursive: true });
      writeFileSync(l('t/sub/x.txt'), 'x');
      chmodSync(l('t/sub/x.txt'), 0o640);
      utimesSync(l('t/sub/x.txt'), 1_000_000_000, 1_100_000_000);
      await scp(l('t'), [conn, r('t-up').peer], { recurse: true, preserve: true });
      const st = statSync(r('t-up/sub/x.txt').local);
      expect(st.mode & 0o777).toBe(0o640);
      expect(Math.floor(st.mtimeMs / 1000)).toBe(1_100_000_000);
      await scp([conn, r('t-up').peer], l('t-down'), { recurse: true, preserve: true });
      expect(readFileSync(l('t-down/sub/x.txt'), 'utf8')).toBe('x');
      expect(Math.floor(statSync(l('t-down/sub/x.txt')).mtimeMs / 1000)).toBe(1_100_000_000);
    });

    it('a missing remote file is SFTPNoSuchFile', async () => {
      await expect(scp([conn, r('nope').peer], l('nope'))).rejects.toBeInstanceOf(SFTPNoSuchFile);
    });
  });
}
