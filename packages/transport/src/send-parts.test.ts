import { type LogRecord, setDebugLevel, setLogHandler, setLogLevel } from '@ssh/wire';
import { afterEach, describe, expect, it } from 'vitest';
import { transportPair } from '../test/pair.js';

afterEach(() => {
  setLogHandler(null);
  setLogLevel('NOTSET');
  setDebugLevel(1);
});

const head = (i: number): Uint8Array => Uint8Array.of(94, 0, 0, 0, i);
const body = (i: number, n = 3000): Uint8Array => new Uint8Array(n).fill(i + 1);
const joined = (i: number, n?: number): Uint8Array => Uint8Array.of(...head(i), ...body(i, n));

describe('Transport.sendParts', () => {
  it('sends head and tail as one message, in order with send, also while the first key exchange holds output', async () => {
    const got: Uint8Array[] = [];
    const { client, server } = transportPair(
      {},
      {},
      { server: { message: (p) => void got.push(p.slice()) } },
    );
    client.sendParts(head(0), body(0));
    client.send(joined(1));
    await Promise.all([client.ready, server.ready]);
    client.sendParts(head(2), body(2));
    client.sendParts(head(3), new Uint8Array(0));
    client.send(joined(4));
    await client.requestService('ssh-userauth');
    expect(got).toEqual([joined(0), joined(1), joined(2), head(3), joined(4)]);
    client.disconnect();
  });

  it('joins the parts before zlib compression', async () => {
    const got: Uint8Array[] = [];
    const opts = { compressionAlgs: ['zlib'] };
    const { client, server } = transportPair(opts, opts, {
      server: { message: (p) => void got.push(p.slice()) },
    });
    await Promise.all([client.ready, server.ready]);
    expect(client.algorithms?.compressionCtoS).toBe('zlib');
    client.sendParts(head(0), body(0, 20000));
    client.rekey();
    client.sendParts(head(1), body(1, 20000));
    await client.requestService('ssh-userauth');
    expect(got).toEqual([joined(0, 20000), joined(1, 20000)]);
    client.disconnect();
  });

  it('dumps the whole message at debug level 3', async () => {
    const records: LogRecord[] = [];
    setLogHandler((r) => records.push(r));
    setLogLevel('DEBUG');
    setDebugLevel(3);
    const got: Uint8Array[] = [];
    const { client, server } = transportPair(
      {},
      {},
      { server: { message: (p) => void got.push(p.slice()) } },
    );
    await Promise.all([client.ready, server.ready]);
    client.sendParts(Uint8Array.of(94, 0xab, 0xcd), Uint8Array.of(0xef, 0x12));
    await client.requestService('ssh-userauth');
    expect(got).toEqual([Uint8Array.of(94, 0xab, 0xcd, 0xef, 0x12)]);
    const dump = records.map((r) => r.message).find((m) => /Sent MSG_CHANNEL_DATA/.test(m));
    expect(dump).toMatch(/5e ab cd ef 12/);
    client.disconnect();
  });
});
