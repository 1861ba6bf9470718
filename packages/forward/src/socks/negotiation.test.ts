import { describe, expect, it } from 'vitest';
import { connectReply, SOCKS5_CONNECTION_REFUSED, SocksNegotiation } from './negotiation.js';

function run(...chunks: number[][]) {
  const n = new SocksNegotiation();
  const steps = [];
  for (const c of chunks) {
    n.feed(Uint8Array.from(c));
    for (let s = n.next(); s.type !== 'need'; s = n.next()) {
      steps.push(s);
      if (s.type === 'connect' || (s.type === 'reply' && s.close)) return steps;
    }
  }
  return steps;
}

const ascii = (s: string) => [...Buffer.from(s)];

describe('SocksNegotiation', () => {
  it('SOCKS 4 CONNECT to an IPv4 address, bytes after the request kept', () => {
    const steps = run([4, 1, 0x1f, 0x90, 10, 0, 0, 1, ...ascii('me'), 0, 0xaa, 0xbb]);
    expect(steps).toEqual([
      { type: 'connect', version: 4, host: '10.0.0.1', port: 8080, rest: Uint8Array.of(0xaa, 0xbb) },
    ]);
  });

  it('SOCKS 4a CONNECT to a host name, fed one byte at a time', () => {
    const bytes = [4, 1, 0, 80, 0, 0, 0, 9, 0, ...ascii('example.org'), 0];
    expect(run(...bytes.map((b) => [b]))).toEqual([
      { type: 'connect', version: 4, host: 'example.org', port: 80, rest: new Uint8Array(0) },
    ]);
  });

  it('SOCKS 5 greeting then CONNECT to a domain, IPv4 and IPv6', () => {
    const domain = run([5, 2, 2, 0], [5, 1, 0, 3, 9, ...ascii('localhost'), 0, 22]);
    expect(domain[0]).toEqual({ type: 'reply', data: Uint8Array.of(5, 0), close: false });
    expect(domain[1]).toMatchObject({ type: 'connect', version: 5, host: 'localhost', port: 22 });
    expect(run([5, 1, 0, 5, 1, 0, 1, 127, 0, 0, 1, 1, 0])[1]).toMatchObject({ host: '127.0.0.1', port: 256 });
    const v6 = run([5, 1, 0], [5, 1, 0, 4, ...new Array(15).fill(0), 1, 0, 80]);
    expect(v6[1]).toMatchObject({ host: '0:0:0:0:0:0:0:1', port: 80 });
  });

  it('refuses what it does not do with the protocol reply, then closes', () => {
    // Only username/password offered: no acceptable method.
    expect(run([5, 1, 2])).toEqual([{ type: 'reply', data: Uint8Array.of(5, 0xff), close: true }]);
    // BIND (2) and UDP ASSOCIATE (3): command not supported.
    expect(run([5, 1, 0], [5, 3, 0, 1, 1, 2, 3, 4, 0, 1])[1]).toEqual({
      type: 'reply',
      data: Uint8Array.of(5, 7, 0, 1, 0, 0, 0, 0, 0, 0),
      close: true,
    });
    expect(run([4, 2, 0, 80, 1, 2, 3, 4, 0])).toEqual([
      { type: 'reply', data: Uint8Array.of(0, 0x5b, 0, 0, 0, 0, 0, 0), close: true },
    ]);
    // Unknown address type.
    expect(run([5, 1, 0], [5, 1, 0, 9, 0, 0])[1]).toMatchObject({
      close: true,
      data: Uint8Array.of(5, 8, 0, 1, 0, 0, 0, 0, 0, 0),
    });
    // Neither SOCKS 4 nor 5: dropped without a reply.
    expect(run(ascii('GET / HTTP/1.1\r\n'))).toEqual([
      { type: 'reply', data: new Uint8Array(0), close: true },
    ]);
    // A SOCKS 4a host name that never ends.
    expect(run([4, 1, 0, 80, 0, 0, 0, 1, 0], new Array(2000).fill(0x41))).toEqual([
      { type: 'reply', data: new Uint8Array(0), close: true },
    ]);
  });

  it('connect replies for success and failure', () => {
    expect(connectReply(4, 0)).toEqual(Uint8Array.of(0, 0x5a, 0, 0, 0, 0, 0, 0));
    expect(connectReply(5, SOCKS5_CONNECTION_REFUSED)[1]).toBe(5);
  });
});
