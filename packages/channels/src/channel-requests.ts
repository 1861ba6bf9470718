import { MSG_CHANNEL_FAILURE, MSG_CHANNEL_SUCCESS, type PacketReader, ProtocolError } from '@ssh/wire';
import type { SSHChannel } from './channel.js';
import { ChannelClosedError } from './errors.js';
import { encodeChannelOnly, encodeChannelRequest } from './messages.js';

/** Handles one incoming channel request; true accepts it. */
export type ChannelRequestHandler = (type: string, data: PacketReader) => boolean | Promise<boolean>;

/**
 * Channel requests (RFC 4254 §5.4) of one channel: outgoing requests wait for
 * their replies in order; incoming ones are answered in the order received,
 * even when a handler answers asynchronously.
 */
export class ChannelRequests {
  private readonly channel: SSHChannel;
  private readonly handler: ChannelRequestHandler;
  private readonly waiters: { resolve(ok: boolean): void }[] = [];
  private chain: Promise<void> = Promise.resolve();
  private inFlight = 0;

  private readonly after: (type: string, ok: boolean) => void;

  constructor(
    channel: SSHChannel,
    handler: ChannelRequestHandler,
    after: (type: string, ok: boolean) => void,
  ) {
    this.channel = channel;
    this.handler = handler;
    this.after = after;
  }

  /** Send a request; resolves with the reply (true at once when no reply is wanted). */
  send(type: string, data: Uint8Array | undefined, wantReply: boolean): Promise<boolean> {
    if (!this.channel.canSend) return Promise.reject(new ChannelClosedError());
    this.channel.sendPacket(encodeChannelRequest(this.channel.remoteId, type, wantReply, data));
    if (!wantReply) return Promise.resolve(true);
    return new Promise((resolve) => this.waiters.push({ resolve }));
  }

  /** A CHANNEL_SUCCESS or CHANNEL_FAILURE arrived. */
  reply(ok: boolean): void {
    const w = this.waiters.shift();
    if (!w) throw new ProtocolError('channel request reply received with no request outstanding');
    w.resolve(ok);
  }

  /** A CHANNEL_REQUEST arrived. */
  receive(r: PacketReader): void {
    const type = r.readName('request type');
    const wantReply = r.readBoolean('want reply');
    if (this.inFlight === 0) {
      const result = this.run(type, r);
      if (typeof result === 'boolean') {
        this.answer(wantReply, result);
        this.after(type, result);
        return;
      }
      this.queue(type, result, wantReply);
      return;
    }
    this.queue(
      type,
      this.chain.then(() => this.run(type, r)),
      wantReply,
    );
  }

  /** Fail every request still waiting for a reply (the channel closed). */
  cancel(): void {
    for (const w of this.waiters.splice(0)) w.resolve(false);
  }

  private queue(type: string, result: boolean | Promise<boolean>, wantReply: boolean): void {
    this.inFlight++;
    this.chain = Promise.resolve(result)
      .catch(() => false)
      .then((ok) => {
        this.inFlight--;
        this.answer(wantReply, ok);
        this.after(type, ok);
      });
  }

  private run(type: string, r: PacketReader): boolean | Promise<boolean> {
    try {
      return this.handler(type, r);
    } catch (err) {
      this.channel.logger.debug1('Request %s failed: %s', type, err instanceof Error ? err.message : err);
      return false;
    }
  }

  private answer(wantReply: boolean, ok: boolean): void {
    if (!wantReply || !this.channel.canSend) return;
    this.channel.sendPacket(
      encodeChannelOnly(ok ? MSG_CHANNEL_SUCCESS : MSG_CHANNEL_FAILURE, this.channel.remoteId),
    );
  }
}
