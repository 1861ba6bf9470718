import net from 'node:net';
import { freePort, missingPeer, peerHost, type RunningServer, startOpenSshd } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SSHReader, type SSHWriter, startServer } from '../../src/index.js';
import { connectTo } from './connect.js';

// sshd starts listening before it answers tcpip-forward, and forwards what
// arrives at once: connections in that window must reach the listener, and a
// listener's waitClosed must settle when its connection closes.

const present = peerHost('debian12')?.has('/usr/sbin/sshd');
const skip = present ? false : missingPeer('OpenSSH sshd', 'apt-get install openssh-server').skip;

/** Echo one line back, then close. */
async function echo(reader: SSHReader, writer: SSHWriter): Promise<void> {
  writer.write(await reader.readline());
  writer.close();
}

/** Try to connect until sshd accepts; then what came back ('refused' if nothing ever listened). */
async function knockUntilAccepted(port: number, deadline: number): Promise<string> {
  while (Date.now() < deadline) {
    const result = await new Promise<string | null>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      let got = '';
      let accepted = false;
      s.on('connect', () => {
        accepted = true;
        s.write('knock\n');
      });
      s.on('data', (d: Buffer) => {
        got += d.toString();
      });
      s.on('error', () => {});
      s.on('close', () => resolve(accepted ? got : null));
    });
    if (result !== null) return result;
  }
  return 'refused';
}

describe.skipIf(skip)('remote listeners and their first connections (sshd)', () => {
  let sshd: RunningServer;
  beforeAll(async () => {
    sshd = await startOpenSshd({ generation: 'debian12' });
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('connections sshd accepts before its tcpip-forward reply reach the listener', async () => {
    const conn = await connectTo(sshd, { encoding: 'utf-8' });
    try {
      for (let round = 0; round < 5; round++) {
        const port = await freePort();
        const deadline = Date.now() + 10_000;
        const knockers = Array.from({ length: 8 }, () => knockUntilAccepted(port, deadline));
        const listener = await startServer(conn, () => echo, '127.0.0.1', port);
        const answers = await Promise.all(knockers);
        expect(answers).toEqual(Array(8).fill('knock\n'));
        listener.close();
        await listener.waitClosed();
      }
    } finally {
      conn.close();
    }
  });

  it('waitClosed settles when the connection closes', async () => {
    const conn = await connectTo(sshd);
    const listener = await startServer(conn, () => false, '127.0.0.1', 0);
    expect(listener.getPort()).toBeGreaterThan(0);
    conn.close();
    await listener.waitClosed();
  });
});
