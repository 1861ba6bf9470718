import {
  type ChannelData,
  createConnection,
  type SessionHandler,
  type SSHChannel,
  type SSHConnection,
  type SSHTCPChannel,
} from '@ssh/channels';
import type { ByteStream, ByteStreamSink } from '@ssh/transport';
import { ConnectionLost } from '@ssh/wire';

/** Session handler that hands a TCP channel's events to a byte-stream sink. */
export class SinkSession implements SessionHandler {
  sink: ByteStreamSink | undefined;
  /** `onOpen` sees the channel once it is open (for channels the peer opened). */
  constructor(private readonly onOpen?: (channel: SSHChannel) => void) {}

  connectionMade(channel: SSHChannel): void {
    this.onOpen?.(channel);
  }

  private readonly early: Uint8Array[] = [];
  private ended = false;
  private closed: Error | null | undefined;

  attach(sink: ByteStreamSink): void {
    this.sink = sink;
    for (const c of this.early.splice(0)) sink.data(c);
    if (this.ended) sink.end();
    if (this.closed !== undefined) sink.close(this.closed ?? undefined);
  }

  dataReceived(data: ChannelData): void {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    if (this.sink) this.sink.data(bytes);
    else this.early.push(bytes);
  }

  eofReceived(): boolean {
    if (this.sink) this.sink.end();
    else this.ended = true;
    return true;
  }

  connectionLost(err: Error | null): void {
    if (this.sink) this.sink.close(err ?? undefined);
    else this.closed = err;
  }

  /** Whether the channel asked us to stop writing until resumeWriting. */
  writePaused = false;

  pauseWriting(): void {
    this.writePaused = true;
  }

  resumeWriting(): void {
    this.writePaused = false;
    this.sink?.drain();
  }
}

/** A TCP channel seen as the transport's byte stream. */
export class ChannelByteStream implements ByteStream {
  constructor(
    private readonly channel: SSHChannel,
    private readonly session: SinkSession,
  ) {}

  attach(sink: ByteStreamSink): void {
    this.session.attach(sink);
  }

  write(data: Uint8Array): boolean {
    if (this.channel.isClosing()) return false;
    this.channel.write(data);
    return !this.session.writePaused;
  }

  end(): void {
    this.channel.writeEof();
  }

  destroy(): void {
    this.channel.abort();
  }

  pause(): void {
    this.channel.pauseReading();
  }

  resume(): void {
    this.channel.resumeReading();
  }
}

/**
 * Open a direct-tcpip channel to host:port over `conn` and return it as a
 * byte stream, so that another SSH transport can run through it (tunnels and
 * jump hosts). Rejects with ChannelOpenError when the server refuses.
 */
export async function openTunnelStream(
  conn: SSHConnection,
  host: string,
  port: number,
): Promise<{ stream: ByteStream; channel: SSHTCPChannel }> {
  if (conn.isClosed) throw new ConnectionLost('the tunnel connection is closed');
  const [channel, session] = await createConnection(conn, () => new SinkSession(), host, port, {
    encoding: null,
  });
  return { stream: new ChannelByteStream(channel, session), channel };
}
