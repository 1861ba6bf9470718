import net from 'node:net';
import type { SSHKey } from '@ssh/crypto';
import {
  GENERATIONS,
  hasAsyncSsh,
  missingPeer,
  peerHost,
  type RunningServer,
  startAsyncSshServer,
  startOpenSshd,
} from '@ssh/testing';
import { KeyExchangeFailed, MSG_IGNORE, PacketWriter } from '@ssh/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromNodeStream } from '../../src/node/socket-stream.js';
import { Transport } from '../../src/transport.js';

function ignorePayload(size: number, fill: number): Uint8Array {
  return new PacketWriter(size + 8)
    .writeByte(MSG_IGNORE)
    .writeString(new Uint8Array(size).fill(fill))
    .toBytes();
}

async function connect(
  server: RunningServer,
  cipher?: string,
): Promise<{ t: Transport; waitDrain(): Promise<void> }> {
  const trusted = new Set(server.hostKeys.map((k) => k.publicLine.split(' ')[1]));
  const sock = net.connect({ host: '127.0.0.1', port: server.port });
  await new Promise((r) => sock.once('connect', r));
  let drained: (() => void) | undefined;
  const t = new Transport(
    fromNodeStream(sock),
    {
      role: 'client',
      ...(cipher ? { encryptionAlgs: [cipher] } : {}),
      verifyHostKey: (key: SSHKey) => trusted.has(Buffer.from(key.publicData).toString('base64')),
    },
    { drain: () => drained?.() },
  );
  await t.ready;
  return { t, waitDrain: () => new Promise<void>((r) => (drained = r)) };
}

// Stream 2 MiB of SSH_MSG_IGNORE with a key re-exchange every 64 KiB, then
// check the connection still works: a service request is answered.
for (const generation of GENERATIONS) {
  const skip = hasAsyncSsh(generation)
    ? false
    : missingPeer(`AsyncSSH (${generation})`, 'apt-get install python3-asyncssh; pnpm peers').skip;
  describe.skipIf(skip)(`rekeying every 64 KiB with AsyncSSH (${generation})`, () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startAsyncSshServer({ generation });
    });
    afterAll(async () => {
      await server?.stop();
    });

    for (const cipher of ['chacha20-poly1305@openssh.com', 'aes128-gcm@openssh.com', 'aes256-ctr']) {
      it(`keeps the stream intact with ${cipher}`, async () => {
        const { t, waitDrain } = await connect(server, cipher);
        const firstSession = t.sessionId;
        for (let block = 0; block < 32; block++) {
          const before = t.keyExchanges;
          t.rekey();
          // These go out after our NEWKEYS, while the peer may still be finishing the exchange.
          for (let i = 0; i < 8; i++) if (!t.send(ignorePayload(8192, i))) await waitDrain();
          while (t.keyExchanges === before && !t.isClosed) await new Promise((r) => setTimeout(r, 2));
        }
        await t.requestService('ssh-userauth');
        expect(t.sessionId).toEqual(firstSession);
        expect(t.keyExchanges).toBe(33);
        t.disconnect();
        expect(server.log()).not.toMatch(/Traceback|MAC|protocol error/i);
      });
    }
  });
}

// OpenSSH's sshd accepts no key re-exchange before user authentication: the
// attempt must end in a clean KeyExchangeFailed, not a hang.
for (const generation of GENERATIONS) {
  const present = peerHost(generation)?.has('/usr/sbin/sshd');
  const skip = present
    ? false
    : missingPeer(`OpenSSH sshd (${generation})`, 'apt-get install openssh-server; pnpm peers').skip;
  describe.skipIf(skip)(`a re-exchange before auth with OpenSSH sshd (${generation})`, () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startOpenSshd({ generation });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('fails cleanly with KeyExchangeFailed', async () => {
      const { t } = await connect(server);
      t.rekey();
      const err = await t.closedPromise;
      expect(err).toBeInstanceOf(KeyExchangeFailed);
      expect(String(err)).toMatch(/does not accept a key re-exchange/);
    });
  });
}
