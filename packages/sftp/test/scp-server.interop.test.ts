import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GENERATIONS, makePeerWorkdir, missingPeer, type PeerWorkdir, peerHost } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isScpCommand, runScpServer } from '../src/index.js';
import { LocalScpFileSystem } from '../src/node.js';
import { runOpenSshTool } from './server-openssh-tools.js';
import { sha256File, startOurServer } from './server-peer.js';

const MiB = 1024 * 1024;
type Server = Awaited<ReturnType<typeof startOurServer>>;

let server: Server;
let served: PeerWorkdir;

beforeAll(async () => {
  served = makePeerWorkdir(peerHost('debian12') as NonNullable<ReturnType<typeof peerHost>>, 'scp-served');
  server = await startOurServer({
    encoding: null,
    processFactory: (p) =>
      isScpCommand(p.command) ? runScpServer(p, new LocalScpFileSystem()) : p.exit(127),
  });
});
afterAll(() => {
  server?.close();
  served?.remove();
});

for (const generation of GENERATIONS) {
  const host = peerHost(generation);
  const skip = host?.has('/usr/bin/scp')
    ? false
    : missingPeer(`OpenSSH scp (${generation})`, 'apt-get install openssh-client; pnpm peers').skip;

  describe.skipIf(skip)(`OpenSSH scp -O (${generation}) against our SCP server`, () => {
    let client: PeerWorkdir;
    beforeAll(() => {
      client = makePeerWorkdir(host as NonNullable<typeof host>, 'scp-client');
      mkdirSync(path.join(served.local, generation));
    });
    afterAll(() => client?.remove());

    const s = (name: string) => path.join(served.local, generation, name);
    const c = (name: string) => client.file(name);
    const scp = (...args: string[]) => runOpenSshTool(generation, 'scp', server, ['-O', ...args]);
    const remote = (name: string) => `127.0.0.1:${s(name)}`;

    it('uploads and downloads a 4 MiB file, byte for byte', async () => {
      writeFileSync(c('up.bin').local, randomBytes(4 * MiB + 7));
      const up = await scp(c('up.bin').peer, remote('up.bin'));
      expect(up.stderr).toBe('');
      expect(up.code).toBe(0);
      expect(sha256File(s('up.bin'))).toBe(sha256File(c('up.bin').local));

      const down = await scp(remote('up.bin'), c('down.bin').peer);
      expect(down.code).toBe(0);
      expect(sha256File(c('down.bin').local)).toBe(sha256File(c('up.bin').local));
    });

    it('-r copies directory trees both ways', async () => {
      mkdirSync(c('tree/sub').local, { recursive: true });
      writeFileSync(c('tree/a.txt').local, 'a');
      writeFileSync(c('tree/sub/b.bin').local, randomBytes(100_000));
      expect((await scp('-r', c('tree').peer, remote('tree-up'))).code).toBe(0);
      expect(readFileSync(s('tree-up/a.txt'), 'utf8')).toBe('a');
      expect(sha256File(s('tree-up/sub/b.bin'))).toBe(sha256File(c('tree/sub/b.bin').local));

      expect((await scp('-r', remote('tree-up'), c('tree-down').peer)).code).toBe(0);
      expect(sha256File(c('tree-down/sub/b.bin').local)).toBe(sha256File(c('tree/sub/b.bin').local));
    });

    it('-p keeps modes and times both ways', async () => {
      writeFileSync(c('p.txt').local, 'p');
      chmodSync(c('p.txt').local, 0o600);
      utimesSync(c('p.txt').local, 1_000_000_000, 1_111_111_111);
      expect((await scp('-p', c('p.txt').peer, remote('p.txt'))).code).toBe(0);
      const st = statSync(s('p.txt'));
      expect(st.mode & 0o777).toBe(0o600);
      expect(Math.floor(st.mtimeMs / 1000)).toBe(1_111_111_111);

      utimesSync(s('p.txt'), 1_222_222_222, 1_333_333_333);
      chmodSync(s('p.txt'), 0o640);
      expect((await scp('-p', remote('p.txt'), c('p-down.txt').peer)).code).toBe(0);
      const back = statSync(c('p-down.txt').local);
      expect(back.mode & 0o777).toBe(0o640);
      expect(Math.floor(back.mtimeMs / 1000)).toBe(1_333_333_333);
      expect(Math.floor(back.atimeMs / 1000)).toBe(1_222_222_222);
    });

    it('expands wildcards of a download itself', async () => {
      for (const n of ['w1.txt', 'w2.txt', 'w.dat']) writeFileSync(s(n), n);
      mkdirSync(c('wild').local);
      expect((await scp(remote('w?.txt'), c('wild').peer)).code).toBe(0);
      expect(readFileSync(c('wild/w1.txt').local, 'utf8')).toBe('w1.txt');
      expect(readFileSync(c('wild/w2.txt').local, 'utf8')).toBe('w2.txt');
      expect(existsSync(c('wild/w.dat').local)).toBe(false);
    });

    it('several sources go into a directory (scp -d -t), which must exist', async () => {
      writeFileSync(c('m1.txt').local, 'm1');
      writeFileSync(c('m2.txt').local, 'm2');
      mkdirSync(s('multi'));
      const ok = await scp(c('m1.txt').peer, c('m2.txt').peer, remote('multi'));
      expect(ok.code).toBe(0);
      expect(readFileSync(s('multi/m1.txt'), 'utf8')).toBe('m1');
      expect(readFileSync(s('multi/m2.txt'), 'utf8')).toBe('m2');
      const bad = await scp(c('m1.txt').peer, c('m2.txt').peer, remote('not-a-dir'));
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('Not a directory');
    });

    it('a missing file gives scp an error and status 1', async () => {
      const r = await scp(remote('absent.txt'), c('absent.txt').peer);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('No such file or directory');
      expect(existsSync(c('absent.txt').local)).toBe(false);
    });

    it('an upload into a missing directory fails with status 1', async () => {
      writeFileSync(c('lost.txt').local, 'x');
      const r = await scp(c('lost.txt').peer, remote('no/such/dir/lost.txt'));
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('No such file or directory');
    });
  });
}
