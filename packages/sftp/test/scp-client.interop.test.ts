import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SSHConnection } from '@ssh/channels';
import {
  GENERATIONS,
  makePeerWorkdir,
  missingPeer,
  type PeerWorkdir,
  peerHost,
  type RunningServer,
  startOpenSshd,
} from '@ssh/testing';
import { ValueError } from '@ssh/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SFTPError, SFTPNoSuchFile } from '../src/codec/errors.js';
import { scp } from '../src/node.js';
import { connectTo, sha256File } from './server-peer.js';

const MiB = 1024 * 1024;

for (const generation of GENERATIONS) {
  const host = peerHost(generation);
  const skip =
    host?.has('/usr/sbin/sshd') && host.has('/usr/bin/scp')
      ? false
      : missingPeer(`OpenSSH sshd and scp (${generation})`, 'apt-get install openssh-server; pnpm peers')
          .skip;

  describe.skipIf(skip)(`scp() against OpenSSH sshd and its scp (${generation})`, () => {
    let server: RunningServer;
    let conn: SSHConnection;
    let conn2: SSHConnection;
    let remote: PeerWorkdir;
    let local: PeerWorkdir;

    beforeAll(async () => {
      server = await startOpenSshd({ generation });
      conn = await connectTo(server);
      conn2 = await connectTo(server);
      remote = makePeerWorkdir(host as NonNullable<typeof host>, 'scp-remote');
      local = makePeerWorkdir(peerHost('debian12') as NonNullable<typeof host>, 'scp-local');
    });
    afterAll(async () => {
      conn?.close();
      conn2?.close();
      await server?.stop();
      remote?.remove();
      local?.remove();
    });

    /** A path as the remote sees it, and the same file on this machine. */
    const r = (name: string) => remote.file(name);
    const l = (name: string) => path.join(local.local, name);

    it('copies a 5 MiB file up and back down, byte for byte, with progress reports', async () => {
      writeFileSync(l('big.bin'), randomBytes(5 * MiB + 123));
      const progress: [string, number, number][] = [];
      await scp(l('big.bin'), [conn, r('big.bin').peer], {
        progressHandler: (src, _dst, copied, total) => progress.push([src, copied, total]),
      });
      expect(sha256File(r('big.bin').local)).toBe(sha256File(l('big.bin')));
      expect(progress.at(-1)).toEqual([l('big.bin'), 5 * MiB + 123, 5 * MiB + 123]);
      expect(progress.length).toBe(Math.ceil((5 * MiB + 123) / 262144));

      await scp([conn, r('big.bin').peer], l('big-back.bin'), { blockSize: 65536 });
      expect(sha256File(l('big-back.bin'))).toBe(sha256File(l('big.bin')));
    });

    it('copies into an existing directory under the source name', async () => {
      mkdirSync(r('into').local);
      writeFileSync(l('small.txt'), 'hello\n');
      await scp(l('small.txt'), [conn, r('into').peer]);
      expect(readFileSync(r('into/small.txt').local, 'utf8')).toBe('hello\n');
    });

    it('recurse copies a directory tree both ways', async () => {
      mkdirSync(l('tree/sub/deeper'), { recursive: true });
      writeFileSync(l('tree/a.txt'), 'a');
      writeFileSync(l('tree/sub/b.bin'), randomBytes(300_000));
      writeFileSync(l('tree/sub/deeper/c.txt'), '');
      await scp(l('tree'), [conn, r('tree-up').peer], { recurse: true });
      expect(readFileSync(r('tree-up/a.txt').local, 'utf8')).toBe('a');
      expect(sha256File(r('tree-up/sub/b.bin').local)).toBe(sha256File(l('tree/sub/b.bin')));
      expect(readFileSync(r('tree-up/sub/deeper/c.txt').local).length).toBe(0);

      await scp([conn, r('tree-up').peer], l('tree-down'), { recurse: true });
      expect(sha256File(l('tree-down/sub/b.bin'))).toBe(sha256File(l('tree/sub/b.bin')));
      expect(existsSync(l('tree-down/sub/deeper/c.txt'))).toBe(true);
    });

    it('a directory without recurse is an error', async () => {
      await expect(scp(l('tree'), [conn, r('norec').peer])).rejects.toBeInstanceOf(SFTPError);
    });

    it('preserve copies modes and times both ways', async () => {
      writeFileSync(l('old.txt'), 'old');
      chmodSync(l('old.txt'), 0o640);
      utimesSync(l('old.txt'), 1_000_000_000, 1_100_000_000);
      await scp(l('old.txt'), [conn, r('old.txt').peer], { preserve: true });
      const up = statSync(r('old.txt').local);
      expect(up.mode & 0o7777).toBe(0o640);
      expect(Math.floor(up.mtimeMs / 1000)).toBe(1_100_000_000);
      expect(Math.floor(up.atimeMs / 1000)).toBe(1_000_000_000);

      chmodSync(r('old.txt').local, 0o604);
      utimesSync(r('old.txt').local, 1_200_000_000, 1_300_000_000);
      await scp([conn, r('old.txt').peer], l('old-back.txt'), { preserve: true });
      const down = statSync(l('old-back.txt'));
      expect(down.mode & 0o7777).toBe(0o604);
      expect(Math.floor(down.mtimeMs / 1000)).toBe(1_300_000_000);
    });

    it('remote wildcards are expanded by the remote shell', async () => {
      mkdirSync(r('wild').local);
      for (const n of ['x1.txt', 'x2.txt', 'y.dat']) writeFileSync(r(`wild/${n}`).local, n);
      mkdirSync(l('wild-down'));
      await scp([conn, `${r('wild').peer}/x?.txt`], l('wild-down'));
      expect(readFileSync(l('wild-down/x1.txt'), 'utf8')).toBe('x1.txt');
      expect(readFileSync(l('wild-down/x2.txt'), 'utf8')).toBe('x2.txt');
      expect(existsSync(l('wild-down/y.dat'))).toBe(false);
    });

    it('local wildcards and several sources go into a directory created for them', async () => {
      mkdirSync(l('many'));
      for (const n of ['m1.log', 'm2.log', 'other.txt']) writeFileSync(l(`many/${n}`), n);
      mkdirSync(r('many-up').local);
      await scp([l('many/*.log'), l('many/other.txt')], [conn, r('many-up').peer]);
      expect(readFileSync(r('many-up/m1.log').local, 'utf8')).toBe('m1.log');
      expect(readFileSync(r('many-up/m2.log').local, 'utf8')).toBe('m2.log');
      expect(readFileSync(r('many-up/other.txt').local, 'utf8')).toBe('other.txt');

      await scp(
        [
          [conn, r('many-up/m1.log').peer],
          [conn, r('many-up/m2.log').peer],
        ],
        l('many-down'),
      );
      expect(readFileSync(l('many-down/m2.log'), 'utf8')).toBe('m2.log');
    });

    it('a missing remote file throws SFTPNoSuchFile', async () => {
      const err = await scp([conn, r('nothing-here').peer], l('nothing')).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SFTPNoSuchFile);
      expect((err as SFTPError).reason).toContain('nothing-here');
      expect(existsSync(l('nothing'))).toBe(false);
    });

    it('a missing local file throws SFTPNoSuchFile', async () => {
      await expect(scp(l('not-here.txt'), [conn, r('x').peer])).rejects.toBeInstanceOf(SFTPNoSuchFile);
    });

    it('errorHandler gets each error and the copy goes on', async () => {
      writeFileSync(r('present.txt').local, 'present');
      const errors: SFTPError[] = [];
      await scp(
        [
          [conn, r('absent.txt').peer],
          [conn, r('present.txt').peer],
        ],
        l('handled'),
        {
          errorHandler: (e) => errors.push(e),
        },
      );
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(SFTPNoSuchFile);
      expect(readFileSync(l('handled/present.txt'), 'utf8')).toBe('present');
    });

    it('a remote destination that cannot be written is reported', async () => {
      writeFileSync(l('to-nowhere.txt'), 'x');
      await expect(scp(l('to-nowhere.txt'), [conn, r('no/such/dir/file.txt').peer])).rejects.toBeInstanceOf(
        SFTPNoSuchFile,
      );
    });

    it('copies remote to remote between two connections', async () => {
      writeFileSync(r('r2r.bin').local, randomBytes(3 * MiB));
      mkdirSync(r('r2r-dst').local);
      await scp([conn, r('r2r.bin').peer], [conn2, r('r2r-dst').peer]);
      expect(sha256File(r('r2r-dst/r2r.bin').local)).toBe(sha256File(r('r2r.bin').local));
      await scp([conn, r('tree-up').peer], [conn2, r('tree-r2r').peer], { recurse: true, preserve: true });
      expect(sha256File(r('tree-r2r/sub/b.bin').local)).toBe(sha256File(l('tree/sub/b.bin')));
    });

    it("'host:path' and [host, path] open connections through the connect option and close them", async () => {
      writeFileSync(r('hosted.txt').local, 'hosted');
      const opened: [string, number | undefined][] = [];
      let closed = 0;
      const connect = async (h: string, port: number | undefined) => {
        opened.push([h, port]);
        const connection = await connectTo(server);
        return {
          connection,
          close: () => {
            closed++;
            connection.close();
          },
        };
      };
      await scp(`127.0.0.1:${r('hosted.txt').peer}`, l('hosted-1.txt'), { connect });
      await scp([['127.0.0.1', server.port], r('hosted.txt').peer], l('hosted-2.txt'), { connect });
      await scp(l('hosted-1.txt'), ['127.0.0.1', r('hosted-up.txt').peer], { connect });
      expect(readFileSync(l('hosted-1.txt'), 'utf8')).toBe('hosted');
      expect(readFileSync(l('hosted-2.txt'), 'utf8')).toBe('hosted');
      expect(readFileSync(r('hosted-up.txt').local, 'utf8')).toBe('hosted');
      expect(opened).toEqual([
        ['127.0.0.1', undefined],
        ['127.0.0.1', server.port],
        ['127.0.0.1', undefined],
      ]);
      expect(closed).toBe(3);
      await expect(scp([['127.0.0.1', 22], 'x'], l('y'))).rejects.toBeInstanceOf(ValueError);
    });

    it('local to local is refused with ValueError', async () => {
      await expect(scp(l('small.txt'), l('copy.txt'))).rejects.toBeInstanceOf(ValueError);
    });
  });
}
