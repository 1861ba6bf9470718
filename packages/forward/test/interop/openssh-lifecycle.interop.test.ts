import net from 'node:net';
import { createConnection, type SSHConnection } from '@ssh/channels';
import { missingPeer, peerHost, type RunningServer, startOpenSshd } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forwardLocalPort, forwardRemotePort, forwardSocks, SSHForwarder } from '../../src/index.js';
import { loginTo } from '../connect.js';
import { exchange, startEcho } from '../sockets.js';

/** A connected pair of local sockets: [ours, theirs]. */
async function socketPair(): Promise<[net.Socket, net.Socket, () => void]> {
  const server = net.createServer({ allowHalfOpen: true });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  const accepted = new Promise<net.Socket>((r) => server.once('connection', r));
  const theirs = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
  const ours = await accepted;
  return [ours, theirs, () => server.close()];
}

function closed(sock: net.Socket): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    sock.on('data', (d: Buffer) => chunks.push(d));
    sock.on('error', () => undefined);
    sock.on('end', () => sock.end());
    sock.on('close', () => resolve(Buffer.concat(chunks).toString()));
  });
}

const host = peerHost('debian12');
const skip = host?.has('/usr/sbin/sshd')
  ? false
  : missingPeer('OpenSSH sshd (debian12)', 'apt-get install openssh-server').skip;

describe.skipIf(skip)('forwarding lifecycle with OpenSSH sshd', () => {
  let server: RunningServer;
  let echo: Awaited<ReturnType<typeof startEcho>>;
  beforeAll(async () => {
    server = await startOpenSshd({ generation: 'debian12' });
    echo = await startEcho();
  });
  afterAll(async () => {
    await echo?.close();
    await server?.stop();
  });

  it('SSHForwarder joins a local socket to a channel; getExtraInfo and close end both sides', async () => {
    const conn: SSHConnection = await loginTo(server);
    const [ours, theirs, done] = await socketPair();
    try {
      const [channel, forwarder] = await createConnection(
        conn,
        () => new SSHForwarder(ours, { purpose: 'test' }),
        '127.0.0.1',
        echo.port,
        { encoding: null },
      );
      expect(forwarder.getExtraInfo('purpose')).toBe('test');
      expect(forwarder.getExtraInfo('socket')).toBe(ours);
      expect(forwarder.getExtraInfo('remote_peername')).toEqual(['127.0.0.1', echo.port]);
      expect(forwarder.getExtraInfo('missing', 'fallback')).toBe('fallback');
      const got = new Promise<string>((r) => theirs.once('data', (d: Buffer) => r(d.toString())));
      theirs.write('round trip');
      expect(await got).toBe('round trip');
      const ended = closed(theirs);
      forwarder.close();
      await channel.waitClosed();
      await ended;
      expect(ours.destroyed).toBe(true);
    } finally {
      done();
      conn.close();
    }
  });

  it('closing the SSH connection closes forwarded sockets and every listener, without a crash', async () => {
    const conn = await loginTo(server);
    const local = await forwardLocalPort(conn, '127.0.0.1', 0, '127.0.0.1', echo.port);
    const socks = await forwardSocks(conn, '127.0.0.1', 0);
    const remote = await forwardRemotePort(conn, '127.0.0.1', 0, '127.0.0.1', echo.port);
    // An open forwarded connection, with data flowing.
    const sock = net.connect({ port: local.getPort(), host: '127.0.0.1' });
    const firstEcho = new Promise<void>((r) => sock.once('data', () => r()));
    const gone = closed(sock);
    sock.write('hello');
    await firstEcho;
    conn.close();
    await gone;
    await local.waitClosed();
    await socks.waitClosed();
    await remote.waitClosed();
    expect((await exchange({ port: local.getPort() }, Buffer.from('x'))).error).toBe('ECONNREFUSED');
    expect((await exchange({ port: socks.getPort() }, Buffer.from('x'))).error).toBe('ECONNREFUSED');
  });
});
