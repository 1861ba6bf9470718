import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import type { SSHConnection } from '@ssh/channels';
import { missingPeer, peerHost, type RunningServer, startOpenSshd } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forwardSocks, type LocalForwardListener } from '../../src/index.js';
import { loginTo } from '../connect.js';
import { pattern, sha256, startEcho } from '../sockets.js';

const body = pattern((1 << 20) + 321);

/** Run curl through the proxy; resolves with the SHA-256 of the body and the HTTP status. */
function curl(args: string[]): Promise<{ status: string; digest: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      'curl',
      ['-s', '-S', '--max-time', '10', '-o', '-', '-w', '%{http_code}', ...args],
      { encoding: 'buffer', maxBuffer: 8 << 20 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`curl failed: ${stderr.toString()}`));
        else resolve({ status: stdout.subarray(-3).toString(), digest: sha256(stdout.subarray(0, -3)) });
      },
    );
  });
}

/** Speak SOCKS by hand: send each message after the previous reply, then collect the bytes until close. */
function socksClient(port: number, messages: number[][], after?: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    const chunks: Buffer[] = [];
    let next = 0;
    const send = () => {
      if (next > messages.length) return;
      const m = messages[next++];
      if (m) sock.write(Uint8Array.from(m));
      else if (after) sock.end(after);
    };
    sock.on('end', () => sock.end());
    sock.on('connect', send);
    sock.on('data', (d: Buffer) => {
      chunks.push(d);
      send();
    });
    sock.on('error', reject);
    sock.on('close', () => resolve(Buffer.concat(chunks)));
  });
}

const host = peerHost('debian12');
const skip = !existsSync('/usr/bin/curl')
  ? missingPeer('curl', 'apt-get install -y curl').skip
  : host?.has('/usr/sbin/sshd')
    ? false
    : missingPeer('OpenSSH sshd (debian12)', 'apt-get install openssh-server').skip;

describe.skipIf(skip)('forwardSocks through OpenSSH sshd, driven by curl and by hand', () => {
  let server: RunningServer;
  let conn: SSHConnection;
  let web: http.Server;
  let webPort: number;
  let echo: Awaited<ReturnType<typeof startEcho>>;
  let socks: LocalForwardListener;

  beforeAll(async () => {
    server = await startOpenSshd({ generation: 'debian12' });
    conn = await loginTo(server);
    web = http.createServer((_req, res) => {
      res.setHeader('content-length', body.length);
      res.end(body);
    });
    await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
    const a = web.address();
    webPort = a && typeof a === 'object' ? a.port : 0;
    echo = await startEcho();
    socks = await forwardSocks(conn, '127.0.0.1', 0);
  });
  afterAll(async () => {
    await socks?.[Symbol.asyncDispose]();
    conn?.close();
    await echo?.close();
    await new Promise((r) => web?.close(r));
    await server?.stop();
  });

  it('SOCKS5 with the host name resolved by the server (curl --socks5-hostname)', async () => {
    const got = await curl([
      '--socks5-hostname',
      `127.0.0.1:${socks.getPort()}`,
      `http://localhost:${webPort}/`,
    ]);
    expect(got).toEqual({ status: '200', digest: sha256(body) });
  });

  it('SOCKS5 with an IPv4 address (curl --socks5)', async () => {
    const got = await curl(['--socks5', `127.0.0.1:${socks.getPort()}`, `http://127.0.0.1:${webPort}/`]);
    expect(got).toEqual({ status: '200', digest: sha256(body) });
  });

  it('SOCKS4 (curl --socks4) and SOCKS4a (curl --socks4a)', async () => {
    const url = `http://127.0.0.1:${webPort}/`;
    expect(await curl(['--socks4', `127.0.0.1:${socks.getPort()}`, url])).toEqual({
      status: '200',
      digest: sha256(body),
    });
    expect(await curl(['--socks4a', `127.0.0.1:${socks.getPort()}`, `http://localhost:${webPort}/`])).toEqual(
      { status: '200', digest: sha256(body) },
    );
  });

  it('by hand: SOCKS5 CONNECT to an echo server, data sent right after the request, half-close passed on', async () => {
    const port = echo.port;
    const got = await socksClient(
      socks.getPort(),
      [
        [5, 1, 0],
        [5, 1, 0, 1, 127, 0, 0, 1, port >> 8, port & 255],
      ],
      Buffer.from('ping through socks'),
    );
    expect([...got.subarray(0, 2)]).toEqual([5, 0]);
    expect([...got.subarray(2, 4)]).toEqual([5, 0]);
    expect(got.subarray(12).toString()).toBe('ping through socks');
  });

  it('by hand: a refused destination is SOCKS5 reply 5 and SOCKS4 reply 0x5b; a bad command is 7', async () => {
    const dead = await startEcho();
    const port = dead.port;
    await dead.close();
    const five = await socksClient(socks.getPort(), [
      [5, 1, 0],
      [5, 1, 0, 1, 127, 0, 0, 1, port >> 8, port & 255],
    ]);
    expect([...five]).toEqual([5, 0, 5, 5, 0, 1, 0, 0, 0, 0, 0, 0]);
    const four = await socksClient(socks.getPort(), [[4, 1, port >> 8, port & 255, 127, 0, 0, 1, 0]]);
    expect([...four]).toEqual([0, 0x5b, 0, 0, 0, 0, 0, 0]);
    const bind = await socksClient(socks.getPort(), [
      [5, 1, 0],
      [5, 2, 0, 1, 127, 0, 0, 1, 0, 80],
    ]);
    expect([...bind]).toEqual([5, 0, 5, 7, 0, 1, 0, 0, 0, 0, 0, 0]);
    // The listener still serves after all that.
    const ok = await curl(['--socks5', `127.0.0.1:${socks.getPort()}`, `http://127.0.0.1:${webPort}/`]);
    expect(ok.status).toBe('200');
  });
});
