/** Receives what the agent connection delivers (the shape of @ssh/transport's ByteStreamSink). */
export interface AgentStreamSink {
  /** Bytes arrived. */
  data(chunk: Uint8Array): void;
  /** Writing may continue. */
  drain(): void;
  /** The agent finished sending. */
  end(): void;
  /** The connection closed, with the error that closed it if any. */
  close(error?: Error): void;
}

/**
 * The duplex byte stream an agent client talks over: a UNIX socket (see
 * `connectAgent` in @ssh/auth/node), a forwarded agent channel, or an
 * in-memory pair in tests. @ssh/transport's ByteStream has this shape.
 */
export interface AgentStream {
  /** Start delivering to `sink`; called once. */
  attach(sink: AgentStreamSink): void;
  /** Send bytes; the stream may keep `data` until sent. */
  write(data: Uint8Array): boolean;
  /** Finish sending. */
  end(): void;
  /** Close both directions. */
  destroy(error?: Error): void;
}
