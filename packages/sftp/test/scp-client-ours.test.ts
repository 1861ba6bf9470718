import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SSHConnection } from '@ssh/channels';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SFTPConnectionLost } from '../src/codec/errors.js';
import { isScpCommand, runScpServer } from '../src/index.js';
import { LocalScpFileSystem, scp } from '../src/node.js';
import { connectToOurs, startOurServer } from './server-peer.js';

type Server = Awaited<ReturnType<typeof startOurServer>>;

describe('scp() against our own SCP server, and a host without scp', () => {
  let withScp: Server;
  let without: Server;
  let a: SSHConnection;
  let b: SSHConnection;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'scp-ours-'));
    withScp = await startOurServer({
      encoding: null,
      processFactory: (p) =>
        isScpCommand(p.command) ? runScpServer(p, new LocalScpFileSystem()) : p.exit(1),
    });
    without = await startOurServer({
      encoding: null,
      processFactory: (p) => {
        p.stderr.write(new TextEncoder().encode('sh: 1: scp: not found\n'));
        p.exit(127);
      },
    });
    a = await connectToOurs(withScp);
    b = await connectToOurs(without);
  });
  afterAll(() => {
    a?.close();
    b?.close();
    withScp?.close();
    without?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies up and down through runScpServer', async () => {
    writeFileSync(path.join(dir, 'one.txt'), 'one');
    await scp(path.join(dir, 'one.txt'), [a, path.join(dir, 'two.txt')]);
    await scp([a, path.join(dir, 'two.txt')], path.join(dir, 'three.txt'));
    expect(readFileSync(path.join(dir, 'three.txt'), 'utf8')).toBe('one');
  });

  it('a host without scp gives SFTPConnectionLost carrying what its shell printed', async () => {
    const err = await scp(path.join(dir, 'one.txt'), [b, '/tmp/x']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SFTPConnectionLost);
    expect((err as SFTPConnectionLost).reason).toBe('Connection lost: sh: 1: scp: not found');
    const down = await scp([b, '/tmp/x'], path.join(dir, 'x')).catch((e: unknown) => e);
    expect((down as SFTPConnectionLost).reason).toContain('scp: not found');
  });
});
