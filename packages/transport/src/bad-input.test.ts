import {
  ConnectionLost,
  DisconnectError,
  KeyExchangeFailed,
  MACError,
  MSG_IGNORE,
  MSG_NEWKEYS,
  PacketWriter,
  ProtocolError,
} from '@ssh/wire';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostKeys, transportPair } from '../test/pair.js';
import { encodeKexInit } from './kex/kexinit.js';
import { KEX_STRICT_C } from './kex/negotiate.js';
import { PacketSender } from './packet/packet-sender.js';
import type { ByteStream, ByteStreamSink } from './stream/byte-stream.js';
import { createMemoryStreamPair } from './stream/memory-stream.js';
import { Transport } from './transport.js';

const enc = (s: string) => new TextEncoder().encode(s);

/** Our server on one end of a memory pair; the test writes raw bytes into the other. */
function rawToServer(): { raw: ByteStream; server: Transport; received: () => Uint8Array } {
  const [raw, end] = createMemoryStreamPair();
  const chunks: number[] = [];
  raw.attach({ data: (c) => chunks.push(...c), drain() {}, end() {}, close() {} });
  const server = new Transport(end, { role: 'server', serverHostKeys: hostKeys() });
  server.ready.catch(() => undefined);
  return { raw, server, received: () => Uint8Array.from(chunks) };
}

function kexinitPayload(kex: string[]): Uint8Array {
  return encodeKexInit({
    cookie: new Uint8Array(16),
    kexAlgs: kex,
    hostKeyAlgs: ['ssh-ed25519'],
    encryptionCtoS: ['aes128-ctr'],
    encryptionStoC: ['aes128-ctr'],
    macCtoS: ['hmac-sha2-256'],
    macStoC: ['hmac-sha2-256'],
    compressionCtoS: ['none'],
    compressionStoC: ['none'],
    languagesCtoS: [],
    languagesStoC: [],
    firstKexPacketFollows: false,
  });
}

describe('bad input gets a typed error and a clean close', () => {
  it('garbage instead of a version line', async () => {
    const { raw, server } = rawToServer();
    raw.write(enc('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    const err = await server.closedPromise;
    expect(err).toBeInstanceOf(ProtocolError);
    expect(String(err)).toMatch(/not an SSH client/);
  });

  it('a version line over 255 bytes', async () => {
    const { raw, server } = rawToServer();
    raw.write(enc(`SSH-2.0-${'x'.repeat(300)}\r\n`));
    expect(String(await server.closedPromise)).toMatch(/longer than 255/);
  });

  it('a packet length of 0xFFFFFFF0', async () => {
    const { raw, server } = rawToServer();
    raw.write(enc('SSH-2.0-evil\r\n'));
    raw.write(Uint8Array.of(0xff, 0xff, 0xff, 0xf0, 4, 1, 2, 3));
    const err = await server.closedPromise;
    expect(err).toBeInstanceOf(ProtocolError);
    expect(String(err)).toMatch(/bad packet length/);
  });

  it('a strict-kex client that sends anything before KEXINIT', async () => {
    const { raw, server, received } = rawToServer();
    const s = new PacketSender();
    raw.write(enc('SSH-2.0-evil\r\n'));
    raw.write(s.frame(new PacketWriter(8).writeByte(MSG_IGNORE).writeString('x').toBytes()));
    raw.write(s.frame(kexinitPayload(['curve25519-sha256', KEX_STRICT_C])));
    const err = await server.closedPromise;
    expect(err).toBeInstanceOf(KeyExchangeFailed);
    expect(String(err)).toMatch(/strict kex/);
    // The server told the peer why before closing.
    expect(new TextDecoder().decode(received())).toMatch(/strict kex/);
  });

  it('NEWKEYS out of order during the key exchange', async () => {
    const { raw, server } = rawToServer();
    const s = new PacketSender();
    raw.write(enc('SSH-2.0-evil\r\n'));
    raw.write(s.frame(kexinitPayload(['curve25519-sha256'])));
    raw.write(s.frame(Uint8Array.of(MSG_NEWKEYS)));
    expect(String(await server.closedPromise)).toMatch(/unexpected SSH_MSG_NEWKEYS/);
  });

  it('a connection-layer message during the key exchange', async () => {
    const { raw, server } = rawToServer();
    const s = new PacketSender();
    raw.write(enc('SSH-2.0-evil\r\n'));
    raw.write(s.frame(kexinitPayload(['curve25519-sha256'])));
    raw.write(s.frame(Uint8Array.of(90, 0, 0, 0, 0)));
    expect(String(await server.closedPromise)).toMatch(/not allowed during a key exchange/);
  });

  it('an unknown message number after the key exchange gets SSH_MSG_UNIMPLEMENTED', async () => {
    const seqs: number[] = [];
    const { client, server } = transportPair({}, {}, { client: { unimplemented: (seq) => seqs.push(seq) } });
    await Promise.all([client.ready, server.ready]);
    client.send(Uint8Array.of(8, 1, 2, 3));
    client.send(Uint8Array.of(200));
    await client.requestService('ssh-userauth');
    expect(seqs).toHaveLength(2);
    expect(server.isClosed).toBe(false);
    client.disconnect();
  });

  it('a flipped bit in the ciphertext is a MACError on the receiver', async () => {
    const [a, b] = createMemoryStreamPair();
    let flip = false;
    const tampering: ByteStream = {
      ...a,
      attach: (sink: ByteStreamSink) => a.attach(sink),
      write: (d) => {
        if (flip && d.length > 40) {
          d[d.length - 30] = (d[d.length - 30] as number) ^ 1;
          flip = false;
        }
        return a.write(d);
      },
      end: () => a.end(),
      destroy: (e) => a.destroy(e),
      pause: () => a.pause(),
      resume: () => a.resume(),
    };
    const server = new Transport(b, { role: 'server', serverHostKeys: hostKeys() });
    const client = new Transport(tampering, { role: 'client', verifyHostKey: () => true });
    await Promise.all([client.ready, server.ready]);
    flip = true;
    client.send(new Uint8Array(100).fill(94));
    expect(await server.closedPromise).toBeInstanceOf(MACError);
    expect(await client.closedPromise).toBeInstanceOf(DisconnectError);
  });

  it('random bytes after a version line close the connection with a typed error, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 600 }), async (junk) => {
        const { raw, server } = rawToServer();
        raw.write(enc('SSH-2.0-fuzz\r\n'));
        raw.write(junk);
        raw.end();
        const err = await server.closedPromise;
        expect(err).toBeInstanceOf(DisconnectError);
      }),
      { numRuns: 150 },
    );
  });

  it('mutated packets of a real client close the connection with a typed error or pass', async () => {
    // Record what a real client sends, then replay it with one byte changed.
    const [a, b] = createMemoryStreamPair();
    const sent: Uint8Array[] = [];
    b.attach({ data: (c) => sent.push(c.slice()), drain() {}, end() {}, close() {} });
    const probe = new Transport(a, { role: 'client', verifyHostKey: () => true });
    probe.ready.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 20));
    probe.abort();
    const script = Uint8Array.from(sent.flatMap((c) => [...c]));
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: script.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (at, x) => {
          const { raw, server } = rawToServer();
          const copy = script.slice();
          copy[at] = (copy[at] as number) ^ x;
          raw.write(copy);
          raw.end();
          const err = await server.closedPromise;
          expect(err === undefined || err instanceof DisconnectError).toBe(true);
          if (err) expect(err instanceof ConnectionLost || err.message.length > 0).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});
