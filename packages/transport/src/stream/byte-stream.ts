/** Receives what a byte stream delivers. */
export interface ByteStreamSink {
  /** Bytes arrived. The chunk is the receiver's to keep. */
  data(chunk: Uint8Array): void;
  /** Writing may continue after `write` returned false. */
  drain(): void;
  /** The peer finished sending (half close). */
  end(): void;
  /** The stream is closed in both directions, with the error that closed it if any. */
  close(error?: Error): void;
}

/**
 * The one duplex byte stream the SSH transport runs over: a TCP or UNIX
 * socket, a channel of another SSH connection, a WebSocket, or an in-memory
 * pair. Adapters turn each of those into this shape at the edge.
 */
export interface ByteStream {
  /** Start delivering to `sink`; called once. */
  attach(sink: ByteStreamSink): void;
  /**
   * Send bytes. The stream may hold on to `data` until it is sent, so the
   * caller must not change it afterwards. Returns false when the caller
   * should wait for `drain` before writing more.
   */
  write(data: Uint8Array): boolean;
  /** Finish sending (half close); data already written is still delivered. */
  end(): void;
  /** Close both directions at once; unsent data may be lost. */
  destroy(error?: Error): void;
  /** Stop delivering data until `resume` (back-pressure toward the peer). */
  pause(): void;
  resume(): void;
}
