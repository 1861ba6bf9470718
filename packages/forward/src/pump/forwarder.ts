import type { Duplex } from 'node:stream';
import type { ChannelData, SessionHandler, SSHChannel } from '@ssh/channels';

/**
 * One established forwarding: a local socket (any Node duplex stream, such
 * as a net.Socket) joined to an SSH channel (AsyncSSH's SSHForwarder). Data flows both ways with back-pressure, EOF in either
 * direction is passed on, and closing either side closes the other.
 */
export class SSHForwarder implements SessionHandler {
  private channel: SSHChannel | null = null;
  private readonly socket: Duplex;
  private readonly extra: Map<string, unknown>;
  private readonly initial: Uint8Array | undefined;
  private started = false;
  private finished = false;

  /**
   * @param socket the local side; it is paused until the channel is open.
   * @param extra values getExtraInfo answers before asking the channel.
   * @param initial bytes already read from the socket, sent first (e.g. after a SOCKS request).
   */
  constructor(socket: Duplex, extra: Record<string, unknown> = {}, initial?: Uint8Array) {
    this.socket = socket;
    this.extra = new Map(Object.entries(extra));
    this.initial = initial && initial.length > 0 ? initial : undefined;
    socket.pause();
    socket.on('error', () => undefined);
    socket.on('close', () => this.socketClosed());
  }

  /** A value given at creation, else the channel's extra info ('local_peername', 'remote_peername', ...). */
  getExtraInfo(name: string, defaultValue?: unknown): unknown {
    if (this.extra.has(name)) return this.extra.get(name);
    if (name === 'socket') return this.socket;
    return this.channel ? this.channel.getExtraInfo(name, defaultValue) : defaultValue;
  }

  /** Stop this forwarding: the channel and the local socket are closed. */
  close(): void {
    this.channel?.abort();
    this.socket.destroy();
  }

  /** @internal */
  connectionMade(channel: SSHChannel): void {
    this.channel = channel;
  }

  /** @internal The channel is open: start moving data. */
  sessionStarted(): void {
    const s = this.socket;
    const ch = this.channel;
    if (!ch) return;
    this.started = true;
    if (s.destroyed) {
      ch.close();
      return;
    }
    if (this.initial) ch.write(this.initial);
    s.on('data', (d: Uint8Array) => {
      if (!ch.isClosing()) ch.write(d);
    });
    s.on('end', () => {
      if (!ch.isClosing()) ch.writeEof();
    });
    s.on('drain', () => ch.resumeReading());
    s.resume();
  }

  /** @internal */
  dataReceived(data: ChannelData): void {
    const s = this.socket;
    if (s.destroyed || s.writableEnded) return;
    if (!s.write(data)) this.channel?.pauseReading();
  }

  /** @internal The peer sent EOF: half-close the socket and keep reading from it. */
  eofReceived(): boolean {
    if (!this.socket.destroyed) this.socket.end();
    return true;
  }

  /** @internal The channel's send queue is full: stop reading the socket. */
  pauseWriting(): void {
    this.socket.pause();
  }

  /** @internal */
  resumeWriting(): void {
    if (!this.socket.destroyed) this.socket.resume();
  }

  /** @internal The channel is gone: finish writing what it delivered, then drop the socket. */
  connectionLost(err: Error | null): void {
    this.finished = true;
    const s = this.socket;
    if (s.destroyed) return;
    if (err) {
      s.destroy();
      return;
    }
    if (s.writableFinished) s.destroy();
    else s.end(() => s.destroy());
  }

  private socketClosed(): void {
    if (this.finished || !this.started) return;
    // Queued data still goes out before the CLOSE.
    this.channel?.close();
  }
}
