import { MSG_GLOBAL_REQUEST, OPEN_UNKNOWN_CHANNEL_TYPE, PacketWriter } from '@ssh/wire';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionPair } from '../test/pair.js';
import { rawPair } from '../test/raw-peer.js';
import { ChannelOpenError, SSHChannel, SSHSession } from './index.js';

let close: (() => void) | undefined;
afterEach(() => close?.());

describe('the connection multiplexer', () => {
  it('global requests are answered in the order received, even when a handler is slow', async () => {
    const p = await connectionPair();
    close = p.close;
    let release!: () => void;
    p.server.registerGlobalRequest(
      'slow@test',
      () =>
        new Promise<Uint8Array>((res) => {
          release = () => res(Uint8Array.of(1, 2));
        }),
    );
    p.server.registerGlobalRequest('fast@test', () => true);
    const order: string[] = [];
    const slow = p.client.globalRequest('slow@test').then((v) => order.push(`slow:${v?.join(',')}`));
    const fast = p.client.globalRequest('fast@test').then((v) => order.push(`fast:${v?.length}`));
    const unknown = p.client.globalRequest('nobody@test').then((v) => order.push(`unknown:${v}`));
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual([]);
    release();
    await Promise.all([slow, fast, unknown]);
    expect(order).toEqual(['slow:1,2', 'fast:0', 'unknown:null']);
  });

  it('keepalive@openssh.com gets an answer (a refusal), as OpenSSH expects', async () => {
    const p = await connectionPair();
    close = p.close;
    await expect(p.client.sendKeepalive()).resolves.toBeUndefined();
  });

  it('opens of unknown channel types are refused with OPEN_UNKNOWN_CHANNEL_TYPE', async () => {
    const p = await connectionPair();
    close = p.close;
    const err = await p.client
      .openChannel(new SSHChannel(p.client), 'nonesuch@test')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelOpenError);
    expect((err as ChannelOpenError).code).toBe(OPEN_UNKNOWN_CHANNEL_TYPE);
    expect(p.client.channelCount).toBe(0);
  });

  it('custom channel types carry data both ways with EOF and close ordering', async () => {
    const p = await connectionPair({ encoding: null }, { encoding: null });
    close = p.close;
    const serverGot: number[] = [];
    p.server.registerChannelType('echo@test', () => {
      const ch = new SSHChannel(p.server);
      queueMicrotask(() =>
        ch.attachSession({
          dataReceived: (d) => {
            serverGot.push((d as Uint8Array).length);
            ch.write(d);
          },
          eofReceived: () => {
            ch.writeEof();
            return true;
          },
        }),
      );
      return ch;
    });
    const events: string[] = [];
    class Client extends SSHSession {
      override dataReceived(d: string | Uint8Array): void {
        events.push(`data ${d.length}`);
      }
      override eofReceived(): boolean {
        events.push('eof');
        return false;
      }
      override connectionLost(exc: Error | null): void {
        events.push(`lost ${exc}`);
      }
    }
    const ch = new SSHChannel(p.client);
    await p.client.openChannel(ch, 'echo@test');
    ch.attachSession(new Client());
    ch.write(new Uint8Array(100_000));
    ch.writeEof();
    await ch.waitClosed();
    expect(serverGot.reduce((a, b) => a + b, 0)).toBe(100_000);
    expect(events.filter((e) => e.startsWith('data')).length).toBeGreaterThan(0);
    expect(events.slice(-2)).toEqual(['eof', 'lost null']);
  });

  it('a global request with a truncated name ends the connection with a typed error, no crash', async () => {
    const { peer, ours } = await rawPair('server');
    peer.send(new PacketWriter().writeByte(MSG_GLOBAL_REQUEST).writeUint32(100).toBytes());
    const err = await ours.closedPromise;
    expect(err?.name).toBe('WireError');
  });
});
