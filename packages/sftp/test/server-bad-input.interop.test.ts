import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { missingPeer, peerHost } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeHello,
  decodeResponse,
  EXT_EXPAND_PATH,
  EXT_LIMITS,
  encodeExtendedData,
  encodeInit,
  encodeRequest,
  FX_BAD_MESSAGE,
  FX_FAILURE,
  FX_OP_UNSUPPORTED,
  runSftpServer,
  SFTPAttrs,
  type SFTPFileObject,
  SFTPPacketFramer,
} from '../src/index.js';
import { SFTPServer } from '../src/node.js';
import { runOpenSshTool } from './server-openssh-tools.js';
import { startOurServer } from './server-peer.js';

type Server = Awaited<ReturnType<typeof startOurServer>>;
const enc = new TextEncoder();
const ext = (e: Parameters<typeof encodeExtendedData>[0]) => encodeExtendedData(e, 3);

/** A raw packet: uint32 length, type, request id, body. */
function raw(type: number, id: number, body: number[] = []): Uint8Array {
  const len = 1 + 4 + body.length;
  return Uint8Array.of(
    len >>> 24,
    (len >>> 16) & 255,
    (len >>> 8) & 255,
    len & 255,
    type,
    0,
    0,
    0,
    id,
    ...body,
  );
}

const skip = peerHost('debian12')?.has('/usr/bin/ssh')
  ? false
  : missingPeer('OpenSSH ssh', 'apt-get install openssh-client').skip;

describe.skipIf(skip)('our SFTP server given bad packets by ssh -s sftp', () => {
  let server: Server;
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'sftp-bad-'));
    server = await startOurServer({
      encoding: null,
      processFactory: (p) => runSftpServer(p, new SFTPServer(p.channel, root)),
    });
  });
  afterAll(() => {
    server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers each bad request with a status, and ends the session on a broken frame', async () => {
    const input = Buffer.concat([
      encodeInit(3),
      raw(99, 7),
      raw(3, 8, [0, 0, 0, 100, 0x61, 0x62]),
      encodeRequest({ kind: 'read', id: 9, handle: enc.encode('nope'), offset: 0, length: 10 }, 3),
      encodeRequest({ kind: 'extended', id: 10, request: EXT_LIMITS, data: new Uint8Array(0) }, 3),
      encodeRequest({ kind: 'realpath', id: 11, path: enc.encode('../..') }, 3),
      encodeRequest(
        {
          kind: 'extended',
          id: 13,
          request: EXT_EXPAND_PATH,
          data: ext({ name: EXT_EXPAND_PATH, path: enc.encode('~/a/../b') }),
        },
        3,
      ),
      Uint8Array.of(0, 0, 0, 0),
      encodeRequest({ kind: 'realpath', id: 12, path: enc.encode('.') }, 3),
    ]);
    const r = await runOpenSshTool('debian12', 'ssh', server, ['-s', '127.0.0.1', 'sftp'], input);
    expect(r.code).toBe(0);
    const [hello, ...packets] = new SFTPPacketFramer().push(new Uint8Array(r.stdoutBytes));
    const version = decodeHello(hello as Uint8Array, 'version');
    expect(version.version).toBe(3);
    expect(version.extensions.map(([n]) => n)).toContain('posix-rename@openssh.com');
    const res = packets.map((p) => decodeResponse(p, 3));
    expect(res).toHaveLength(6);
    expect(res[0]).toMatchObject({ kind: 'status', id: 7, code: FX_OP_UNSUPPORTED });
    expect(res[1]).toMatchObject({ kind: 'status', id: 8, code: FX_BAD_MESSAGE });
    expect(res[2]).toMatchObject({ kind: 'status', id: 9, code: FX_FAILURE });
    expect(res[3]).toMatchObject({ kind: 'extended-reply', id: 10 });
    expect(res[4]).toMatchObject({ kind: 'name', id: 11 });
    const name = res[4] as { names: { filename: Uint8Array }[] };
    expect(new TextDecoder().decode(name.names[0]?.filename)).toBe('/');
    // expand-path@openssh.com: '~' is the chroot's root.
    const expanded = res[5] as { id: number; names: { filename: Uint8Array }[] };
    expect(expanded.id).toBe(13);
    expect(new TextDecoder().decode(expanded.names[0]?.filename)).toBe('/b');
  });

  it('a read or write too short to carry a request id ends the session, nothing else', async () => {
    for (const type of [5, 6]) {
      const input = Buffer.concat([encodeInit(3), Uint8Array.of(0, 0, 0, 1, type)]);
      const r = await runOpenSshTool('debian12', 'ssh', server, ['-s', '127.0.0.1', 'sftp'], input);
      const [hello, ...rest] = new SFTPPacketFramer().push(new Uint8Array(r.stdoutBytes));
      expect(decodeHello(hello as Uint8Array, 'version').version).toBe(3);
      expect(rest).toHaveLength(0);
    }
  });

  it('pipelined writes and reads of one handle keep their order (-02 §6.1), even when writes are slow', async () => {
    /** Writes that take a while: a read sent after one must still see its data. */
    class SlowWrites extends SFTPServer {
      override async write(file: SFTPFileObject, offset: number, data: Uint8Array): Promise<number> {
        await new Promise((r) => setTimeout(r, 30));
        return super.write(file, offset, data);
      }
    }
    const slow = await startOurServer({
      encoding: null,
      processFactory: (p) => runSftpServer(p, new SlowWrites(p.channel, root)),
    });
    const handle = enc.encode('0'); // the first handle of a session
    const size = 1024 * 1024;
    const a = new Uint8Array(size).fill(0x41);
    const b = new Uint8Array(size).fill(0x42);
    const input = Buffer.concat([
      encodeInit(3),
      encodeRequest(
        { kind: 'open', id: 1, filename: enc.encode('/order.bin'), pflags: 0x1b, attrs: new SFTPAttrs() },
        3,
      ),
      encodeRequest({ kind: 'write', id: 2, handle, offset: 0, data: a }, 3),
      encodeRequest({ kind: 'read', id: 3, handle, offset: 0, length: 262144 }, 3),
      encodeRequest({ kind: 'write', id: 4, handle, offset: 0, data: b }, 3),
      encodeRequest({ kind: 'read', id: 5, handle, offset: size - 262144, length: 262144 }, 3),
      encodeRequest({ kind: 'close', id: 6, handle }, 3),
    ]);
    const r = await runOpenSshTool('debian12', 'ssh', slow, ['-s', '127.0.0.1', 'sftp'], input);
    slow.close();
    const [, ...packets] = new SFTPPacketFramer().push(new Uint8Array(r.stdoutBytes));
    const res = new Map(packets.map((p) => decodeResponse(p, 3)).map((x) => [x.id, x]));
    expect(res.get(1)).toMatchObject({ kind: 'handle' });
    const first = res.get(3) as { kind: string; data: Uint8Array };
    const second = res.get(5) as { kind: string; data: Uint8Array };
    expect(first.data.every((x) => x === 0x41)).toBe(true);
    expect(second.data.every((x) => x === 0x42)).toBe(true);
    expect(res.get(6)).toMatchObject({ kind: 'status', code: 0 });
  });

  it('an SFTP version below 3 is refused and the server keeps serving', async () => {
    const bad = await runOpenSshTool('debian12', 'ssh', server, ['-s', '127.0.0.1', 'sftp'], encodeInit(2));
    expect(bad.stdoutBytes.length).toBe(0);
    const ok = await runOpenSshTool('debian12', 'sftp', server, ['-b', '-', '127.0.0.1'], 'pwd\n');
    expect(ok.stdout).toContain('Remote working directory: /');
  });
});
