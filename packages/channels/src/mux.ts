import {
  ConnectionLost,
  DEFAULT_MAX_PKTSIZE,
  DEFAULT_WINDOW,
  MSG_CHANNEL_FIRST,
  MSG_CHANNEL_LAST,
  MSG_CHANNEL_OPEN,
  MSG_CHANNEL_OPEN_CONFIRMATION,
  MSG_CHANNEL_OPEN_FAILURE,
  MSG_GLOBAL_REQUEST,
  MSG_REQUEST_FAILURE,
  MSG_REQUEST_SUCCESS,
  OPEN_ADMINISTRATIVELY_PROHIBITED,
  OPEN_RESOURCE_SHORTAGE,
  OPEN_UNKNOWN_CHANNEL_TYPE,
  PacketReader,
  ProtocolError,
  type SSHLogger,
} from '@ssh/wire';
import type { SSHChannel } from './channel.js';
import { concatBytes, DEFAULT_ENCODING, type ErrorsPolicy } from './encoding.js';
import { ChannelOpenError } from './errors.js';
import { type GlobalRequestHandler, GlobalRequests } from './global-requests.js';
import { encodeChannelOpen, encodeOpenConfirmation, encodeOpenFailure } from './messages.js';
import { MAX_WINDOW } from './window.js';

/** The part of the transport the connection layer uses (the `Transport` of @ssh/transport fits). */
export interface ConnectionTransport {
  readonly role: 'client' | 'server';
  readonly logger: SSHLogger;
  readonly closedPromise: Promise<Error | undefined>;
  readonly isClosed: boolean;
  send(payload: Uint8Array): boolean;
  /** Send `payload` followed by `tail` as one message without joining them (optional: else `send` gets them joined). */
  sendParts?(payload: Uint8Array, tail: Uint8Array): boolean;
  setMessageHandler(handler: (payload: Uint8Array, seq: number) => void | Promise<void>): void;
  disconnect(code?: number, reason?: string, lang?: string): void;
}

/** Connection-wide channel defaults (AsyncSSH's encoding, errors, window, max_pktsize). */
export interface SSHConnectionOptions {
  encoding?: string | null;
  errors?: ErrorsPolicy;
  window?: number;
  maxPktsize?: number;
  /** Largest max packet size we honour from a peer when sending (default 32 KiB + headroom: 32768). */
  maxSendPktsize?: number;
  /** Most channels open at once before new opens get OPEN_RESOURCE_SHORTAGE (default 10000). */
  maxChannels?: number;
}

/** An incoming CHANNEL_OPEN, as given to the handler registered for its type. */
export interface ChannelOpenRequest {
  readonly type: string;
  /** The type-specific data after the common fields. */
  readonly data: PacketReader;
  readonly peerWindow: number;
  readonly peerMaxPktsize: number;
}

/** Builds the channel for an incoming open, or throws ChannelOpenError to refuse it. */
export type ChannelOpenHandler = (request: ChannelOpenRequest) => SSHChannel | Promise<SSHChannel>;

type Resolved = Required<Omit<SSHConnectionOptions, 'encoding'>> & { encoding: string | null };

/**
 * The connection protocol multiplexer (RFC 4254) over an established,
 * authenticated transport: channel numbers, channel open/confirm/failure,
 * global requests and their ordered replies, and routing of channel messages.
 */
export class SSHConnection {
  readonly transport: ConnectionTransport;
  readonly options: Resolved;
  readonly logger: SSHLogger;
  /** Global requests: send with `globalRequest`, answer with `registerGlobalRequest`. */
  readonly globals: GlobalRequests;
  private readonly channels = new Map<number, SSHChannel>();
  private readonly opening = new Map<
    number,
    { resolve(extra: PacketReader): void; reject(e: Error): void }
  >();
  private readonly openHandlers = new Map<string, ChannelOpenHandler>();
  private readonly drainWaiters = new Set<SSHChannel>();
  private nextId = 0;
  private blocked = false;
  private closedError: Error | undefined;
  private closed = false;
  /** Set after no-more-sessions@openssh.com: further session opens are refused. */
  noMoreSessions = false;

  constructor(transport: ConnectionTransport, options: SSHConnectionOptions = {}) {
    this.transport = transport;
    this.logger = transport.logger;
    this.options = {
      encoding: options.encoding === undefined ? DEFAULT_ENCODING : options.encoding,
      errors: options.errors ?? 'strict',
      window: checkSize(options.window ?? DEFAULT_WINDOW, 'window'),
      maxPktsize: checkSize(options.maxPktsize ?? DEFAULT_MAX_PKTSIZE, 'maxPktsize'),
      maxSendPktsize: options.maxSendPktsize ?? DEFAULT_MAX_PKTSIZE,
      maxChannels: options.maxChannels ?? 10000,
    };
    this.globals = new GlobalRequests(this);
    this.globals.register('no-more-sessions@openssh.com', () => {
      this.noMoreSessions = true;
      return true;
    });
    transport.setMessageHandler((payload) => this.onMessage(payload));
    void transport.closedPromise.then((err) => this.onClosed(err));
  }

  /** 'client' or 'server'. */
  get role(): 'client' | 'server' {
    return this.transport.role;
  }

  /** Whether the underlying transport has closed. */
  get isClosed(): boolean {
    return this.closed || this.transport.isClosed;
  }

  /** Whether channels should hold data until the transport drains. */
  get sendBlocked(): boolean {
    return this.blocked;
  }

  /** How many channels are open or opening. */
  get channelCount(): number {
    return this.channels.size;
  }

  /** Register the handler for incoming opens of a channel type (replacing any earlier one). */
  registerChannelType(type: string, handler: ChannelOpenHandler | null): void {
    if (handler) this.openHandlers.set(type, handler);
    else this.openHandlers.delete(type);
  }

  /** Register an answer to a global request name (see GlobalRequests). */
  registerGlobalRequest(name: string, handler: GlobalRequestHandler | null): void {
    this.globals.register(name, handler);
  }

  /**
   * Send a global request. With wantReply, resolves with the success data
   * (possibly empty), or null when the peer refused; without, resolves null.
   */
  globalRequest(name: string, data?: Uint8Array, wantReply = true): Promise<Uint8Array | null> {
    return this.globals.send(name, data, wantReply);
  }

  /** Send keepalive@openssh.com; resolves when the peer answers (any answer counts). */
  async sendKeepalive(): Promise<void> {
    await this.globals.send('keepalive@openssh.com', undefined, true);
  }

  /** Client: tell the server no more sessions will be opened (no-more-sessions@openssh.com). */
  sendNoMoreSessions(): void {
    this.globals.send('no-more-sessions@openssh.com', undefined, false).catch(() => undefined);
  }

  /**
   * Open `channel` as `type` with type-specific `extra` data. Resolves with a
   * reader over the confirmation's extra data; rejects with ChannelOpenError.
   */
  openChannel(channel: SSHChannel, type: string, extra?: Uint8Array): Promise<PacketReader> {
    if (this.isClosed) return Promise.reject(this.closedError ?? new ConnectionLost('connection is closed'));
    const id = this.allocateId(channel);
    return new Promise((resolve, reject) => {
      this.opening.set(id, { resolve, reject });
      this.sendPacket(encodeChannelOpen(type, id, channel.recvWindowSize, channel.recvPktsize, extra));
    });
  }

  /** Close the connection (SSH_MSG_DISCONNECT by application). */
  close(): void {
    this.transport.disconnect();
  }

  /** Resolves when the connection has closed. */
  async waitClosed(): Promise<void> {
    await this.transport.closedPromise;
  }

  /**
   * Send a payload (followed by `tail`, when given, in the same message);
   * false means the transport asked us to wait for `transportDrained`.
   */
  sendPacket(payload: Uint8Array, tail?: Uint8Array): boolean {
    if (this.isClosed) return false;
    const t = this.transport;
    const ok = !tail
      ? t.send(payload)
      : t.sendParts
        ? t.sendParts(payload, tail)
        : t.send(concatBytes([payload, tail]));
    if (!ok) this.blocked = true;
    return ok;
  }

  /** Call when the transport reports `drain`: channels waiting to send go on. */
  transportDrained(): void {
    this.blocked = false;
    const waiting = [...this.drainWaiters];
    this.drainWaiters.clear();
    for (const ch of waiting) {
      if (this.blocked) {
        this.drainWaiters.add(ch);
        continue;
      }
      ch.flush();
    }
  }

  /** A channel has data held back by transport back-pressure. */
  waitForDrain(channel: SSHChannel): void {
    this.drainWaiters.add(channel);
  }

  /** Forget a channel number once both sides have closed it. */
  releaseChannel(id: number): void {
    this.channels.delete(id);
    this.drainWaiters.forEach((c) => {
      if (c.localId === id) this.drainWaiters.delete(c);
    });
  }

  private allocateId(channel: SSHChannel): number {
    if (this.channels.size >= 0xffffffff)
      throw new ChannelOpenError(OPEN_RESOURCE_SHORTAGE, 'no free channel numbers');
    while (this.channels.has(this.nextId)) this.nextId = (this.nextId + 1) >>> 0;
    const id = this.nextId;
    this.nextId = (this.nextId + 1) >>> 0;
    this.channels.set(id, channel);
    return id;
  }

  private onMessage(payload: Uint8Array): void {
    const msg = payload[0] as number;
    const r = new PacketReader(payload, 1);
    switch (msg) {
      case MSG_GLOBAL_REQUEST:
        this.globals.receive(r);
        return;
      case MSG_REQUEST_SUCCESS:
      case MSG_REQUEST_FAILURE:
        this.globals.reply(msg === MSG_REQUEST_SUCCESS, r);
        return;
      case MSG_CHANNEL_OPEN:
        this.onOpen(r);
        return;
    }
    if (msg < MSG_CHANNEL_FIRST || msg > MSG_CHANNEL_LAST) {
      throw new ProtocolError(`unexpected message ${msg} in the connection protocol`);
    }
    const id = r.readUint32('recipient channel');
    const channel = this.channels.get(id);
    if (!channel) throw new ProtocolError(`message ${msg} for unknown channel ${id}`);
    if (msg === MSG_CHANNEL_OPEN_CONFIRMATION || msg === MSG_CHANNEL_OPEN_FAILURE) {
      this.onOpenReply(id, channel, msg, r);
      return;
    }
    if (channel.remoteId < 0) throw new ProtocolError(`message ${msg} for channel ${id} before it opened`);
    channel.handleMessage(msg, r);
  }

  private onOpenReply(id: number, channel: SSHChannel, msg: number, r: PacketReader): void {
    const waiter = this.opening.get(id);
    if (!waiter) throw new ProtocolError(`open reply for channel ${id}, which is not opening`);
    this.opening.delete(id);
    if (msg === MSG_CHANNEL_OPEN_FAILURE) {
      this.channels.delete(id);
      const code = r.readUint32('reason code');
      const reason = r.readUtf8('description');
      const lang = r.atEnd ? undefined : r.readUtf8('language tag');
      waiter.reject(new ChannelOpenError(code, reason, lang));
      return;
    }
    const remote = r.readUint32('sender channel');
    const window = r.readUint32('initial window size');
    const pkt = r.readUint32('maximum packet size');
    if (pkt === 0) {
      channel.opened(id, remote, window, 1);
      channel.abort();
      waiter.reject(new ChannelOpenError(OPEN_RESOURCE_SHORTAGE, 'peer offered a maximum packet size of 0'));
      return;
    }
    channel.opened(id, remote, window, Math.min(pkt, this.options.maxSendPktsize));
    waiter.resolve(r);
  }

  private onOpen(r: PacketReader): void {
    const type = r.readUtf8('channel type');
    const remote = r.readUint32('sender channel');
    const peerWindow = r.readUint32('initial window size');
    const peerMaxPktsize = r.readUint32('maximum packet size');
    const refuse = (e: unknown): void => {
      const err =
        e instanceof ChannelOpenError
          ? e
          : new ChannelOpenError(OPEN_ADMINISTRATIVELY_PROHIBITED, 'open refused');
      this.logger.debug1('Refused %s channel: %s', type, err.message);
      if (!this.isClosed) this.sendPacket(encodeOpenFailure(remote, err.code, err.reason, err.lang));
    };
    const handler = this.openHandlers.get(type);
    if (!handler) {
      refuse(new ChannelOpenError(OPEN_UNKNOWN_CHANNEL_TYPE, `unknown channel type ${type}`));
      return;
    }
    if (this.channels.size >= this.options.maxChannels) {
      refuse(new ChannelOpenError(OPEN_RESOURCE_SHORTAGE, 'too many channels'));
      return;
    }
    if (peerMaxPktsize === 0) {
      refuse(new ChannelOpenError(OPEN_RESOURCE_SHORTAGE, 'maximum packet size 0'));
      return;
    }
    const accept = (channel: SSHChannel): void => {
      if (this.isClosed) return;
      const id = this.allocateId(channel);
      channel.opened(id, remote, peerWindow, Math.min(peerMaxPktsize, this.options.maxSendPktsize));
      this.sendPacket(encodeOpenConfirmation(remote, id, channel.recvWindowSize, channel.recvPktsize));
      channel.accepted();
    };
    try {
      const result = handler({ type, data: r, peerWindow, peerMaxPktsize });
      if (result instanceof Promise) result.then(accept, refuse);
      else accept(result);
    } catch (e) {
      refuse(e);
    }
  }

  private onClosed(err: Error | undefined): void {
    this.closed = true;
    this.closedError = err ?? new ConnectionLost('connection closed');
    for (const w of this.opening.values()) w.reject(this.closedError);
    this.opening.clear();
    this.globals.cancel(this.closedError);
    for (const ch of [...this.channels.values()]) ch.connectionClosed(err);
    this.channels.clear();
  }
}

function checkSize(v: number, name: string): number {
  if (!Number.isInteger(v) || v <= 0 || v > MAX_WINDOW)
    throw new RangeError(`${name} must be 1..2^32-1, not ${v}`);
  return v;
}
