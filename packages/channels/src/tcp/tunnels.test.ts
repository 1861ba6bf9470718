import { afterEach, describe, expect, it } from 'vitest';
import { connectionPair } from '../../test/pair.js';
import {
  acceptTunnels,
  ChannelOpenError,
  createConnection,
  createUnixChannel,
  openConnection,
  openUnixConnection,
  SSHTCPSession,
  type TunnelRequest,
} from '../index.js';

let close: (() => void) | undefined;
afterEach(() => close?.());

describe('TCP and UNIX socket channels', () => {
  it('direct-tcpip carries bytes both ways with the addresses in extra info', async () => {
    const p = await connectionPair();
    close = p.close;
    const seen: TunnelRequest[] = [];
    acceptTunnels(p.server, 'direct-tcpip', (req) => {
      seen.push(req);
      return async (reader, writer) => {
        const data = (await reader.read()) as Uint8Array;
        writer.write(Uint8Array.of(data.length & 255, ...data.subarray(0, 3)));
        writer.writeEof();
      };
    });
    const [reader, writer] = await openConnection(p.client, 'example.com', 80, {
      origHost: '10.0.0.1',
      origPort: 5555,
    });
    writer.write(new TextEncoder().encode('GET /'));
    writer.writeEof();
    expect(await reader.read()).toEqual(Uint8Array.of(5, 71, 69, 84));
    expect(seen).toEqual([
      { type: 'direct-tcpip', host: 'example.com', port: 80, origHost: '10.0.0.1', origPort: 5555 },
    ]);
    expect(reader.getExtraInfo('remote_peername')).toEqual(['example.com', 80]);
  });

  it('a server opens forwarded-tcpip back to the client; refused UNIX opens are ChannelOpenError', async () => {
    const p = await connectionPair();
    close = p.close;
    acceptTunnels(p.client, 'forwarded-tcpip', (req) => async (_r, w) => {
      w.write(new TextEncoder().encode(`${req.host}:${req.port} from ${req.origHost}`));
      w.close();
    });
    const chunks: string[] = [];
    let done!: () => void;
    const lost = new Promise<void>((r) => {
      done = r;
    });
    class Collect extends SSHTCPSession {
      override dataReceived(d: string | Uint8Array): void {
        chunks.push(new TextDecoder().decode(d as Uint8Array));
      }
      override connectionLost(): void {
        done();
      }
    }
    await createConnection(p.server, () => new Collect(), '0.0.0.0', 8080, {
      origHost: '192.0.2.7',
      origPort: 4000,
    });
    await lost;
    expect(chunks.join('')).toBe('0.0.0.0:8080 from 192.0.2.7');
    acceptTunnels(p.server, 'direct-streamlocal@openssh.com', () => false);
    await expect(openUnixConnection(p.client, '/tmp/sock')).rejects.toBeInstanceOf(ChannelOpenError);
    // A handler may return its own channel, here one that reads text.
    acceptTunnels(p.server, 'direct-streamlocal@openssh.com', () => [
      createUnixChannel(p.server, { encoding: 'utf-8' }),
      async (r, w) => {
        const text = await r.readline();
        w.write(`${typeof text}:${text}`);
        w.close();
      },
    ]);
    const [reader, writer] = await openUnixConnection(p.client, '/tmp/sock');
    writer.write(new TextEncoder().encode('line\n'));
    expect(new TextDecoder().decode((await reader.read()) as Uint8Array)).toBe('string:line\n');
  });
});
