import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SSHConnection } from '@ssh/channels';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SFTPNoSuchFile } from '../src/codec/errors.js';
import { runSftpServer, startSftpClient } from '../src/index.js';
import { nodeLocalFs, SFTPServer } from '../src/node.js';
import { connectToOurs, sha256File, startOurServer } from './server-peer.js';

type Server = Awaited<ReturnType<typeof startOurServer>>;

describe('our SFTP client against our SFTP server', () => {
  let server: Server;
  let conn: SSHConnection;
  let root: string;
  let local: string;
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'sftp-ours-root-'));
    local = mkdtempSync(path.join(tmpdir(), 'sftp-ours-local-'));
    server = await startOurServer({
      encoding: null,
      processFactory: (p) => runSftpServer(p, new SFTPServer(p.channel, root), { sftpVersion: 6 }),
    });
    conn = await connectToOurs(server);
  });
  afterAll(() => {
    conn?.close();
    server?.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(local, { recursive: true, force: true });
  });

  for (const version of [3, 6]) {
    it(`put, get, list, rename and remove on SFTP v${version}`, async () => {
      const sftp = await startSftpClient(conn, { sftpVersion: version, localFs: nodeLocalFs });
      const dir = `/v${version}`;
      await sftp.mkdir(dir);
      writeFileSync(path.join(local, 'big.bin'), randomBytes(3 * 1024 * 1024 + 17));
      await sftp.put(path.join(local, 'big.bin'), `${dir}/big.bin`);
      expect(sha256File(path.join(root, `v${version}/big.bin`))).toBe(
        sha256File(path.join(local, 'big.bin')),
      );
      await sftp.get(`${dir}/big.bin`, path.join(local, `back${version}.bin`));
      expect(sha256File(path.join(local, `back${version}.bin`))).toBe(
        sha256File(path.join(local, 'big.bin')),
      );
      expect((await sftp.listdir(dir)).filter((n) => !n.startsWith('.'))).toEqual(['big.bin']);
      await sftp.rename(`${dir}/big.bin`, `${dir}/moved.bin`);
      expect(await sftp.getsize(`${dir}/moved.bin`)).toBe(3 * 1024 * 1024 + 17);
      await expect(sftp.stat(`${dir}/big.bin`)).rejects.toBeInstanceOf(SFTPNoSuchFile);
      expect(await sftp.realpath('/../..')).toBe('/');
      await sftp.remove(`${dir}/moved.bin`);
      await sftp.rmdir(dir);
      expect(readFileSync(path.join(local, 'big.bin')).length).toBe(3 * 1024 * 1024 + 17);
      sftp.exit();
      await sftp.waitClosed();
    });
  }
});
