import {
  ConnectionLost,
  MSG_CHANNEL_CLOSE,
  MSG_CHANNEL_DATA,
  MSG_CHANNEL_EOF,
  MSG_CHANNEL_EXTENDED_DATA,
  MSG_CHANNEL_FAILURE,
  MSG_CHANNEL_REQUEST,
  MSG_CHANNEL_SUCCESS,
  MSG_CHANNEL_WINDOW_ADJUST,
  type PacketReader,
  ProtocolError,
  type SSHLogger,
} from '@ssh/wire';
import { ChannelRequests } from './channel-requests.js';
import { ChannelCodec, type ChannelData } from './encoding.js';
import { ChannelClosedError } from './errors.js';
import { type DataType, Inbound } from './inbound.js';
import { encodeChannelOnly, encodeDataHeader, encodeWindowAdjust } from './messages.js';
import type { SSHConnection } from './mux.js';
import { Outbound } from './outbound.js';
import type { ChannelOptions, SessionHandler } from './session-handler.js';
import { SendWindow } from './window.js';

export type { ChannelOptions, DataType, SessionHandler };

/**
 * One RFC 4254 channel: flow control in both directions, EOF and close
 * ordering, extended data, and channel requests with ordered replies. Session,
 * TCP and other channel kinds build on it.
 */
export class SSHChannel {
  /** The connection this channel belongs to. */
  readonly connection: SSHConnection;
  /** Channel-scoped logger. */
  readonly logger: SSHLogger;
  /** How data is encoded and decoded. */
  readonly codec: ChannelCodec;
  /** Our channel number, and the peer's (-1 until open). */
  localId = -1;
  remoteId = -1;
  protected session: SessionHandler | null = null;
  private acceptSession: SessionHandler | null = null;
  protected readonly requests: ChannelRequests;
  private readonly inbound: Inbound;
  private readonly outbound = new Outbound();
  readonly recvPktsize: number;
  private sendWindow: SendWindow | null = null;
  private eofPending = false;
  private eofSent = false;
  private closePending = false;
  private closeSent = false;
  private eofReceivedFlag = false;
  private peerClosed = false;
  private recvClosed = false;
  private readonly flushWaiters: (() => void)[] = [];
  private readonly extra = new Map<string, unknown>();
  private closeError: Error | null = null;
  private lost = false;
  private resolveClosed!: () => void;
  private readonly closedPromise: Promise<void>;

  constructor(connection: SSHConnection, options: ChannelOptions = {}) {
    this.connection = connection;
    const o = connection.options;
    this.codec = new ChannelCodec(
      options.encoding === undefined ? o.encoding : options.encoding,
      options.errors ?? o.errors,
    );
    this.inbound = new Inbound(this.codec, options.window ?? o.window, {
      data: (value, datatype) => this.session?.dataReceived?.(value, datatype),
      eof: () => this.deliverEof(),
      credit: (bytes) => {
        if (!this.closeSent && !this.peerClosed && !this.connection.isClosed) {
          this.sendPacket(encodeWindowAdjust(this.remoteId, bytes));
        }
      },
      failed: (err) => this.fail(err),
      idle: () => this.onIdle(),
    });
    // Hold what arrives until a session is attached (data may follow the open confirmation at once).
    this.inbound.pause();
    this.recvPktsize = options.maxPktsize ?? o.maxPktsize;
    this.logger = connection.logger.getChild('', 'chan=?');
    this.requests = new ChannelRequests(
      this,
      (type, r) => this.handleRequest(type, r),
      (type, ok) => this.afterRequest(type, ok),
    );
    this.closedPromise = new Promise((res) => {
      this.resolveClosed = res;
    });
  }

  /** Our receive window size. */
  get recvWindowSize(): number {
    return this.inbound.window.size;
  }

  /** Called by the connection once the channel is open in both directions. */
  opened(localId: number, remoteId: number, window: number, maxPktsize: number): void {
    this.localId = localId;
    this.remoteId = remoteId;
    this.sendWindow = new SendWindow(window, maxPktsize);
    (this as { logger: SSHLogger }).logger = this.connection.logger.getChild('', `chan=${localId}`);
  }

  /** Attach `session` (and start it) once our confirmation of an incoming open has gone out. */
  attachOnAccept(session: SessionHandler): void {
    this.acceptSession = session;
  }

  /** Called once our confirmation of an incoming open has gone out; starts the session given to attachOnAccept. */
  accepted(): void {
    const s = this.acceptSession;
    this.acceptSession = null;
    if (!s) return;
    this.attachSession(s);
    s.sessionStarted?.();
  }

  /** Attach the session handler and tell it the channel is open. */
  attachSession(session: SessionHandler): void {
    this.session = session;
    session.connectionMade?.(this);
    this.inbound.resume();
  }

  /** A value stored with setExtraInfo, or 'connection'. */
  getExtraInfo(name: string, defaultValue?: unknown): unknown {
    if (name === 'connection') return this.connection;
    return this.extra.has(name) ? this.extra.get(name) : defaultValue;
  }

  /** Store extra information on the channel. */
  setExtraInfo(values: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(values)) this.extra.set(k, v);
  }

  /** Send data (or extended data of `datatype`); queued while the peer's window is closed. */
  write(data: ChannelData, datatype: DataType = null): void {
    if (this.eofPending || this.closePending || this.closeSent || this.peerClosed) {
      throw new ChannelClosedError(
        this.closeSent || this.peerClosed ? 'channel is closed' : 'EOF already sent',
      );
    }
    const bytes = this.codec.encode(data);
    if (bytes.length === 0) return;
    this.outbound.push(bytes, datatype);
    this.flush();
    if (this.outbound.pauseDue()) this.session?.pauseWriting?.();
  }

  /** Send several chunks. */
  writelines(list: Iterable<ChannelData>, datatype: DataType = null): void {
    for (const d of list) this.write(d, datatype);
  }

  /** Always true: channels can half close. */
  canWriteEof(): boolean {
    return true;
  }

  /** Send EOF once the queued data has gone; reading continues. */
  writeEof(): void {
    if (this.eofPending || this.closeSent || this.peerClosed) return;
    this.eofPending = true;
    this.flush();
  }

  /** Bytes queued awaiting window. */
  getWriteBufferSize(): number {
    return this.outbound.size;
  }

  /** High and low water marks for pauseWriting/resumeWriting (default 64 KiB / 16 KiB). */
  setWriteBufferLimits(high?: number, low?: number): void {
    this.outbound.setLimits(high, low);
  }

  /** Stop delivering data; the peer's window is not refilled meanwhile. */
  pauseReading(): void {
    this.inbound.pause();
  }

  /** Resume delivery, flushing data and EOF buffered while paused. */
  resumeReading(): void {
    this.inbound.resume();
  }

  /** Whether the channel is closing or closed. */
  isClosing(): boolean {
    return this.closePending || this.closeSent || this.peerClosed || this.lost;
  }

  /** Close after the queued data has been sent. */
  close(): void {
    if (this.closePending || this.closeSent) return;
    this.closePending = true;
    this.flush();
  }

  /** Close at once, discarding queued data. */
  abort(): void {
    this.outbound.clear();
    this.sendClose();
  }

  /** Resolves once the channel is closed in both directions (or the connection is gone). */
  waitClosed(): Promise<void> {
    return this.closedPromise;
  }

  /** Send a channel request; resolves with the peer's answer (true when wantReply is false). */
  sendRequest(type: string, data?: Uint8Array, wantReply = false): Promise<boolean> {
    return this.requests.send(type, data, wantReply);
  }

  /** Handle a request from the peer; subclasses answer the ones they know. */
  protected handleRequest(_type: string, _data: PacketReader): boolean | Promise<boolean> {
    return false;
  }

  /** Called after the reply to a peer's request went out (servers start sessions here). */
  protected afterRequest(_type: string, _ok: boolean): void {}

  /** Run `fn` once every byte queued so far has been sent (before EOF and CLOSE). */
  whenFlushed(fn: () => void): void {
    this.flushWaiters.push(fn);
    this.flush();
  }

  /** Send a packet (followed by `tail`, when given) for this channel, noting whether the connection asked us to wait. */
  sendPacket(payload: Uint8Array, tail?: Uint8Array): boolean {
    if (this.connection.isClosed) return false;
    return this.connection.sendPacket(payload, tail);
  }

  /** Whether requests may still be sent (neither side has closed). */
  get canSend(): boolean {
    return !this.closeSent && !this.peerClosed && this.remoteId >= 0;
  }

  /** Push queued data within the peer's window; called again when the window or transport opens. */
  flush(): void {
    const win = this.sendWindow;
    if (!win || this.closeSent) return;
    while (!this.connection.sendBlocked) {
      const packet = this.outbound.take(win);
      if (!packet) break;
      const header = encodeDataHeader(this.remoteId, packet.datatype, packet.data.length);
      if (!this.sendPacket(header, packet.data)) {
        this.connection.waitForDrain(this);
      }
    }
    if (this.outbound.resumeDue()) this.session?.resumeWriting?.();
    if (!this.outbound.empty) {
      if (this.connection.sendBlocked) this.connection.waitForDrain(this);
      return;
    }
    for (const fn of this.flushWaiters.splice(0)) fn();
    if (this.eofPending && !this.eofSent) {
      this.eofSent = true;
      this.sendPacket(encodeChannelOnly(MSG_CHANNEL_EOF, this.remoteId));
    }
    if (this.closePending) this.sendClose();
  }

  /** Dispatch one channel message from the peer. */
  handleMessage(msg: number, r: PacketReader): void {
    try {
      if (this.recvClosed && msg !== MSG_CHANNEL_CLOSE) return;
      switch (msg) {
        case MSG_CHANNEL_WINDOW_ADJUST:
          this.sendWindow?.adjust(r.readUint32('bytes to add'));
          this.flush();
          return;
        case MSG_CHANNEL_DATA:
          this.onData(null, r.readString('data'));
          return;
        case MSG_CHANNEL_EXTENDED_DATA: {
          const type = r.readUint32('data type code');
          this.onData(type, r.readString('data'));
          return;
        }
        case MSG_CHANNEL_EOF:
          if (this.eofReceivedFlag) throw new ProtocolError('second EOF on channel');
          this.eofReceivedFlag = true;
          this.inbound.eof();
          return;
        case MSG_CHANNEL_CLOSE:
          this.onClose();
          return;
        case MSG_CHANNEL_REQUEST:
          this.requests.receive(r);
          return;
        case MSG_CHANNEL_SUCCESS:
        case MSG_CHANNEL_FAILURE:
          this.requests.reply(msg === MSG_CHANNEL_SUCCESS);
          return;
      }
    } catch (err) {
      this.fail(err instanceof Error ? err : new ProtocolError(String(err)));
    }
  }

  /** Close the channel because of `err` (a peer protocol violation): data received before stays readable. */
  fail(err: Error): void {
    if (this.lost) return;
    this.logger.debug1('Channel failed: %s', err.message);
    this.closeError ??= err;
    this.recvClosed = true;
    this.abort();
    this.inbound.drain();
  }

  /** The connection is gone: finish with `err`. */
  connectionClosed(err: Error | undefined): void {
    this.closeError ??= err ?? new ConnectionLost('connection closed');
    this.peerClosed = true;
    this.closeSent = true;
    this.recvClosed = true;
    this.outbound.clear();
    this.requests.cancel();
    this.inbound.release();
  }

  private onData(datatype: DataType, data: Uint8Array): void {
    if (this.eofReceivedFlag) throw new ProtocolError('data received after EOF');
    if (data.length > this.recvPktsize) {
      throw new ProtocolError(`data packet of ${data.length} bytes exceeds the maximum ${this.recvPktsize}`);
    }
    if (this.closeSent) {
      this.inbound.window.receive(data.length);
      return;
    }
    this.inbound.receive(data, datatype);
  }

  private onClose(): void {
    if (this.peerClosed) throw new ProtocolError('second CLOSE on channel');
    this.peerClosed = true;
    this.recvClosed = true;
    this.outbound.clear();
    this.sendClose();
    this.connection.releaseChannel(this.localId);
    this.requests.cancel();
    this.inbound.drain();
  }

  private sendClose(): void {
    if (this.closeSent) return;
    this.closeSent = true;
    this.closePending = true;
    if (this.remoteId >= 0 && !this.connection.isClosed) {
      this.connection.sendPacket(encodeChannelOnly(MSG_CHANNEL_CLOSE, this.remoteId));
    }
    this.requests.cancel();
  }

  private deliverEof(): void {
    const keepOpen = this.session?.eofReceived?.();
    if (!keepOpen && !this.closeSent && !this.peerClosed) this.close();
  }

  /** Finish once everything received has been delivered and the channel is closed or failed. */
  private onIdle(): void {
    if (this.lost) return;
    if (this.closeError || (this.peerClosed && this.closeSent)) this.finish();
  }

  private finish(): void {
    if (this.lost) return;
    this.lost = true;
    this.requests.cancel();
    this.logger.debug1('Channel closed%s', this.closeError ? `: ${this.closeError.message}` : '');
    try {
      this.session?.connectionLost?.(this.closeError);
    } finally {
      this.resolveClosed();
    }
  }
}
