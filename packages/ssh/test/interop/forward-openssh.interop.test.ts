import { once } from 'node:events';
import net from 'node:net';
import { missingPeer, peerHost, type RunningServer, startOpenSshd } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type SSHClientConnection } from '../../src/index.js';

// The forwarding methods of SSHClientConnection, through a real sshd: each
// forwarded connection reaches a local service that answers in upper case.

const present = peerHost('debian12')?.has('/usr/sbin/sshd');
const skip = present ? false : missingPeer('OpenSSH sshd', 'apt-get install openssh-server').skip;

/** Send `text` on a fresh connection (after `prelude`) and read until the peer closes. */
async function exchange(port: number, text: string, prelude?: (s: net.Socket) => Promise<void>) {
  const s = net.connect(port, '127.0.0.1');
  await once(s, 'connect');
  await prelude?.(s);
  const chunks: Buffer[] = [];
  s.on('data', (d: Buffer) => chunks.push(d));
  s.end(text);
  await once(s, 'close');
  return Buffer.concat(chunks).toString();
}

/** Read exactly n bytes from a socket. */
function readN(s: net.Socket, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let got = Buffer.alloc(0);
    const onData = (d: Buffer) => {
      got = Buffer.concat([got, d]);
      if (got.length >= n) {
        s.off('data', onData);
        s.off('close', onClose);
        if (got.length > n) s.unshift(got.subarray(n));
        resolve(got.subarray(0, n));
      }
    };
    const onClose = () => reject(new Error('closed during the SOCKS exchange'));
    s.on('data', onData);
    s.once('close', onClose);
  });
}

describe.skipIf(skip)('SSHClientConnection forwarding through OpenSSH sshd', () => {
  let sshd: RunningServer;
  let conn: SSHClientConnection;
  let upper: net.Server;
  let upperPort: number;

  beforeAll(async () => {
    upper = net.createServer((s) => {
      const chunks: Buffer[] = [];
      s.on('data', (d: Buffer) => chunks.push(d));
      s.on('end', () => s.end(Buffer.concat(chunks).toString().toUpperCase()));
    });
    await new Promise<void>((r) => upper.listen(0, '127.0.0.1', r));
    upperPort = (upper.address() as net.AddressInfo).port;
    sshd = await startOpenSshd({ generation: 'debian12' });
    conn = await connect('127.0.0.1', {
      port: sshd.port,
      username: sshd.user,
      clientKeys: [sshd.clientKey.path],
      knownHosts: sshd.knownHostsPath,
      config: null,
    });
  });
  afterAll(async () => {
    conn?.close();
    upper?.close();
    await sshd?.stop();
  });

  it('forwardLocalPort: a local port whose connections sshd opens to the service', async () => {
    await using listener = await conn.forwardLocalPort('127.0.0.1', 0, '127.0.0.1', upperPort);
    expect(listener.getPort()).toBeGreaterThan(0);
    expect(await exchange(listener.getPort(), 'local forward')).toBe('LOCAL FORWARD');
  });

  it('forwardRemotePort: sshd listens, and its connections come back to the local service', async () => {
    await using listener = await conn.forwardRemotePort('127.0.0.1', 0, '127.0.0.1', upperPort);
    expect(listener.getPort()).toBeGreaterThan(0);
    expect(await exchange(listener.getPort(), 'remote forward')).toBe('REMOTE FORWARD');
  });

  it('forwardSocks: a SOCKS5 CONNECT to a host name goes through sshd', async () => {
    await using listener = await conn.forwardSocks('127.0.0.1', 0);
    const socks5 = async (s: net.Socket) => {
      s.write(Buffer.from([5, 1, 0]));
      expect([...(await readN(s, 2))]).toEqual([5, 0]);
      const name = Buffer.from('localhost');
      const port = Buffer.alloc(2);
      port.writeUInt16BE(upperPort);
      s.write(Buffer.concat([Buffer.from([5, 1, 0, 3, name.length]), name, port]));
      const reply = await readN(s, 10);
      expect(reply[1]).toBe(0);
    };
    expect(await exchange(listener.getPort(), 'socks five', socks5)).toBe('SOCKS FIVE');
  });
});
