import { readFileSync } from 'node:fs';
import net from 'node:net';
import { importPrivateKey, type SSHKey } from '@ssh/crypto';
import { GENERATIONS, missingPeer, peerHost, type RunningServer, startOpenSshd } from '@ssh/testing';
import { Transport } from '@ssh/transport';
import { fromNodeStream } from '@ssh/transport/node';
import { MSG_IGNORE, PacketWriter } from '@ssh/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateClient } from '../../src/client/authenticate.js';

// After login, stream 4 MiB of SSH_MSG_IGNORE through sshd while both sides
// rekey every 64 KiB (our rekeyBytes and sshd's RekeyLimit): the connection
// must stay intact (a global request still gets its answer) and sshd must log
// no error.

for (const generation of GENERATIONS) {
  const present = peerHost(generation)?.has('/usr/sbin/sshd');
  const skip = present
    ? false
    : missingPeer(`OpenSSH sshd (${generation})`, 'apt-get install openssh-server; pnpm peers').skip;
  describe.skipIf(skip)(`rekeying every 64 KiB after auth with OpenSSH sshd (${generation})`, () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startOpenSshd({ generation, config: ['RekeyLimit 64K'] });
    });
    afterAll(async () => {
      await server?.stop();
    });

    for (const [cipher, compression] of [
      ['chacha20-poly1305@openssh.com', 'none'],
      ['aes256-gcm@openssh.com', 'none'],
      ['aes128-ctr', 'none'],
      ['aes128-gcm@openssh.com', 'zlib@openssh.com'],
    ] as const) {
      it(`keeps the stream intact with ${cipher}, compression ${compression}`, async () => {
        const trusted = new Set(server.hostKeys.map((k) => k.publicLine.split(' ')[1]));
        const sock = net.connect({ host: '127.0.0.1', port: server.port });
        await new Promise((r) => sock.once('connect', r));
        let drained: (() => void) | undefined;
        let replies = 0;
        const t = new Transport(
          fromNodeStream(sock),
          {
            role: 'client',
            encryptionAlgs: [cipher],
            compressionAlgs: [compression],
            // A fast kex keeps 60-odd re-exchanges quick (sntrup761 would be chosen by 9.2 otherwise).
            kexAlgs: ['curve25519-sha256'],
            rekeyBytes: 64 * 1024,
            verifyHostKey: (key: SSHKey) => trusted.has(Buffer.from(key.publicData).toString('base64')),
          },
          { drain: () => drained?.() },
        );
        await t.ready;
        await authenticateClient(t, {
          username: 'root',
          clientKeys: [importPrivateKey(readFileSync(server.clientKey.path))],
        });
        // SSH_MSG_REQUEST_FAILURE (82) answers an unknown global request with want-reply.
        t.setMessageHandler((p) => {
          if (p[0] === 82) replies++;
        });
        const ignore = new PacketWriter(8200)
          .writeByte(MSG_IGNORE)
          .writeString(new Uint8Array(8192).fill(7))
          .toBytes();
        for (let i = 0; i < 512; i++) if (!t.send(ignore)) await new Promise<void>((r) => (drained = r));
        t.send(
          new PacketWriter(64).writeByte(80).writeString('nothing@example.com').writeBoolean(true).toBytes(),
        );
        while (replies === 0 && !t.isClosed) await new Promise((r) => setTimeout(r, 10));
        expect(t.isClosed).toBe(false);
        // Compressed, 4 MiB of one byte value is a few KiB on the wire: no re-exchange is due then.
        expect(t.keyExchanges).toBeGreaterThan(compression === 'none' ? 20 : 0);
        expect(t.algorithms?.compressionCtoS).toBe(compression);
        t.disconnect();
        expect(server.log()).not.toMatch(/Corrupted|Bad packet|incorrect|error/i);
      });
    }
  });
}
