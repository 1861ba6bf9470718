import {
  EXTENDED_DATA_STDERR,
  MSG_CHANNEL_CLOSE,
  MSG_CHANNEL_DATA,
  MSG_CHANNEL_EOF,
  MSG_CHANNEL_OPEN,
  MSG_CHANNEL_OPEN_CONFIRMATION,
  MSG_CHANNEL_REQUEST,
  MSG_CHANNEL_SUCCESS,
  MSG_GLOBAL_REQUEST,
  MSG_REQUEST_FAILURE,
  MSG_REQUEST_SUCCESS,
  PacketWriter,
  ProtocolError,
} from '@ssh/wire';
import { describe, expect, it, vi } from 'vitest';
import { type RawPeer, rawPair } from '../test/raw-peer.js';
import { acceptSessions, createSession, SSHClientSession, type SSHConnection } from './index.js';
import {
  encodeChannelOnly,
  encodeChannelOpen,
  encodeData,
  encodeOpenConfirmation,
  encodeWindowAdjust,
} from './messages.js';

/** A client session that records what reaches it. */
class Recorder extends SSHClientSession {
  data = '';
  lost: Error | null | undefined;
  private resolveLost!: () => void;
  readonly closed = new Promise<void>((r) => {
    this.resolveLost = r;
  });
  override dataReceived(data: string | Uint8Array): void {
    this.data += data as string;
  }
  override eofReceived(): boolean {
    return true;
  }
  override connectionLost(exc: Error | null): void {
    this.lost = exc;
    this.resolveLost();
  }
}

/** Open an exec session from our client to the raw peer; returns our session and the peer's channel number for us. */
async function openExec(conn: SSHConnection, peer: RawPeer, window = 64, maxPktsize = 64) {
  const started = createSession(conn, () => new Recorder(), { command: 'x', window, maxPktsize });
  const open = await peer.next(MSG_CHANNEL_OPEN);
  open.readString();
  const ourId = open.readUint32();
  peer.send(encodeOpenConfirmation(ourId, 500, 1 << 20, 32768));
  await peer.next(MSG_CHANNEL_REQUEST);
  peer.send(encodeChannelOnly(MSG_CHANNEL_SUCCESS, ourId));
  const [channel, session] = await started;
  return { channel, session, ourId };
}

async function connectionStillWorks(conn: SSHConnection, peer: RawPeer): Promise<void> {
  const reply = conn.globalRequest('ping@test', undefined, true);
  await peer.next(MSG_GLOBAL_REQUEST);
  peer.send(Uint8Array.of(MSG_REQUEST_FAILURE));
  expect(await reply).toBeNull();
}

describe('a misbehaving peer', () => {
  it('overrunning the window: the channel (not the connection) closes, earlier data delivered', async () => {
    const { conn, peer } = await rawPair('client');
    const { session, ourId } = await openExec(conn, peer);
    peer.send(encodeData(ourId, null, new TextEncoder().encode('0123456789')));
    peer.send(encodeData(ourId, null, new Uint8Array(60).fill(65)));
    await session.closed;
    expect(session.data).toBe('0123456789');
    expect(session.lost).toBeInstanceOf(ProtocolError);
    expect(session.lost?.message).toMatch(/window/);
    await peer.next(MSG_CHANNEL_CLOSE);
    await connectionStillWorks(conn, peer);
  });

  it('data after EOF closes the channel with a ProtocolError', async () => {
    const { conn, peer } = await rawPair('client');
    const { session, ourId } = await openExec(conn, peer);
    peer.send(encodeData(ourId, null, new TextEncoder().encode('before')));
    peer.send(encodeChannelOnly(MSG_CHANNEL_EOF, ourId));
    peer.send(encodeData(ourId, null, new TextEncoder().encode('after')));
    await session.closed;
    expect(session.data).toBe('before');
    expect(session.lost?.message).toMatch(/after EOF/);
    await connectionStillWorks(conn, peer);
  });

  it('a packet larger than our max packet size, or extended data, are checked too', async () => {
    const { conn, peer } = await rawPair('client');
    const { session, ourId } = await openExec(conn, peer, 1000, 32);
    peer.send(encodeData(ourId, EXTENDED_DATA_STDERR, new TextEncoder().encode('err')));
    peer.send(encodeData(ourId, null, new Uint8Array(33)));
    await session.closed;
    expect(session.data).toBe('err');
    expect(session.lost?.message).toMatch(/exceeds the maximum/);
  });

  it('a window adjust past 2^32-1 closes the channel', async () => {
    const { conn, peer } = await rawPair('client');
    const { session, ourId } = await openExec(conn, peer);
    peer.send(encodeWindowAdjust(ourId, 0xffffffff));
    await session.closed;
    expect(session.lost?.message).toMatch(/overflows/);
  });

  it('a channel request reply we never asked for closes the channel', async () => {
    const { conn, peer } = await rawPair('client');
    const { session, ourId } = await openExec(conn, peer);
    peer.send(encodeChannelOnly(MSG_CHANNEL_SUCCESS, ourId));
    await session.closed;
    expect(session.lost).toBeInstanceOf(ProtocolError);
    await connectionStillWorks(conn, peer);
  });

  it('a global reply we never asked for, or data after CLOSE, ends the connection with a typed error', async () => {
    const a = await rawPair('client');
    a.peer.send(Uint8Array.of(MSG_REQUEST_SUCCESS));
    expect(await a.ours.closedPromise).toBeInstanceOf(ProtocolError);

    const b = await rawPair('client');
    const { session, ourId } = await openExec(b.conn, b.peer);
    b.peer.send(encodeData(ourId, null, new TextEncoder().encode('last words')));
    b.peer.send(encodeChannelOnly(MSG_CHANNEL_CLOSE, ourId));
    b.peer.send(encodeData(ourId, null, new TextEncoder().encode('zombie')));
    const err = await b.ours.closedPromise;
    await session.closed;
    expect(session.data).toBe('last words');
    expect(session.lost).toBeNull();
    expect(err).toBeInstanceOf(ProtocolError);
    expect(err?.message).toMatch(/unknown channel/);
  });

  it('data right behind the open confirmation (same read) reaches the session', async () => {
    const { conn, peer } = await rawPair('client');
    const started = createSession(conn, () => new Recorder(), { command: 'x' });
    const open = await peer.next(MSG_CHANNEL_OPEN);
    open.readString();
    const ourId = open.readUint32();
    peer.send(encodeOpenConfirmation(ourId, 500, 1 << 20, 32768));
    peer.send(encodeData(ourId, null, new TextEncoder().encode('early')));
    await peer.next(MSG_CHANNEL_REQUEST);
    peer.send(encodeChannelOnly(MSG_CHANNEL_SUCCESS, ourId));
    const [, session] = await started;
    expect(session.data).toBe('early');
  });

  it('a peer opening with a huge max packet size gets packets no larger than ours', async () => {
    const { conn, peer } = await rawPair('server');
    const big = 'x'.repeat(100_000);
    acceptSessions(conn, {
      processFactory: (p) => {
        p.stdout.write(big);
        p.exit(0);
      },
    });
    peer.send(encodeChannelOpen('session', 9, 0xffffffff, 0xffffffff));
    const conf = await peer.next(MSG_CHANNEL_OPEN_CONFIRMATION);
    expect(conf.readUint32()).toBe(9);
    const serverId = conf.readUint32();
    peer.send(
      new PacketWriter()
        .writeByte(MSG_CHANNEL_REQUEST)
        .writeUint32(serverId)
        .writeString('exec')
        .writeBoolean(false)
        .writeString('x')
        .toBytes(),
    );
    let got = 0;
    while (got < big.length) {
      const d = await peer.next(MSG_CHANNEL_DATA);
      d.readUint32();
      const n = d.readString().length;
      expect(n).toBeLessThanOrEqual(32768);
      got += n;
    }
    expect(got).toBe(big.length);
  });

  it('a peer going away mid-stream: data already received stays readable, then the error', async () => {
    const { conn, peer, ours } = await rawPair('client');
    const { session, ourId } = await openExec(conn, peer);
    peer.send(encodeData(ourId, null, new TextEncoder().encode('half')));
    await vi.waitFor(() => expect(session.data).toBe('half'));
    peer.transport.abort();
    await ours.closedPromise;
    await session.closed;
    expect(session.data).toBe('half');
    expect(session.lost?.name).toBe('ConnectionLost');
  });
});
