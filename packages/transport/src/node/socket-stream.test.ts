import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { hostKeys } from '../../test/pair.js';
import type { ByteStreamSink } from '../stream/byte-stream.js';
import { Transport } from '../transport.js';
import { fromNodeStream } from './socket-stream.js';

const sockets: net.Socket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
});

/** Two ends of a real TCP connection on loopback. */
async function socketPair(): Promise<[net.Socket, net.Socket]> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const accepted = once(server, 'connection') as Promise<[net.Socket]>;
  const a = net.connect((server.address() as AddressInfo).port, '127.0.0.1');
  await once(a, 'connect');
  const [b] = await accepted;
  server.close();
  sockets.push(a, b);
  return [a, b];
}

function sink(over: Partial<ByteStreamSink> = {}): ByteStreamSink {
  return { data: () => {}, drain: () => {}, end: () => {}, close: () => {}, ...over };
}

describe('fromNodeStream over a TCP socket', () => {
  it('delivers many writes made in one tick whole and in order', async () => {
    const [a, b] = await socketPair();
    const out = fromNodeStream(a);
    out.attach(sink());
    const chunks: Uint8Array[] = [];
    let got = 0;
    const all = new Promise<void>((resolve) => {
      fromNodeStream(b).attach(
        sink({
          data: (c) => {
            chunks.push(c);
            got += c.length;
            if (got === 200 * 1000) resolve();
          },
        }),
      );
    });
    const sent = new Uint8Array(200 * 1000);
    for (let i = 0; i < 200; i++) {
      const part = new Uint8Array(1000).fill(i);
      sent.set(part, i * 1000);
      expect(out.write(part)).toBe(true);
    }
    await all;
    expect(Buffer.concat(chunks).equals(sent)).toBe(true);
  });

  it('asks the writer to wait only once 256 KiB are pending, then reports drain', async () => {
    const [a, b] = await socketPair();
    const out = fromNodeStream(a);
    let drained!: () => void;
    const drain = new Promise<void>((r) => {
      drained = r;
    });
    out.attach(sink({ drain: () => drained() }));
    let received = 0;
    fromNodeStream(b).attach(
      sink({
        data: (c) => {
          received += c.length;
        },
      }),
    );
    const chunk = new Uint8Array(64 * 1024);
    let writes = 0;
    while (out.write(chunk)) writes++;
    // Four chunks of 64 KiB make 256 KiB: the fourth write is the one that says wait.
    expect(writes).toBe(3);
    await drain;
    expect(out.write(chunk)).toBe(true);
    await new Promise<void>((r) => {
      const t = setInterval(() => {
        if (received === 5 * 64 * 1024) {
          clearInterval(t);
          r();
        }
      }, 5);
    });
    expect(received).toBe(5 * 64 * 1024);
  });

  it('carries a whole SSH connection between our client and our server, split messages included', async () => {
    const [a, b] = await socketPair();
    const got: Uint8Array[] = [];
    let done!: () => void;
    const finished = new Promise<void>((r) => {
      done = r;
    });
    const server = new Transport(
      fromNodeStream(b),
      { role: 'server', serverHostKeys: hostKeys() },
      {
        message: (p) => {
          got.push(p.slice());
          if (got.length === 40) done();
        },
      },
    );
    const client = new Transport(fromNodeStream(a), { role: 'client', verifyHostKey: () => true });
    await Promise.all([client.ready, server.ready]);
    const expected: Uint8Array[] = [];
    for (let i = 0; i < 40; i++) {
      const head = Uint8Array.of(94, 0, 0, 0, i);
      const body = new Uint8Array(40000).fill(i);
      expected.push(Uint8Array.of(...head, ...body));
      if (i % 2) client.sendParts(head, body);
      else client.send(expected[i] as Uint8Array);
    }
    await finished;
    expect(got.map((g, i) => Buffer.from(g).equals(expected[i] as Uint8Array))).toEqual(
      expected.map(() => true),
    );
    client.disconnect();
    expect(await client.closedPromise).toBeUndefined();
  });
});
